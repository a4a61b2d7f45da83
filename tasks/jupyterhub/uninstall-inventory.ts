import type { Ctx } from '../core/index.js';
import { keycloakAdmin } from '../keycloak/admin.js';
import { isNative } from './auth.js';
import { SPARK_ACCOUNT } from './spark.js';
import { findClient } from '../keycloak/session.js';
import { releases } from '../k8s/helm.js';
import { getObjects, listObjects, missingType } from '../k8s/kubectl.js';
import type { VaultApi } from '../vault/client.js';
import { RELEASE } from './install.js';
import { ADMIN_SERVICE_TOKEN, CRYPT_KEY, VAULT_TOKEN_SECRET } from './secrets.js';
import type { Settings } from './settings.js';
import { NFS_PV, NFS_PVC, NFS_STORAGE_CLASS } from './storage.js';
import {
  ADMIN_POLICY,
  KUBERNETES_ROLE,
  RENEWER_CONFIGMAP,
  USER_TOKEN_ROLE_PATH,
} from './vault-integration.js';

export const SERVICE_MONITOR = 'jupyterhub-hub';
export const USER_POD_SELECTOR = 'app.kubernetes.io/component=singleuser-server';

export type Action = 'remove' | 'soft-delete' | 'destroy' | 'revoke' | 'release claim' | 'stays';
export interface Item {
  system: 'kubernetes' | 'vault' | 'keycloak';
  /** kind/name (kubernetes), a path or policy (vault), client (keycloak) */
  what: string;
  action: Action;
  note?: string;
}

/** What uninstall (with or without purge) does to each thing that exists now, read from the live systems. */
export async function uninstallInventory(
  ctx: Ctx,
  s: Settings,
  purge: boolean,
  vault: VaultApi | undefined,
): Promise<Item[]> {
  const ns = s.JUPYTERHUB_NAMESPACE;
  const items: Item[] = [];
  const k8s = (what: string, action: Action, note?: string) =>
    items.push({ system: 'kubernetes', what, action, ...(note && { note }) });

  const release = (await releases(ctx)).find((r) => r.name === RELEASE && r.namespace === ns);
  if (release)
    k8s(
      `helm-release/${RELEASE}`,
      'remove',
      `revision ${release.revision}, ${release.chart}, with every object of the chart`,
    );
  for (const pod of await listObjects(ctx, 'pods', ns, USER_POD_SELECTOR))
    k8s(`pod/${pod.metadata.name}`, 'remove', 'a user server');
  const named: Array<[string, string[]]> = [
    ['persistentvolumeclaim', [NFS_PVC]],
    ['secret', [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name]],
    ['externalsecret', [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name, VAULT_TOKEN_SECRET.name]],
    ['configmap', [RENEWER_CONFIGMAP]],
    ['servicemonitor', [SERVICE_MONITOR]],
    ['serviceaccount', [SPARK_ACCOUNT]],
    ['role', [SPARK_ACCOUNT]],
    ['rolebinding', [SPARK_ACCOUNT]],
  ];
  const listed = new Set<string>();
  for (const [kind, names] of named)
    for (const name of await existingNames(ctx, kind, names, ns)) {
      listed.add(`${kind}/${name}`);
      k8s(
        `${kind}/${name}`,
        'remove',
        name === CRYPT_KEY.name && kind === 'secret'
          ? 'the crypt key: stored auth state becomes unreadable'
          : undefined,
      );
    }
  // What goes with them: the Secrets External Secrets synced (owned by their ExternalSecret,
  // so garbage-collected) and Helm's own release records.
  const external = [...listed].filter((x) => x.startsWith('externalsecret/'));
  const targets = external.length
    ? await getObjects(
        ctx,
        'externalsecret',
        external.map((x) => x.slice('externalsecret/'.length)),
        ns,
      )
    : [];
  for (const es of targets) {
    const target: string = es.spec?.target?.name ?? es.metadata.name;
    if (listed.has(`secret/${target}`)) continue;
    if ((await existingNames(ctx, 'secret', [target], ns)).length)
      k8s(`secret/${target}`, 'remove', `synced by ExternalSecret ${es.metadata.name}`);
  }
  if (release)
    for (const name of await existingNames(ctx, 'secret', [], ns, `owner=helm,name=${RELEASE}`))
      k8s(`secret/${name}`, 'remove', "Helm's record of the release");
  if ((await getObjects(ctx, 'namespace', [ns])).length) k8s(`namespace/${ns}`, 'stays');
  if ((await getObjects(ctx, 'pv', [NFS_PV])).length)
    k8s(`persistentvolume/${NFS_PV}`, 'release claim', 'the PV and its data stay');
  if ((await getObjects(ctx, 'storageclass', [NFS_STORAGE_CLASS])).length)
    k8s(`storageclass/${NFS_STORAGE_CLASS}`, 'stays');

  if (vault) await vaultItems(vault, purge, items);
  await keycloakItems(ctx, s, purge, items);
  return items;
}

