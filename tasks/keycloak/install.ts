import { join } from 'node:path';
import { TaskError, templatesDir, type Ctx } from '../core/index.js';
import { apply, deleteObjects, getObject } from '../k8s/index.js';
import { ensureNamespace } from '../k8s/namespace.js';
import { renderText } from '../template/write.js';
import { askCredentials, createCredentials } from './credentials.js';
import { createDatabase, createDatabaseSecret, DATABASE, deleteDatabase } from './database.js';
import { installOperator } from './operator.js';
import { keycloakVars } from './vars.js';

/** Polls a Keycloak CR's Ready condition (upstream: kubectl wait, 600 s), bounded. */
async function waitKeycloakReady(ctx: Ctx, ns: string, timeoutSeconds = 600): Promise<void> {
  await ctx.effects.change(
    { describe: `wait up to ${timeoutSeconds}s for keycloak/keycloak in ${ns} to be Ready` },
    () => pollKeycloakReady(ctx, ns, timeoutSeconds),
  );
}

async function pollKeycloakReady(ctx: Ctx, ns: string, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const cr = await getObject(ctx, 'keycloak', 'keycloak', ns);
    const ready = (cr?.status?.conditions ?? []).some(
      (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
    );
    if (ready) return;
    if (Date.now() >= deadline)
      throw new TaskError(
        `keycloak/keycloak in ${ns} not Ready within ${timeoutSeconds}s`,
        `see why with: kubectl describe keycloak keycloak -n ${ns}`,
      );
    await new Promise((r) => setTimeout(r, 5000));
  }
}

/** keycloak:install: operator, credentials, database and its Secret, then the Keycloak CR. */
export async function installKeycloak(ctx: Ctx): Promise<void> {
  const v = await ctx.config.read(keycloakVars);
  if (!v.KEYCLOAK_HOST)
    throw new TaskError('KEYCLOAK_HOST is required: set it in .env.local or the environment');
  const { adminUser, password } = await askCredentials(ctx);
  await installOperator(ctx);
  await createCredentials(ctx, adminUser, password);
  await createDatabase(ctx, DATABASE);
  await createDatabaseSecret(ctx);
  await ensureNamespace(ctx, v.KEYCLOAK_NAMESPACE);
  const cr = renderText(
    join(templatesDir('keycloak'), 'keycloak-cr.gomplate.yaml'),
    { KEYCLOAK_NAMESPACE: v.KEYCLOAK_NAMESPACE, KEYCLOAK_HOST: v.KEYCLOAK_HOST },
    ctx.cwd,
  );
  await apply(ctx, cr, 'Keycloak CR and its Ingress');
  await waitKeycloakReady(ctx, v.KEYCLOAK_NAMESPACE);
  ctx.effects.done(`Keycloak installed at https://${v.KEYCLOAK_HOST}`);
}

/** keycloak:uninstall: the CR (waited for), the namespace, and by default the database. */
export async function uninstallKeycloak(ctx: Ctx, deleteDb: boolean): Promise<void> {
  const ns = (await ctx.config.read(keycloakVars)).KEYCLOAK_NAMESPACE;
  const what = deleteDb
    ? `Keycloak, namespace ${ns} and database ${DATABASE}`
    : `Keycloak and namespace ${ns}`;
  if (!(await ctx.effects.confirm(`Uninstall ${what}?`)))
    throw new TaskError('Keycloak was not uninstalled', 'pass --yes to uninstall without asking');
  await ctx.exec.change('kubectl', [
    'delete',
    'keycloak',
    'keycloak',
    '-n',
    ns,
    '--ignore-not-found',
  ]);
  await ctx.exec.change(
    'kubectl',
    ['wait', '--for=delete', 'keycloak/keycloak', '-n', ns, '--timeout=300s'],
    { allowFailure: true, timeoutMs: 330_000 },
  );
  await deleteObjects(ctx, 'namespace', [ns]);
  if (deleteDb) await deleteDatabase(ctx, DATABASE);
}
