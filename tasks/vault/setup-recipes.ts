import { TaskError, recipe, type Ctx } from '../core/index.js';
import { keycloakUrl } from '../keycloak/admin.js';
import { createClient, deleteClient } from '../keycloak/clients.js';
import { addMapper, audienceMapper, groupsMapper } from '../keycloak/mappers.js';
import { keycloakVars } from '../keycloak/vars.js';
import { randomPassword } from '../utils/random.js';
import { vaultAddr } from './addr.js';
import {
  configureOidc,
  createAdminPolicy,
  createSecretsEngine,
  oidcRedirectUris,
  rootVault,
  setupJwtAuth,
  setupKubernetesAuth,
} from './setup.js';
import { createAdminToken, createTokenAndStore } from './tokens.js';

const TOKEN_VARS = ['VAULT_HOST', 'VAULT_ADDR', 'VAULT_TOKEN', 'VAULT_CACERT', 'VAULT_SKIP_VERIFY'];
const rootToken = {
  name: 'root_token',
  default: '',
  description: 'root/admin token; empty = VAULT_TOKEN or asked',
} as const;
const KEYCLOAK = [
  'KEYCLOAK_HOST',
  'KEYCLOAK_URL',
  'KEYCLOAK_REALM',
  'KEYCLOAK_ADMIN_USER',
  'KEYCLOAK_ADMIN_PASSWORD',
];

export const setupRecipes = [
  recipe({
    name: 'create-admin-token',
    description: 'Write the admin policy and print a new token with it',
    params: [rootToken],
    vars: TOKEN_VARS,
    run: async (ctx, a) => createAdminToken(ctx, await rootVault(ctx, a.root_token)),
  }),
  recipe({
    name: 'create-token-and-store',
    description: 'Create a token with a policy and store it at secret/<path> (field token)',
    params: [
      { name: 'policy', description: 'policy of the new token' },
      { name: 'path', description: 'KV path to store it at' },
      { name: 'ttl', default: '24h', description: 'token TTL' },
      { name: 'max_ttl', default: '', description: 'explicit max TTL (empty: none)' },
      rootToken,
    ],
    vars: TOKEN_VARS,
    run: async (ctx, a) =>
      createTokenAndStore(ctx, await rootVault(ctx, a.root_token), {
        policy: a.policy,
        path: a.path,
        ttl: a.ttl,
        maxTtl: a.max_ttl,
      }),
  }),
  recipe({
    name: 'create-admin-policy',
    description: 'Write policy admin (auth methods, policies, secret/*, token creation)',
    params: [rootToken],
    vars: TOKEN_VARS,
    run: async (ctx, a) => createAdminPolicy(ctx, await rootVault(ctx, a.root_token)),
  }),
  recipe({
    name: 'create-secrets-engine',
    description: 'Enable a KV v2 secrets engine at <path> (fine when it is there)',
    params: [{ name: 'path', description: 'mount path, e.g. secret' }, rootToken],
    vars: TOKEN_VARS,
    run: async (ctx, a) => createSecretsEngine(ctx, await rootVault(ctx, a.root_token), a.path),
  }),
  recipe({
    name: 'setup-kubernetes-auth',
    description: 'Create the token reviewer account, enable and configure Kubernetes auth',
    params: [rootToken],
    vars: [...TOKEN_VARS, 'K8S_VAULT_NAMESPACE'],
    run: async (ctx, a) => setupKubernetesAuth(ctx, await rootVault(ctx, a.root_token)),
  }),
  recipe({
    name: 'setup-oidc-auth',
    description: 'Create Keycloak client vault (with mappers) and configure Vault OIDC login',
    vars: [...TOKEN_VARS, ...KEYCLOAK],
    run: (ctx) => setupOidcAuth(ctx),
  }),
  recipe({
    name: 'disable-oidc-auth',
    description: 'Disable the OIDC auth method (asks first: OIDC users can no longer log in)',
    vars: TOKEN_VARS,
    run: async (ctx) => {
      const vault = await rootVault(ctx);
      if (!(await ctx.effects.confirm('Disable Vault OIDC login?')))
        throw new TaskError('OIDC auth was not disabled', 'pass --yes to disable without asking');
      await vault.disableAuth('oidc');
      ctx.effects.done('OIDC auth disabled');
    },
  }),
  recipe({
    name: 'setup-jwt-auth',
    description: 'Enable JWT auth for Keycloak tokens and create a role for an audience',
    params: [
      { name: 'audience', description: 'token audience (client id)' },
      { name: 'role', description: 'Vault role name' },
      { name: 'policy', default: 'default', description: 'token policy' },
    ],
    vars: [...TOKEN_VARS, 'KEYCLOAK_HOST', 'KEYCLOAK_URL', 'KEYCLOAK_REALM'],
    run: async (ctx, a) => {
      const vault = await rootVault(ctx);
      const { KEYCLOAK_REALM } = await ctx.config.read(keycloakVars);
      await setupJwtAuth(ctx, vault, {
        keycloakUrl: await keycloakUrl(ctx),
        realm: KEYCLOAK_REALM,
        audience: a.audience,
        role: a.role,
        policy: a.policy,
      });
    },
  }),
];

/** setup-oidc-auth in upstream's order: Keycloak client vault, its mappers, then Vault. */
async function setupOidcAuth(ctx: Ctx): Promise<void> {
  const vault = await rootVault(ctx);
  const { KEYCLOAK_REALM: realm } = await ctx.config.read(keycloakVars);
  const vaultHost = (await ctx.config.text('VAULT_HOST')) || new URL(await vaultAddr(ctx)).host;
  const kcUrl = await keycloakUrl(ctx);
  ctx.log.step('Keycloak client for Vault');
  await deleteClient(ctx, realm, 'vault');
  const clientSecret = ctx.secrets.add(randomPassword());
  await createClient(ctx, {
    realm,
    clientId: 'vault',
    redirectUrl: oidcRedirectUris(vaultHost).join(','),
    clientSecret,
  });
  await addMapper(ctx, realm, { client: 'vault' }, audienceMapper('vault'));
  await addMapper(ctx, realm, { client: 'vault' }, groupsMapper(), {
    present: (m) => m.name === 'groups' || m.config?.['claim.name'] === 'groups',
  });
  ctx.log.step('Vault OIDC authentication');
  await configureOidc(ctx, vault, { vaultHost, keycloakUrl: kcUrl, realm, clientSecret });
  ctx.log.info(`log in with: VAULT_ADDR=${vault.addr} vault login -method=oidc`);
}
