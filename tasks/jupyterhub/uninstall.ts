import { TaskError, type Ctx } from '../core/index.js';
import { deleteClient } from '../keycloak/clients.js';
import { isInstalled, uninstall as helmUninstall } from '../k8s/helm.js';
import { getObject } from '../k8s/kubectl.js';
import { clearClaimRef, deleteBySelector, deleteObjects } from '../k8s/kubectl-changes.js';
import { connectVault, type VaultApi } from '../vault/client.js';
import { isNative } from './auth.js';
import { RELEASE } from './install.js';
import { ADMIN_SERVICE_TOKEN, CRYPT_KEY, VAULT_TOKEN_SECRET } from './secrets.js';
import { loadSettings } from './settings.js';
import { SPARK_ACCOUNT } from './spark.js';
import {
  formatInventory,
  SERVICE_MONITOR,
  uninstallInventory,
  USER_POD_SELECTOR,
} from './uninstall-inventory.js';
import { NFS_PV, NFS_PVC, NFS_STORAGE_CLASS } from './storage.js';
import {
  ADMIN_POLICY,
  KUBERNETES_ROLE,
  RENEWER_CONFIGMAP,
  USER_TOKEN_ROLE_PATH,
} from './vault-integration.js';

/**
 * Removes the release and everything install created in the namespace; the
 * namespace itself stays. With `purge`, also the hub's Vault entries (destroyed),
 * its admin token, policy and auth role, and the Keycloak client.
 */
export async function uninstall(ctx: Ctx, purge: boolean): Promise<void> {
  const s = await loadSettings(ctx);
  const ns = s.JUPYTERHUB_NAMESPACE;
  // Vault is reached before anything is removed: --purge needs the root token (missing → stop),
  // a plain uninstall only tries (a login prompt or browser must not come after the cluster is gone).
  const vault = purge
    ? await connectVault(ctx, { root: true })
    : await hubVaultIfInstalled(ctx, s.K8S_VAULT_NAMESPACE);
  ctx.log.step(formatInventory(await uninstallInventory(ctx, s, purge, vault)));
  // A preview changes nothing, so it needs no confirmation (and no terminal).
  if (!(await ctx.effects.confirm('Uninstall JupyterHub?'))) {
    throw new TaskError(
      'JupyterHub was not uninstalled',
      'pass --yes to confirm without a terminal',
    );
  }

  await helmUninstall(ctx, RELEASE, ns);
  await deleteBySelector(ctx, 'pods', USER_POD_SELECTOR, ns);
  await deleteObjects(ctx, 'pvc', [NFS_PVC], ns);
  await deleteObjects(ctx, 'secret', [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name], ns);
  await deleteObjects(
    ctx,
    'externalsecret',
    [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name, VAULT_TOKEN_SECRET.name],
    ns,
  );
  await deleteObjects(ctx, 'configmap', [RENEWER_CONFIGMAP], ns);
  await deleteObjects(ctx, 'servicemonitor', [SERVICE_MONITOR], ns);
  for (const kind of ['rolebinding', 'role', 'serviceaccount'])
    await deleteObjects(ctx, kind, [SPARK_ACCOUNT], ns);
  if (await getObject(ctx, 'pv', NFS_PV)) await clearClaimRef(ctx, NFS_PV);

  if (purge && vault)
    // Native login made no Keycloak client, and a run without Keycloak must not call it.
    await purgeVaultAndKeycloak(
      ctx,
      vault,
      isNative(s) ? undefined : { realm: s.KEYCLOAK_REALM, clientId: s.JUPYTERHUB_OIDC_CLIENT_ID },
    );
  else if (vault) await deleteHubVaultEntries(ctx, vault);
  ctx.effects.done(
    `JupyterHub uninstalled from ${ns} (the namespace stays; npx tasks jupyterhub:delete-namespace removes it)`,
  );
}

/** The Vault connection for a plain uninstall, when Vault is installed; a problem is only a warning. */
async function hubVaultIfInstalled(
  ctx: Ctx,
  vaultNamespace: string,
): Promise<VaultApi | undefined> {
  if (!(await isInstalled(ctx, 'vault', vaultNamespace))) return undefined;
  try {
    return await connectVault(ctx);
  } catch (err) {
    ctx.log.warn(
      `Vault entries will not be deleted: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
}

/** Like the old recipe: soft-delete the two entries; a Vault problem is only a warning. */
async function deleteHubVaultEntries(ctx: Ctx, vault: VaultApi): Promise<void> {
  try {
    await vault.kvDelete(CRYPT_KEY.vaultPath);
    await vault.kvDelete(ADMIN_SERVICE_TOKEN.vaultPath);
  } catch (err) {
    ctx.log.warn(`Vault entries not deleted: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function purgeVaultAndKeycloak(
  ctx: Ctx,
  vault: VaultApi,
  client: { realm: string; clientId: string } | undefined,
): Promise<void> {
  await revokeAdminToken(ctx, vault);
  for (const secret of [CRYPT_KEY, ADMIN_SERVICE_TOKEN, VAULT_TOKEN_SECRET])
    await vault.kvDestroy(secret.vaultPath);
  await vault.deletePolicy(ADMIN_POLICY);
  await vault.deletePath(KUBERNETES_ROLE);
  await vault.deletePath(USER_TOKEN_ROLE_PATH);
  // The hub wrote one policy per user at spawn; users' own secrets are their data and stay.
  for (const name of (await vault.listPolicies()).filter((p) => p.startsWith('jupyter-user-')))
    await vault.deletePolicy(name);
  if (client) await deleteClient(ctx, client.realm, client.clientId);
}

async function revokeAdminToken(ctx: Ctx, vault: VaultApi): Promise<void> {
  const token = (await vault.kvGet(VAULT_TOKEN_SECRET.vaultPath))?.[VAULT_TOKEN_SECRET.vaultField];
  if (typeof token === 'string' && token)
    await vault.revokeToken(ctx.secrets.add(token), '(the hub admin token)');
}

/** Frees and deletes the static NFS PV, then its StorageClass. */
export async function deletePv(ctx: Ctx): Promise<void> {
  if (await getObject(ctx, 'pv', NFS_PV)) {
    await clearClaimRef(ctx, NFS_PV);
    await deleteObjects(ctx, 'pv', [NFS_PV]);
  } else {
    ctx.log.info(`  PersistentVolume ${NFS_PV} does not exist`);
  }
  await deleteObjects(ctx, 'storageclass', [NFS_STORAGE_CLASS]);
  ctx.effects.done('NFS volume objects removed (the data on the NFS export stays)');
}
