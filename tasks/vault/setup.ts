import { TaskError, type Ctx } from '../core/index.js';
import { apply, getObject } from '../k8s/index.js';
import { connectVault, type VaultApi } from './client.js';
import { ADMIN_POLICY_HCL, withOidcRules } from './policies.js';
import { vaultVars } from './vars.js';

/** Root/admin token from the argument, else VAULT_TOKEN, else asked (never OIDC). */
export const rootVault = (ctx: Ctx, rootToken = ''): Promise<VaultApi> =>
  connectVault(ctx, { explicit: rootToken || undefined, root: true });

export async function createAdminPolicy(ctx: Ctx, vault: VaultApi): Promise<void> {
  await vault.writePolicy('admin', ADMIN_POLICY_HCL);
  ctx.effects.done('admin policy written');
}

/** kv-v2 at `path`; already there is fine, another engine there is an error. */
export async function createSecretsEngine(ctx: Ctx, vault: VaultApi, path: string): Promise<void> {
  const at = `${path.replace(/^\/+|\/+$/g, '')}`;
  const current = (await vault.secretsEngines())[`${at}/`];
  if (current) {
    if (current.type === 'kv' && current.options?.version === '2') {
      ctx.log.info(`  KV v2 already enabled at ${at}/`);
      return;
    }
    throw new TaskError(
      `${at}/ is already in use by a ${current.type} engine${current.options?.version ? ` (version ${current.options.version})` : ''}`,
      'choose another path',
    );
  }
  await vault.enableSecretsEngine(at, 'kv', { version: '2' });
  ctx.effects.done(`KV v2 secrets engine enabled at ${at}/`);
}

async function ensureAuth(ctx: Ctx, vault: VaultApi, path: string, type: string): Promise<void> {
  if ((await vault.authMethods())[`${path}/`]) return;
  await vault.enableAuth(path, type);
  ctx.effects.done(`auth method ${type} enabled at ${path}/`);
}

export const REVIEWER = { serviceAccount: 'vault-auth', secret: 'vault-auth-token' };

/** The reviewer ServiceAccount, its token-review binding and its long-lived token Secret. */
export function reviewerManifests(namespace: string): object[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: REVIEWER.serviceAccount, namespace },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'vault-auth-binding' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'system:auth-delegator',
      },
      subjects: [{ kind: 'ServiceAccount', name: REVIEWER.serviceAccount, namespace }],
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: REVIEWER.secret,
        namespace,
        annotations: { 'kubernetes.io/service-account.name': REVIEWER.serviceAccount },
      },
      type: 'kubernetes.io/service-account-token',
    },
  ];
}

/** Waits (bounded) for the token controller to fill the reviewer Secret. */
async function reviewerToken(ctx: Ctx, namespace: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await getObject(ctx, 'secret', REVIEWER.secret, namespace, { secret: true });
    const token = s?.data?.token;
    if (token) {
      const decode = (v: string | undefined) => Buffer.from(v ?? '', 'base64').toString('utf8');
      return { jwt: ctx.secrets.add(decode(token)), ca: decode(s.data?.['ca.crt']) };
    }
    if (Date.now() >= deadline)
      throw new TaskError(
        `Secret ${REVIEWER.secret} in ${namespace} got no token within ${timeoutMs / 1000}s`,
        `check it with: kubectl describe secret ${REVIEWER.secret} -n ${namespace}`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** setup-kubernetes-auth: reviewer account, kubernetes auth method, its config. */
export async function setupKubernetesAuth(ctx: Ctx, vault: VaultApi): Promise<void> {
  const { K8S_VAULT_NAMESPACE: ns } = await ctx.config.read(vaultVars);
  await apply(ctx, reviewerManifests(ns), 'token reviewer for Vault Kubernetes auth');
  // The token controller fills the Secret only once the planned apply has happened.
  const reviewer = await ctx.effects.made(() => reviewerToken(ctx, ns), {
    jwt: ctx.secrets.add('(the reviewer token)', 'VAULT_REVIEWER_JWT'),
    ca: '',
  });
  await ensureAuth(ctx, vault, 'kubernetes', 'kubernetes');
  await vault.write('auth/kubernetes/config', {
    token_reviewer_jwt: reviewer.jwt,
    kubernetes_host: 'https://kubernetes.default.svc',
    kubernetes_ca_cert: reviewer.ca,
  });
  ctx.effects.done('Kubernetes auth configured');
}

export interface OidcSetup {
  vaultHost: string;
  keycloakUrl: string;
  realm: string;
  clientSecret: string;
}

export const oidcRedirectUris = (vaultHost: string) => [
  `https://${vaultHost}/ui/vault/auth/oidc/oidc/callback`,
  'http://localhost:8250/oidc/callback',
  'http://localhost:8200/ui/vault/auth/oidc/oidc/callback',
];

/** The Vault side of setup-oidc-auth: method, config, default policy rules, two roles. */
export async function configureOidc(ctx: Ctx, vault: VaultApi, o: OidcSetup): Promise<void> {
  ctx.secrets.add(o.clientSecret);
  await ensureAuth(ctx, vault, 'oidc', 'oidc');
  await vault.write('auth/oidc/config', {
    oidc_discovery_url: `${o.keycloakUrl}/realms/${o.realm}`,
    oidc_client_id: 'vault',
    oidc_client_secret: o.clientSecret,
    default_role: 'default',
  });
  const current = await vault.readPolicy('default');
  const next = withOidcRules(current);
  if (next !== current) await vault.writePolicy('default', next);
  const role = {
    bound_audiences: 'vault',
    allowed_redirect_uris: oidcRedirectUris(o.vaultHost),
    user_claim: 'preferred_username',
    groups_claim: 'groups',
  };
  await vault.write('auth/oidc/role/default', { ...role, token_policies: 'default' });
  await vault.write('auth/oidc/role/admin', {
    ...role,
    bound_claims: { groups: ['vault-admins'] },
    token_policies: 'admin',
  });
  ctx.effects.done('Vault OIDC authentication configured');
}

/** setup-jwt-auth: a jwt method validating Keycloak tokens, and one role for an audience. */
export async function setupJwtAuth(
  ctx: Ctx,
  vault: VaultApi,
  o: { keycloakUrl: string; realm: string; audience: string; role: string; policy: string },
): Promise<void> {
  await ensureAuth(ctx, vault, 'jwt', 'jwt');
  const issuer = `${o.keycloakUrl}/realms/${o.realm}`;
  await vault.write('auth/jwt/config', {
    jwks_url: `${issuer}/protocol/openid-connect/certs`,
    bound_issuer: issuer,
  });
  await vault.deletePath(`auth/jwt/role/${o.role}`);
  await vault.write(`auth/jwt/role/${o.role}`, {
    role_type: 'jwt',
    bound_audiences: `${o.audience},account`,
    user_claim: 'preferred_username',
    token_policies: o.policy,
    ttl: '1h',
    max_ttl: '48h',
  });
  ctx.effects.done(
    `JWT authentication configured (audience ${o.audience}, role ${o.role}, policy ${o.policy})`,
  );
}
