import type { Ctx } from '../core/index.js';
import { apply, deleteObjects, helm, waitExternalSecretReady } from '../k8s/index.js';
import { ensureNamespace } from '../k8s/namespace.js';
import { randomPassword } from '../utils/random.js';
import { connectVault } from '../vault/client.js';
import { remove as vaultRemove } from '../vault/kv.js';
import { keycloakVars } from './vars.js';

export const VAULT_PATH = 'keycloak/admin';

const secret = (name: string, namespace: string, stringData: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  type: 'Opaque',
  stringData,
});

/** ExternalSecret keycloak-credentials: admin-user and password from Vault keycloak/admin. */
export const credentialsExternalSecret = (namespace: string) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'keycloak-credentials', namespace },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { name: 'vault-secret-store', kind: 'ClusterSecretStore' },
    target: { name: 'keycloak-credentials', creationPolicy: 'Owner' },
    data: [
      { secretKey: 'admin-user', remoteRef: { key: VAULT_PATH, property: 'username' } },
      { secretKey: 'password', remoteRef: { key: VAULT_PATH, property: 'password' } },
    ],
  },
});

export async function putAdminCredentialsToVault(
  ctx: Ctx,
  username: string,
  password: string,
): Promise<void> {
  // Only the password is a secret: registering the user name ("admin") would mask every
  // "admin" in the output and refuse any command line that contains the word.
  ctx.secrets.add(password);
  await (await connectVault(ctx, { root: true })).kvPut(VAULT_PATH, { username, password });
  ctx.effects.done(`admin credentials stored in Vault under '${VAULT_PATH}'`);
}

export async function deleteAdminCredentialsFromVault(ctx: Ctx): Promise<void> {
  await vaultRemove(ctx, VAULT_PATH, true);
}

/**
 * create-credentials after its two questions: Secret keycloak-credentials (through External
 * Secrets from Vault when ESO is installed, else directly, copied to Vault when Vault is
 * installed) and Secret keycloak-bootstrap-admin for the operator. Secrets go over stdin.
 */
export async function createCredentials(
  ctx: Ctx,
  adminUser: string,
  password: string,
): Promise<void> {
  ctx.secrets.add(password);
  const v = await ctx.config.read(keycloakVars);
  const ns = v.KEYCLOAK_NAMESPACE;
  const esoNamespace = (await ctx.config.text('EXTERNAL_SECRETS_NAMESPACE')) || 'external-secrets';
  const vaultNamespace = (await ctx.config.text('K8S_VAULT_NAMESPACE')) || 'vault';
  const bootstrap = secret('keycloak-bootstrap-admin', ns, { username: adminUser, password });
  await ensureNamespace(ctx, ns);
  if (await helm.isInstalled(ctx, 'external-secrets', esoNamespace)) {
    ctx.log.step('External Secrets Operator found: keycloak-credentials syncs from Vault');
    await putAdminCredentialsToVault(ctx, adminUser, password);
    await deleteObjects(ctx, 'secret', ['keycloak-credentials'], ns);
    await deleteObjects(ctx, 'externalsecret', ['keycloak-credentials'], ns);
    await apply(ctx, [credentialsExternalSecret(ns)]);
    await waitExternalSecretReady(ctx, 'keycloak-credentials', ns, 180);
    await deleteObjects(ctx, 'secret', ['keycloak-bootstrap-admin'], ns);
    await apply(ctx, [bootstrap]);
  } else {
    ctx.log.step('External Secrets Operator not found: creating the Secrets directly');
    await deleteObjects(ctx, 'secret', ['keycloak-credentials', 'keycloak-bootstrap-admin'], ns);
    await apply(ctx, [
      secret('keycloak-credentials', ns, { 'admin-user': adminUser, password }),
      bootstrap,
    ]);
    if (await helm.isInstalled(ctx, 'vault', vaultNamespace))
      await putAdminCredentialsToVault(ctx, adminUser, password);
  }
  ctx.effects.done(`Keycloak admin credentials for ${adminUser} created in ${ns}`);
}

/** The create-credentials questions: user (default admin), password (empty = random). */
export async function askCredentials(ctx: Ctx): Promise<{ adminUser: string; password: string }> {
  const adminUser =
    (await ctx.config.text('KEYCLOAK_ADMIN_USER')) ||
    (await ctx.prompt.input({
      variable: 'KEYCLOAK_ADMIN_USER',
      message: 'Initial Keycloak admin username',
      default: 'admin',
    }));
  const given = await ctx.config.text(
    'KEYCLOAK_ADMIN_PASSWORD',
    keycloakVars.KEYCLOAK_ADMIN_PASSWORD,
  );
  let password = given;
  if (!password && ctx.prompt.interactive)
    password = await ctx.prompt.password({
      variable: 'KEYCLOAK_ADMIN_PASSWORD',
      message: 'Initial Keycloak admin password (empty: generate one)',
    });
  if (!password) {
    password = ctx.secrets.add(randomPassword());
    ctx.log.info(
      '  generated a random admin password (read it with `npx tasks keycloak:admin-password`)',
    );
  }
  return { adminUser, password: ctx.secrets.add(password) };
}
