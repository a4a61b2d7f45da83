import { TaskError, recipe } from '../../core/index.js';
import { createClient, enableServiceAccount, getClientSecret, listClients } from '../clients.js';
import {
  createRealm,
  deleteRealm,
  seconds,
  showRealmTokenSettings,
  updateRealmTokenSettings,
} from '../realms.js';
import { keycloakVars } from '../vars.js';
import { CONNECTION, WITH_REALM, askArg, opt } from './shared.js';

const realm = { name: 'realm', description: 'realm name' } as const;
const clientId = { name: 'client_id', description: 'client id' } as const;

export const K8S_REDIRECT_URLS = 'http://localhost:8000,http://localhost:18000';

export const realmRecipes = [
  recipe({
    name: 'create-realm',
    description:
      'Create realm KEYCLOAK_REALM with token lifespans, then (by default) the k8s client',
    params: [
      opt('create-client-for-k8s', 'true to create the Kubernetes OIDC client too', 'true'),
      opt('access_token_lifespan', 'access token lifespan (s)', '43200'),
      opt('refresh_token_lifespan', 'SSO session max lifespan (s)', '86400'),
      opt('sso_session_idle_timeout', 'SSO session idle timeout (s)', '7200'),
    ],
    vars: [...WITH_REALM, 'K8S_OIDC_CLIENT_ID'],
    run: async (ctx, a) => {
      const v = await ctx.config.read(keycloakVars);
      const settings = {
        accessTokenLifespan: seconds('access_token_lifespan', a.access_token_lifespan),
        ssoSessionMaxLifespan: seconds('refresh_token_lifespan', a.refresh_token_lifespan),
        ssoSessionIdleTimeout: seconds('sso_session_idle_timeout', a.sso_session_idle_timeout),
      };
      await createRealm(ctx, v.KEYCLOAK_REALM, settings);
      if (a['create-client-for-k8s'] === 'true') await createK8sClient(ctx);
    },
  }),
  recipe({
    name: 'create-k8s-client',
    description: 'Create the public client K8S_OIDC_CLIENT_ID for kubectl oidc-login',
    vars: [...WITH_REALM, 'K8S_OIDC_CLIENT_ID'],
    run: (ctx) => createK8sClient(ctx),
  }),
  recipe({
    name: 'delete-realm',
    description: 'Delete a realm (never master; asks first)',
    params: [realm],
    vars: CONNECTION,
    run: (ctx, a) => deleteRealm(ctx, a.realm),
  }),
  recipe({
    name: 'list-clients',
    description: 'List the clients of a realm',
    params: [realm],
    vars: CONNECTION,
    run: async (ctx, a) => ctx.out(await listClients(ctx, a.realm)),
  }),
  recipe({
    name: 'enable-service-account',
    description: "Enable a client's service account",
    params: [realm, clientId],
    vars: CONNECTION,
    run: (ctx, a) => enableServiceAccount(ctx, a.realm, a.client_id),
  }),
  recipe({
    name: 'get-client-secret',
    description: "Print a client's secret",
    params: [realm, clientId],
    vars: CONNECTION,
    run: async (ctx, a) =>
      ctx.out(
        `Client '${a.client_id}' secret: ${await getClientSecret(ctx, a.realm, a.client_id)}`,
      ),
  }),
  recipe({
    name: 'show-realm-token-settings',
    description: "Print a realm's token and session lifespans",
    params: [realm],
    vars: CONNECTION,
    run: async (ctx, a) => ctx.out(await showRealmTokenSettings(ctx, a.realm)),
  }),
  recipe({
    name: 'update-realm-token-settings',
    description: "Set a realm's access token and SSO session lifespans (asked when empty)",
    params: [
      realm,
      opt('access_token_lifespan', 'seconds (asked, 43200)'),
      opt('sso_session_idle_timeout', 'seconds (asked, 86400)'),
      opt('sso_session_max_lifespan', 'seconds (asked, 604800)'),
    ],
    vars: CONNECTION,
    run: async (ctx, a) => {
      const access = await askArg(
        ctx,
        a.access_token_lifespan,
        'access_token_lifespan',
        'Access token lifespan (seconds)',
        '43200',
      );
      const idle = await askArg(
        ctx,
        a.sso_session_idle_timeout,
        'sso_session_idle_timeout',
        'SSO session idle timeout (seconds)',
        '86400',
      );
      const max = await askArg(
        ctx,
        a.sso_session_max_lifespan,
        'sso_session_max_lifespan',
        'SSO session max lifespan (seconds)',
        '604800',
      );
      await updateRealmTokenSettings(ctx, a.realm, {
        accessTokenLifespan: seconds('access_token_lifespan', access),
        ssoSessionIdleTimeout: seconds('sso_session_idle_timeout', idle),
        ssoSessionMaxLifespan: seconds('sso_session_max_lifespan', max),
      });
    },
  }),
];

async function createK8sClient(ctx: Parameters<typeof createClient>[0]): Promise<void> {
  const v = await ctx.config.read(keycloakVars);
  if (!v.K8S_OIDC_CLIENT_ID) throw new TaskError('K8S_OIDC_CLIENT_ID is empty');
  await createClient(ctx, {
    realm: v.KEYCLOAK_REALM,
    clientId: v.K8S_OIDC_CLIENT_ID,
    redirectUrl: K8S_REDIRECT_URLS,
  });
}
