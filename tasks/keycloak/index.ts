import { TaskError, namespace, recipe, type Ctx } from '../core/index.js';
import { adminCredentials, defaultAdminCredentials } from './admin.js';
import { createClient, deleteClient, getClient, updateClient } from './clients.js';
import { clusterRecipes } from './recipes/cluster-recipes.js';
import { mapperRecipes } from './recipes/mapper-recipes.js';
import { realmRecipes } from './recipes/realm-recipes.js';
import { CONNECTION, opt } from './recipes/shared.js';
import { userRecipes } from './recipes/user-recipes.js';
import { keycloakVars } from './vars.js';

export { createClient, deleteClient, getClient, updateClient };
export type { ClientSpec } from './clients.js';

const SECRET_MASK = '**********';

const clientRecipes = [
  recipe({
    name: 'create-client',
    description: 'Create an OIDC client (left unchanged when it exists)',
    params: [
      { name: 'realm', description: 'target realm' },
      { name: 'client_id', description: 'client id' },
      { name: 'redirect_url', description: 'comma-separated redirect URIs' },
      { ...opt('client_secret', 'empty = public client; - reads it from stdin'), secret: true },
      opt('client_session_idle', 'client session idle timeout (s)'),
      opt('client_session_max', 'client session max lifespan (s)'),
      opt('client_direct_access_grants', 'true to allow direct access grants'),
      opt('client_pkce_method', 'S256 or plain'),
      opt('post_logout_redirect_uris', 'comma-separated'),
      opt('access_token_lifespan', 'access token lifespan (s)'),
    ],
    vars: CONNECTION,
    run: (ctx, a) =>
      createClient(ctx, {
        realm: a.realm,
        clientId: a.client_id,
        redirectUrl: a.redirect_url,
        clientSecret: a.client_secret,
        clientSessionIdle: a.client_session_idle,
        clientSessionMax: a.client_session_max,
        directAccessGrants: a.client_direct_access_grants,
        pkceMethod: a.client_pkce_method,
        postLogoutRedirectUris: a.post_logout_redirect_uris,
        accessTokenLifespan: a.access_token_lifespan,
      }),
  }),
  recipe({
    name: 'get-client',
    description: 'Print a client as JSON; exit 1 when missing',
    params: [{ name: 'realm' }, { name: 'client_id' }],
    vars: CONNECTION,
    run: async (ctx, a) => {
      const client = await getClient(ctx, a.realm, a.client_id);
      if (!client)
        throw new TaskError(`Keycloak client ${a.client_id} not found in realm ${a.realm}`);
      // The client secret is masked the way Keycloak's own exports mask it.
      ctx.out(
        JSON.stringify(
          client.secret === undefined ? client : { ...client, secret: SECRET_MASK },
          null,
          2,
        ),
      );
    },
  }),
  recipe({
    name: 'client-exists',
    description: 'Say whether the client exists; exit 1 when not',
    params: [{ name: 'realm' }, { name: 'client_id' }],
    vars: CONNECTION,
    run: async (ctx, a) => {
      const exists = (await getClient(ctx, a.realm, a.client_id)) !== undefined;
      ctx.out(
        `Client '${a.client_id}' ${exists ? 'exists' : 'does not exist'} in realm '${a.realm}'`,
      );
      return exists ? 0 : 1;
    },
  }),
  recipe({
    name: 'update-client',
    description: "Set a client's redirect URIs (comma-separated)",
    params: [{ name: 'realm' }, { name: 'client_id' }, { name: 'redirect_url' }],
    vars: CONNECTION,
    run: (ctx, a) => updateClient(ctx, a.realm, a.client_id, a.redirect_url),
  }),
  recipe({
    name: 'delete-client',
    description: 'Delete a client (fine when it does not exist)',
    params: [{ name: 'realm' }, { name: 'client_id' }],
    vars: CONNECTION,
    run: (ctx, a) => deleteClient(ctx, a.realm, a.client_id),
  }),
];

const credentialRecipes = [
  recipe({
    name: 'admin-username',
    description: 'Print the Keycloak admin user name',
    vars: CONNECTION,
    run: async (ctx) => ctx.out((await requireCredentials(ctx)).username),
  }),
  recipe({
    name: 'admin-password',
    description: 'Print the Keycloak admin password (stdout only)',
    vars: CONNECTION,
    run: async (ctx) => ctx.out((await requireCredentials(ctx)).password),
  }),
  recipe({
    name: 'default-admin-username',
    description: 'Print the admin user name stored in Secret keycloak-credentials',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: async (ctx) => ctx.out((await defaultAdminCredentials(ctx)).username),
  }),
  recipe({
    name: 'default-admin-password',
    description: 'Print the admin password stored in Secret keycloak-credentials (stdout only)',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: async (ctx) => ctx.out((await defaultAdminCredentials(ctx)).password),
  }),
];

export default namespace({
  name: 'keycloak',
  description:
    'Keycloak realms, users, groups, clients, scopes and mappers over the admin REST API',
  vars: keycloakVars,
  recipes: [
    ...clusterRecipes,
    ...realmRecipes,
    ...clientRecipes,
    ...mapperRecipes,
    ...userRecipes,
    ...credentialRecipes,
  ],
});

async function requireCredentials(ctx: Ctx) {
  const c = await adminCredentials(ctx);
  if (!c) throw new TaskError('no Keycloak admin credentials found');
  return c;
}
