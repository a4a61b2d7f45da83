// The admin REST endpoints the project uses: GET /admin/realms/:realm and the clients
// collection (find by clientId / search / first / max, create with 201 + Location and 409 on a
// duplicate clientId, get/update/delete by id with 404 "Could not find client").
import {
  newClient,
  RepresentationError,
  updateClient,
  validateRep,
  withAccess,
  type ClientRep,
} from './client-representation.js';
import type { Realm } from './realm-model.js';
import {
  clientSubRoute,
  ensureServiceAccountUser,
  realmCollectionRoute,
  realmsRoute,
  type RouteEnv,
} from './realm-routes.js';
import type { KcReply } from './token-endpoint.js';

export type { Realm } from './realm-model.js';
export { newRealm } from './realm-model.js';

export const UNKNOWN_RESOURCE: KcReply = {
  status: 404,
  body: {
    error: 'Unable to find matching target resource method',
    error_description: 'For more on this error consult the server log.',
  },
};

const notFound = (error: string): KcReply => ({ status: 404, body: { error } });
const clientNotFound = () => notFound('Could not find client');

function nonNegativeInt(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Keycloak 26 refuses a client session timeout longer than the realm's SSO session
 * timeout (messages as Keycloak 26.7.3 answers).
 */
function sessionLimitError(realm: Realm, rep: ClientRep): KcReply | undefined {
  const attributes = (rep.attributes ?? {}) as Record<string, unknown>;
  const checks = [
    [
      'client.session.idle.timeout',
      'ssoSessionIdleTimeout',
      'Client session idle timeout cannot exceed realm SSO session idle timeout.',
    ],
    [
      'client.session.max.lifespan',
      'ssoSessionMaxLifespan',
      'Client session max lifespan cannot exceed realm SSO session max lifespan.',
    ],
  ] as const;
  for (const [attr, setting, message] of checks) {
    const asked = Number(attributes[attr] ?? 0);
    const limit = Number(realm.settings[setting] ?? 0);
    if (asked > 0 && limit > 0 && asked > limit)
      return { status: 400, body: { error: 'invalid_input', error_description: message } };
  }
  return undefined;
}

export function adminRoute(
  env: RouteEnv,
  method: string,
  segments: string[], // after /admin/realms/
  query: URLSearchParams,
  body: () => unknown,
): KcReply {
  const { realms, baseUrl } = env;
  const [realmName, collection, id, ...rest] = segments;
  const realm = realms.get(realmName);
  if (segments.length <= 1) return realmsRoute(env, method, realmName, body);
  if (!realm) return notFound('Realm not found.');
  if (collection !== 'clients')
    return (
      realmCollectionRoute(env, realm, method, segments.slice(1), query, body) ?? UNKNOWN_RESOURCE
    );
  if (rest.length) {
    const client = realm.clients.find((c) => c.id === id);
    if (!client) return clientNotFound();
    return clientSubRoute(env, realm, client, method, rest, body) ?? UNKNOWN_RESOURCE;
  }

  const parseBody = (): { rep: ClientRep } | { reply: KcReply } => {
    try {
      return { rep: validateRep(body()) };
    } catch (e) {
      if (e instanceof RepresentationError || e instanceof SyntaxError) {
        return {
          reply: { status: 400, body: { error: 'unknown_error', error_description: e.message } },
        };
      }
      throw e;
    }
  };

  if (id === undefined) {
    if (method === 'GET') {
      const clientId = query.get('clientId');
      const search = query.get('search') === 'true';
      let list = realm.clients;
      if (clientId !== null) {
        list = search
          ? list.filter((c) => String(c.clientId).toLowerCase().includes(clientId.toLowerCase()))
          : list.filter((c) => c.clientId === clientId);
      }
      const first = nonNegativeInt(query.get('first')) ?? 0;
      const max = nonNegativeInt(query.get('max'));
      list = list.slice(Math.max(0, first), max === undefined || max < 0 ? undefined : first + max);
      return { status: 200, body: list.map(withAccess) };
    }
    if (method === 'POST') {
      const parsed = parseBody();
      if ('reply' in parsed) return parsed.reply;
      const rep = parsed.rep;
      if (!rep.clientId)
        return {
          status: 400,
          body: { error: 'invalid_input', error_description: 'Client ID is required' },
        };
      const tooLong = sessionLimitError(realm, rep);
      if (tooLong) return tooLong;
      if (realm.clients.some((c) => c.clientId === rep.clientId)) {
        return {
          status: 409,
          body: { errorMessage: `Client ${String(rep.clientId)} already exists` },
        };
      }
      if (rep.id && realm.clients.some((c) => c.id === rep.id)) {
        return {
          status: 409,
          body: { errorMessage: `Client ${String(rep.clientId)} already exists` },
        };
      }
      const client = newClient(rep);
      realm.clients.push(client);
      ensureServiceAccountUser(env, realm, client);
      return {
        status: 201,
        headers: {
          Location: `${baseUrl}/admin/realms/${encodeURIComponent(realm.realm)}/clients/${String(client.id)}`,
        },
      };
    }
    return { status: 405, body: { error: 'HTTP 405 Method Not Allowed' } };
  }

  const index = realm.clients.findIndex((c) => c.id === id);
  if (method === 'GET')
    return index < 0 ? clientNotFound() : { status: 200, body: withAccess(realm.clients[index]) };
  if (method === 'DELETE') {
    if (index < 0) return clientNotFound();
    realm.clients.splice(index, 1);
    return { status: 204 };
  }
  if (method === 'PUT') {
    if (index < 0) return clientNotFound();
    const parsed = parseBody();
    if ('reply' in parsed) return parsed.reply;
    const rep = parsed.rep;
    if (
      rep.clientId !== undefined &&
      realm.clients.some((c, i) => i !== index && c.clientId === rep.clientId)
    ) {
      return {
        status: 409,
        body: { errorMessage: `Client ${String(rep.clientId)} already exists` },
      };
    }
    const tooLong = sessionLimitError(realm, rep);
    if (tooLong) return tooLong;
    realm.clients[index] = updateClient(realm.clients[index], rep);
    ensureServiceAccountUser(env, realm, realm.clients[index]);
    return { status: 204 };
  }
  return { status: 405, body: { error: 'HTTP 405 Method Not Allowed' } };
}