async function vaultItems(vault: VaultApi, purge: boolean, items: Item[]) {
  const v = (what: string, action: Action, note?: string) =>
    items.push({ system: 'vault', what, action, ...(note && { note }) });
  const entries = new Set(await vault.kvList('jupyterhub'));
  for (const secret of [CRYPT_KEY, ADMIN_SERVICE_TOKEN, VAULT_TOKEN_SECRET]) {
    const leaf = secret.vaultPath.split('/').pop()!;
    if (!entries.has(leaf)) continue;
    const soft = secret !== VAULT_TOKEN_SECRET;
    // Metadata outlives a soft delete: only a live latest version can be soft-deleted.
    if (!purge && !(await vault.kvGet(secret.vaultPath))) continue;
    v(
      `secret/${secret.vaultPath}`,
      purge ? 'destroy' : soft ? 'soft-delete' : 'stays',
      purge ? 'every version' : soft ? 'vault kv undelete brings it back' : undefined,
    );
  }
  if (entries.has('vault-token'))
    v('hub admin token', purge ? 'revoke' : 'stays', 'the token at secret/jupyterhub/vault-token');
  const policies = await vault.listPolicies();
  if (policies.includes(ADMIN_POLICY)) v(`policy/${ADMIN_POLICY}`, purge ? 'remove' : 'stays');
  if (await vault.readPath(KUBERNETES_ROLE)) v(KUBERNETES_ROLE, purge ? 'remove' : 'stays');
  if (await vault.readPath(USER_TOKEN_ROLE_PATH))
    v(USER_TOKEN_ROLE_PATH, purge ? 'remove' : 'stays');
  for (const p of policies.filter((p) => p.startsWith('jupyter-user-')))
    v(`policy/${p}`, purge ? 'remove' : 'stays');
  for (const user of await vault.kvList('jupyter/users'))
    v(`secret/jupyter/users/${user.replace(/\/$/, '')}`, 'stays', "the user's own secrets");
}

async function keycloakItems(ctx: Ctx, s: Settings, purge: boolean, items: Item[]) {
  // Native login: the hub has nothing in Keycloak, and Keycloak is not asked.
  if (isNative(s)) return;
  const kc = await keycloakAdmin(ctx, s.KEYCLOAK_REALM).catch(() => undefined);
  if (!kc) return;
  const client = await findClient(ctx, kc, s.KEYCLOAK_REALM, s.JUPYTERHUB_OIDC_CLIENT_ID).catch(
    () => undefined,
  );
  if (client)
    items.push({
      system: 'keycloak',
      what: `client/${s.JUPYTERHUB_OIDC_CLIENT_ID}`,
      action: purge ? 'remove' : 'stays',
      note: `realm ${s.KEYCLOAK_REALM}`,
    });
}

/** Names of the objects that exist (by name or selector), without reading their data. */
async function existingNames(
  ctx: Ctx,
  kind: string,
  names: readonly string[],
  namespace: string,
  selector?: string,
): Promise<string[]> {
  if (await ctx.exec.planningOffline()) return [];
  const args = ['get', kind, ...names, '-n', namespace];
  if (selector) args.push('-l', selector);
  try {
    const r = await ctx.exec.query('kubectl', [...args, '-o', 'name', '--ignore-not-found']);
    return r.stdout
      .split('\n')
      .map((l) => l.trim().replace(/^[^/]+\//, ''))
      .filter(Boolean);
  } catch (err) {
    if (missingType(err)) return [];
    throw err;
  }
}

/** Two blocks, "removed" and "stays", one line per item: `  system  what  (note)`. */
export function formatInventory(items: readonly Item[]): string {
  const gone = items.filter((i) => i.action !== 'stays');
  const kept = items.filter((i) => i.action === 'stays');
  const line = (i: Item) =>
    `  - ${i.system}: ${i.action === 'stays' || i.action === 'remove' ? '' : `${i.action} `}${i.what}${i.note ? ` (${i.note})` : ''}`;
  return [
    gone.length ? 'Removed:' : 'Removed: nothing (JupyterHub is not installed here)',
    ...gone.map(line),
    'Stays:',
    ...(kept.length ? kept.map(line) : ['  (nothing)']),
  ].join('\n');
}
