import { formatDuration, parseDuration, sideBySide, type Ctx } from '../core/index.js';
import { apply } from '../k8s/kubectl-changes.js';
import { connectVault, kvPath, type VaultApi } from '../vault/client.js';
import { readTemplate } from './render.js';
import { planVariable, VAULT_TOKEN_SECRET } from './secrets.js';
import type { Settings } from './settings.js';

export const ADMIN_POLICY = 'jupyterhub-admin';
export const KUBERNETES_ROLE = 'auth/kubernetes/role/jupyterhub-admin';
export const RENEWER_CONFIGMAP = 'vault-token-renewer-config';
/** The token role the hub mints user tokens through (auth/token/create/<role>). */
export const USER_TOKEN_ROLE = 'jupyterhub-user';
export const USER_TOKEN_ROLE_PATH = `auth/token/roles/${USER_TOKEN_ROLE}`;

/** The API paths install writes in Vault: checked against the token before any change. */
export function vaultWritesOfInstall(
  integration: boolean,
  secrets: readonly { vaultPath: string }[],
): string[] {
  const kv = secrets.map((x) => `${kvPath('data', x.vaultPath)}`);
  if (!integration) return kv;
  return [
    ...kv,
    `sys/policies/acl/${ADMIN_POLICY}`,
    KUBERNETES_ROLE,
    USER_TOKEN_ROLE_PATH,
    'auth/token/create-orphan',
    kvPath('data', VAULT_TOKEN_SECRET.vaultPath),
  ];
}

/** Root token from the argument, else VAULT_TOKEN, else asked; never OIDC. */
export const rootVault = (ctx: Ctx, rootToken?: string): Promise<VaultApi> =>
  connectVault(ctx, { explicit: rootToken, root: true });

/** Policy jupyterhub-admin, the Kubernetes auth role, the renewer ConfigMap. */
export async function setupVaultIntegration(ctx: Ctx, s: Settings, vault: VaultApi): Promise<void> {
  ctx.log.step('Vault integration: policy, Kubernetes auth role, token renewer');
  // Four independent writes (Vault keeps policy names, not references): side by side.
  await sideBySide(ctx, [
    () => vault.writePolicy(ADMIN_POLICY, readTemplate('jupyterhub-admin-policy.hcl')),
    // User tokens: only jupyter-user-* (and default) policies, orphans (they outlive a
    // replaced hub token), renewable up to the max TTL the role enforces.
    () =>
      vault.write(USER_TOKEN_ROLE_PATH, {
        allowed_policies: 'default',
        allowed_policies_glob: 'jupyter-user-*',
        orphan: true,
        renewable: true,
        token_explicit_max_ttl: s.NOTEBOOK_VAULT_TOKEN_MAX_TTL,
        token_type: 'service',
      }),
    () =>
      vault.write(KUBERNETES_ROLE, {
        bound_service_account_names: 'hub',
        bound_service_account_namespaces: s.JUPYTERHUB_NAMESPACE,
        policies: ADMIN_POLICY,
        audience: 'vault',
        ttl: s.JUPYTERHUB_VAULT_TOKEN_TTL,
        max_ttl: '720h',
      }),
    () =>
      apply(
        ctx,
        [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: RENEWER_CONFIGMAP, namespace: s.JUPYTERHUB_NAMESPACE },
            data: { 'vault-token-renewer.sh': readTemplate('vault-token-renewer.sh') },
          },
        ],
        `ConfigMap ${RENEWER_CONFIGMAP} (the token renewer script)`,
      ),
  ]);
  const ttl = parseDuration(s.JUPYTERHUB_VAULT_TOKEN_TTL)!;
  ctx.log.info(
    [
      `  hub admin token: ttl ${s.JUPYTERHUB_VAULT_TOKEN_TTL}, renewed every ${formatDuration(renewInterval(ttl))} by the vault-token-renewer sidecar`,
      `  user tokens: ttl ${s.NOTEBOOK_VAULT_TOKEN_TTL}, max ttl ${s.NOTEBOOK_VAULT_TOKEN_MAX_TTL}, created at spawn through token role ${USER_TOKEN_ROLE} with policy jupyter-user-<username>`,
      `  in a notebook: from buunstack import SecretStore; SecretStore().put("name", key="value")`,
    ].join('\n'),
  );
}

/** The sidecar renews at half the TTL, at least every 30 s; 12 h when the TTL is 0. */
export const renewInterval = (ttlSeconds: number): number =>
  ttlSeconds === 0 ? 43200 : Math.max(30, Math.floor(ttlSeconds / 2));

export interface AdminTokenResult {
  token: string | undefined;
  created: boolean;
}

/**
 * What a plan shows for the admin token a planned `vault write auth/token/create-orphan`
 * would return: a reference ($JUPYTERHUB_VAULT_TOKEN) the plan's reader supplies.
 */
export const plannedAdminToken = (ctx: Ctx): string =>
  ctx.secrets.add('(the new admin token)', planVariable(VAULT_TOKEN_SECRET));

/**
 * The hub's admin token (an orphan; policy jupyterhub-admin, renewable, no explicit max
 * TTL), stored at secret/jupyterhub/vault-token. With `keepValid`, a stored
 * token that is still valid and renewable is kept; a replaced one is revoked.
 */
export async function createJupyterhubVaultToken(
  ctx: Ctx,
  s: Settings,
  vault: VaultApi,
  keepValid: boolean,
): Promise<AdminTokenResult> {
  const previous = (await vault.kvGet(VAULT_TOKEN_SECRET.vaultPath))?.[
    VAULT_TOKEN_SECRET.vaultField
  ];
  const old = typeof previous === 'string' && previous ? ctx.secrets.add(previous) : undefined;
  if (keepValid && old) {
    const info = await vault.lookupToken(old);
    if (info && info.renewable && info.ttl > 0 && info.policies.includes(ADMIN_POLICY)) {
      ctx.log.ok(
        `kept the hub's Vault admin token (still valid for ${formatDuration(info.ttl)}, renewable)`,
      );
      return { token: old, created: false };
    }
  }
  // An orphan: revoking the root token that created it (routine hardening) must not cut the hub off.
  const token = await vault.createToken({
    orphan: true,
    policies: [ADMIN_POLICY],
    ttl: s.JUPYTERHUB_VAULT_TOKEN_TTL,
    explicitMaxTtl: '0',
    displayName: 'jupyterhub-admin',
    renewable: true,
  });
  await vault.kvPut(VAULT_TOKEN_SECRET.vaultPath, {
    [VAULT_TOKEN_SECRET.vaultField]: token ?? plannedAdminToken(ctx),
  });
  if (old && old !== token) await vault.revokeToken(old, '(the previous hub admin token)');
  const ttl = parseDuration(s.JUPYTERHUB_VAULT_TOKEN_TTL)!;
  ctx.effects.done(
    `hub Vault admin token created: ttl ${s.JUPYTERHUB_VAULT_TOKEN_TTL}, no explicit max TTL, renewed every ${formatDuration(renewInterval(ttl))}; stored at secret/${VAULT_TOKEN_SECRET.vaultPath}`,
  );
  return { token, created: true };
}
