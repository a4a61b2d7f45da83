// Admin endpoints beyond the clients collection: realms (list/create/update/delete), users
// (find, create, update, delete, reset-password, groups, client role mappings, the user
// profile), groups (tree, children, members), client scopes with protocol mappers, and a
// client's mappers, roles, secret, scope links and service-account user. Answers as Keycloak 26
// does: 201 + Location, 204, 404 with its error texts, 409 on duplicates, 400 on unknown fields.
import { randomUUID } from 'node:crypto';
import type { ClientRep } from './client-representation.js';
import { newRealm, type GroupRec, type Realm, type Rep, type UserRec } from './realm-model.js';
import type { KcReply } from './token-endpoint.js';

const ok = (body: unknown): KcReply => ({ status: 200, body });
const noContent: KcReply = { status: 204 };
const notFound = (error: string): KcReply => ({ status: 404, body: { error } });
const conflict = (errorMessage: string): KcReply => ({ status: 409, body: { errorMessage } });
const badRequest = (error_description: string): KcReply => ({
  status: 400,
  body: { error: 'unknown_error', error_description },
});
const notAllowed: KcReply = { status: 405, body: { error: 'HTTP 405 Method Not Allowed' } };
const created = (location: string): KcReply => ({ status: 201, headers: { Location: location } });

class BadRep extends Error {}

type FieldType = 'string' | 'boolean' | 'integer' | 'object' | 'list';

/** Jackson's binding: unknown fields and wrong types are rejected; returns a copy. */
function bind(input: unknown, cls: string, fields: Record<string, FieldType>): Rep {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new BadRep(`Cannot deserialize ${cls} from a non-object value`);
  const out: Rep = {};
  for (const [k, v] of Object.entries(input as Rep)) {
    const type = fields[k];
    if (!type)
      throw new BadRep(
        `Unrecognized field "${k}" (class org.keycloak.representations.idm.${cls}), not marked as ignorable`,
      );
    if (v === null) continue;
    const fits =
      type === 'string'
        ? typeof v === 'string'
        : type === 'boolean'
          ? typeof v === 'boolean'
          : type === 'integer'
            ? Number.isInteger(v)
            : type === 'list'
              ? Array.isArray(v)
              : typeof v === 'object' && !Array.isArray(v);
    if (!fits) throw new BadRep(`Cannot deserialize value of type ${type} for field "${k}"`);
    out[k] = structuredClone(v);
  }
  return out;
}

const REALM_FIELDS: Record<string, FieldType> = {
  id: 'string',
  realm: 'string',
  displayName: 'string',
  enabled: 'boolean',
  sslRequired: 'string',
  accessTokenLifespan: 'integer',
  accessTokenLifespanForImplicitFlow: 'integer',
  ssoSessionIdleTimeout: 'integer',
  ssoSessionMaxLifespan: 'integer',
  offlineSessionIdleTimeout: 'integer',
  offlineSessionMaxLifespanEnabled: 'boolean',
  offlineSessionMaxLifespan: 'integer',
  clientSessionIdleTimeout: 'integer',
  clientSessionMaxLifespan: 'integer',
  refreshTokenMaxReuse: 'integer',
  revokeRefreshToken: 'boolean',
  registrationAllowed: 'boolean',
  loginWithEmailAllowed: 'boolean',
  duplicateEmailsAllowed: 'boolean',
};
const USER_FIELDS: Record<string, FieldType> = {
  id: 'string',
  username: 'string',
  email: 'string',
  firstName: 'string',
  lastName: 'string',
  enabled: 'boolean',
  emailVerified: 'boolean',
  attributes: 'object',
  createdTimestamp: 'integer',
  totp: 'boolean',
  requiredActions: 'list',
  notBefore: 'integer',
  access: 'object',
  disableableCredentialTypes: 'list',
  credentials: 'list',
  groups: 'list',
};
const GROUP_FIELDS: Record<string, FieldType> = {
  id: 'string',
  name: 'string',
  description: 'string',
  path: 'string',
  parentId: 'string',
  attributes: 'object',
  subGroupCount: 'integer',
  subGroups: 'list',
  realmRoles: 'list',
  clientRoles: 'object',
  access: 'object',
};
const SCOPE_FIELDS: Record<string, FieldType> = {
  id: 'string',
  name: 'string',
  description: 'string',
  protocol: 'string',
  attributes: 'object',
  protocolMappers: 'list',
};
const MAPPER_FIELDS: Record<string, FieldType> = {
  id: 'string',
  name: 'string',
  protocol: 'string',
  protocolMapper: 'string',
  config: 'object',
  consentRequired: 'boolean',
};
const ROLE_FIELDS: Record<string, FieldType> = {
  id: 'string',
  name: 'string',
  description: 'string',
  composite: 'boolean',
  clientRole: 'boolean',
  containerId: 'string',
  attributes: 'object',
};
const CREDENTIAL_FIELDS: Record<string, FieldType> = {
  type: 'string',
  value: 'string',
  temporary: 'boolean',
};

// The OIDC mapper types the stack uses (Keycloak knows more; any other is refused here).
const MAPPER_TYPES = new Set([
  'oidc-audience-mapper',
  'oidc-group-membership-mapper',
  'oidc-usermodel-client-role-mapper',
  'oidc-usermodel-realm-role-mapper',
  'oidc-usermodel-attribute-mapper',
  'oidc-usermodel-property-mapper',
  'oidc-hardcoded-claim-mapper',
]);

function stringMap(v: unknown, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries((v ?? {}) as Rep)) {
    if (typeof x !== 'string') throw new BadRep(`${what}: value of "${k}" must be a string`);
    out[k] = x;
  }
  return out;
}

function listMap(v: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, x] of Object.entries((v ?? {}) as Rep)) {
    if (!Array.isArray(x) || x.some((s) => typeof s !== 'string'))
      throw new BadRep(
        `Cannot deserialize value of type java.util.List<java.lang.String> for attribute "${k}"`,
      );
    out[k] = [...x];
  }
  return out;
}

export interface RouteEnv {
  realms: Map<string, Realm>;
  baseUrl: string;
  now: () => number;
}

const realmRep = (r: Realm): Rep => ({ id: r.id, realm: r.realm, ...structuredClone(r.settings) });

/** GET/POST /admin/realms and GET/PUT/DELETE /admin/realms/:realm. */
export function realmsRoute(
  env: RouteEnv,
  method: string,
  name: string | undefined,
  body: () => unknown,
): KcReply {
  try {
    if (name === undefined) {
      if (method === 'GET') return ok([...env.realms.values()].map(realmRep));
      if (method !== 'POST') return notAllowed;
      const rep = bind(body(), 'RealmRepresentation', REALM_FIELDS);
      const realmName = rep.realm;
      if (typeof realmName !== 'string' || !realmName)
        return badRequest('Realm name cannot be empty');
      if (env.realms.has(realmName)) return conflict(`Conflict detected. See logs for details`);
      const { id: _id, realm: _r, ...settings } = rep;
      env.realms.set(realmName, newRealm(realmName, settings));
      return created(`${env.baseUrl}/admin/realms/${encodeURIComponent(realmName)}`);
    }
    const realm = env.realms.get(name);
    if (!realm) return notFound('Realm not found.');
    if (method === 'GET') return ok(realmRep(realm));
    if (method === 'DELETE') {
      env.realms.delete(name);
      return noContent;
    }
    if (method !== 'PUT') return notAllowed;
    const rep = bind(body(), 'RealmRepresentation', REALM_FIELDS);
    if (rep.realm !== undefined && rep.realm !== realm.realm)
      return badRequest('renaming a realm is not modelled by the test server');
    const { id: _id, realm: _r, ...settings } = rep;
    Object.assign(realm.settings, settings);
    return noContent;
  } catch (e) {
    if (e instanceof BadRep || e instanceof SyntaxError) return badRequest(e.message);
    throw e;
  }
}

/** /admin/realms/:realm/{users,groups,client-scopes}/… */
export function realmCollectionRoute(
  env: RouteEnv,
  realm: Realm,
  method: string,
  segments: string[], // after the realm name
  query: URLSearchParams,
  body: () => unknown,
): KcReply | undefined {
  try {
    const [collection] = segments;
    if (collection === 'users')
      return usersRoute(env, realm, method, segments.slice(1), query, body);
    if (collection === 'groups')
      return groupsRoute(env, realm, method, segments.slice(1), query, body);
    if (collection === 'client-scopes')
      return scopesRoute(env, realm, method, segments.slice(1), body);
    return undefined;
  } catch (e) {
    if (e instanceof BadRep || e instanceof SyntaxError) return badRequest(e.message);
    throw e;
  }
}

/** /admin/realms/:realm/clients/:id/<sub>… for an existing client. */
export function clientSubRoute(
  env: RouteEnv,
  realm: Realm,
  client: ClientRep,
  method: string,
  rest: string[],
  body: () => unknown,
): KcReply | undefined {
  try {
    return clientSub(env, realm, client, method, rest, body);
  } catch (e) {
    if (e instanceof BadRep || e instanceof SyntaxError) return badRequest(e.message);
    throw e;
  }
}

/** Keycloak makes the service-account user when a client's service accounts are switched on. */
export function ensureServiceAccountUser(env: RouteEnv, realm: Realm, client: ClientRep): void {
  if (client.serviceAccountsEnabled !== true) return;
  const clientUuid = String(client.id);
  if (realm.users.some((u) => u.rep.serviceAccountClientId === clientUuid)) return;
  realm.users.push({
    rep: {
      id: randomUUID(),
      username: `service-account-${String(client.clientId).toLowerCase()}`,
      enabled: true,
      emailVerified: false,
      createdTimestamp: env.now(),
      serviceAccountClientId: clientUuid,
      attributes: {},
    },
    groups: new Set(),
    clientRoles: new Map(),
  });
}

// ---- users ----

const userView = (u: UserRec): Rep => {
  const { attributes, ...rest } = u.rep;
  const attrs = attributes as Record<string, string[]> | undefined;
  return {
    ...structuredClone(rest),
    ...(attrs && Object.keys(attrs).length && { attributes: structuredClone(attrs) }),
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: [],
    notBefore: 0,
    access: { manage: true },
  };
};

/** Attributes the user profile does not declare are dropped (unmanaged attributes are off). */
function managedAttributes(
  realm: Realm,
  attrs: Record<string, string[]>,
): Record<string, string[]> {
  const declared = new Set(((realm.profile.attributes ?? []) as Rep[]).map((a) => String(a.name)));
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(attrs)) if (declared.has(k)) out[k] = v;
  return out;
}

function usersRoute(
  env: RouteEnv,
  realm: Realm,
  method: string,
  seg: string[],
  query: URLSearchParams,
  body: () => unknown,
): KcReply | undefined {
  const [id, sub, third, clientUuid] = seg;
  if (id === 'profile' && seg.length === 1) {
    if (method === 'GET') return ok(structuredClone(realm.profile));
    if (method !== 'PUT') return notAllowed;
    const rep = body() as Rep;
    if (!rep || typeof rep !== 'object' || !Array.isArray(rep.attributes))
      return badRequest('Invalid user profile configuration');
    const names = (rep.attributes as Rep[]).map((a) => a?.name);
    if (names.some((n) => typeof n !== 'string' || !n))
      return badRequest('Invalid user profile configuration: attribute without a name');
    if (new Set(names).size !== names.length)
      return badRequest('Invalid user profile configuration: duplicate attribute');
    for (const required of ['username', 'email'])
      if (!names.includes(required))
        return badRequest(`Invalid user profile configuration: ${required} is required`);
    realm.profile = structuredClone(rep);
    return ok(structuredClone(realm.profile));
  }
  if (id === undefined) {
    if (method === 'GET') {
      let list = realm.users.filter((u) => !u.rep.serviceAccountClientId);
      const username = query.get('username');
      const exact = query.get('exact') === 'true';
      if (username !== null) {
        const want = username.toLowerCase();
        list = list.filter((u) =>
          exact ? u.rep.username === want : String(u.rep.username).includes(want),
        );
      }
      const search = query.get('search');
      if (search !== null && search !== '*') {
        const want = search.toLowerCase();
        list = list.filter((u) =>
          ['username', 'email', 'firstName', 'lastName'].some((f) =>
            String(u.rep[f] ?? '')
              .toLowerCase()
              .includes(want),
          ),
        );
      }
      const first = Number(query.get('first') ?? 0) || 0;
      const max = query.get('max') === null ? 100 : Number(query.get('max'));
      return ok(list.slice(first, max < 0 ? undefined : first + max).map(userView));
    }
    if (method !== 'POST') return notAllowed;
    const rep = bind(body(), 'UserRepresentation', USER_FIELDS);
    const username = typeof rep.username === 'string' ? rep.username.toLowerCase() : '';
    if (!username)
      return {
        status: 400,
        body: {
          errorMessage: 'error-user-attribute-required',
          field: 'username',
          params: ['username'],
        },
      };
    if (realm.users.some((u) => u.rep.username === username))
      return conflict('User exists with same username');
    if (rep.email && realm.users.some((u) => u.rep.email === String(rep.email).toLowerCase()))
      return conflict('User exists with same email');
    const user: UserRec = {
      rep: {
        id: randomUUID(),
        username,
        enabled: rep.enabled === true,
        emailVerified: rep.emailVerified === true,
        createdTimestamp: env.now(),
        attributes: managedAttributes(realm, listMap(rep.attributes)),
      },
      groups: new Set(),
      clientRoles: new Map(),
    };
    for (const f of ['email', 'firstName', 'lastName'])
      if (typeof rep[f] === 'string' && rep[f] !== '')
        user.rep[f] = f === 'email' ? String(rep[f]).toLowerCase() : rep[f];
    realm.users.push(user);
    return created(
      `${env.baseUrl}/admin/realms/${encodeURIComponent(realm.realm)}/users/${String(user.rep.id)}`,
    );
  }
  const user = realm.users.find((u) => u.rep.id === id);
  if (!user) return notFound('User not found');
  if (sub === undefined) {
    if (method === 'GET') return ok(userView(user));
    if (method === 'DELETE') {
      realm.users.splice(realm.users.indexOf(user), 1);
      return noContent;
    }
    if (method !== 'PUT') return notAllowed;
    const rep = bind(body(), 'UserRepresentation', USER_FIELDS);
    if (rep.username !== undefined && String(rep.username).toLowerCase() !== user.rep.username)
      return badRequest('error-user-attribute-read-only');
    for (const f of ['email', 'firstName', 'lastName', 'enabled', 'emailVerified'])
      if (rep[f] !== undefined) user.rep[f] = rep[f];
    if (rep.attributes !== undefined)
      user.rep.attributes = managedAttributes(realm, listMap(rep.attributes));
    return noContent;
  }
  if (sub === 'reset-password' && seg.length === 2) {
    if (method !== 'PUT') return notAllowed;
    const cred = bind(body(), 'CredentialRepresentation', CREDENTIAL_FIELDS);
    if (typeof cred.value !== 'string' || cred.value === '')
      return {
        status: 400,
        body: { error: 'missing_value', error_description: 'Password cannot be empty' },
      };
    user.password = cred.value;
    return noContent;
  }
  if (sub === 'groups') {
    if (third === undefined) {
      if (method !== 'GET') return notAllowed;
      return ok(
        realm.groups.filter((g) => user.groups.has(g.id)).map((g) => groupView(realm, g, false)),
      );
    }
    if (seg.length !== 3) return undefined;
    const group = realm.groups.find((g) => g.id === third);
    if (!group) return notFound('Group not found');
    if (method === 'PUT') user.groups.add(group.id);
    else if (method === 'DELETE') user.groups.delete(group.id);
    else return notAllowed;
    return noContent;
  }
  if (sub === 'role-mappings' && third === 'clients' && clientUuid && seg.length === 4) {
    const client = realm.clients.find((c) => c.id === clientUuid);
    if (!client) return notFound('Could not find client');
    const roles = realm.clientRoles.get(clientUuid) ?? [];
    const held = user.clientRoles.get(clientUuid) ?? new Set<string>();
    if (method === 'GET')
      return ok(roles.filter((r) => held.has(String(r.id))).map((r) => ({ ...r })));
    if (method !== 'POST' && method !== 'DELETE') return notAllowed;
    const list = body();
    if (!Array.isArray(list)) return badRequest('Cannot deserialize List<RoleRepresentation>');
    for (const item of list) {
      const r = bind(item, 'RoleRepresentation', ROLE_FIELDS);
      const role = roles.find((x) => x.id === r.id);
      if (!role) return notFound('Could not find role');
    }
    for (const item of list as Rep[]) {
      if (method === 'POST') held.add(String(item.id));
      else held.delete(String(item.id));
    }
    user.clientRoles.set(clientUuid, held);
    return noContent;
  }
  return undefined;
}

// ---- groups ----

function groupPath(realm: Realm, g: GroupRec): string {
  const parent = g.parentId ? realm.groups.find((p) => p.id === g.parentId) : undefined;
  return `${parent ? groupPath(realm, parent) : ''}/${g.name}`;
}

const childrenOf = (realm: Realm, id: string | undefined) =>
  realm.groups.filter((g) => g.parentId === id);

function groupView(realm: Realm, g: GroupRec, full: boolean, subGroups: Rep[] = []): Rep {
  return {
    id: g.id,
    name: g.name,
    path: groupPath(realm, g),
    ...(g.parentId && { parentId: g.parentId }),
    subGroupCount: childrenOf(realm, g.id).length,
    subGroups,
    ...(full && { attributes: structuredClone(g.attributes), realmRoles: [], clientRoles: {} }),
    access: {
      view: true,
      viewMembers: true,
      manageMembers: true,
      manage: true,
      manageMembership: true,
    },
  };
}

/** A search hit: the group with only its matching descendants (Keycloak's search shape). */
function searchTree(realm: Realm, g: GroupRec, want: string, exact: boolean): Rep | undefined {
  const matches = exact ? g.name === want : g.name.toLowerCase().includes(want.toLowerCase());
  const kids = childrenOf(realm, g.id)
    .map((c) => searchTree(realm, c, want, exact))
    .filter((x): x is Rep => x !== undefined);
  if (!matches && !kids.length) return undefined;
  return groupView(realm, g, false, kids);
}

function newGroup(realm: Realm, rep: Rep, parentId?: string): GroupRec | KcReply {
  const name = typeof rep.name === 'string' ? rep.name.trim() : '';
  if (!name) return badRequest('Group name is missing');
  if (childrenOf(realm, parentId).some((g) => g.name === name))
    return conflict(
      parentId
        ? `Sibling group named '${name}' already exists.`
        : `Top level group named '${name}' already exists.`,
    );
  const g: GroupRec = { id: randomUUID(), name, attributes: listMap(rep.attributes), parentId };
  realm.groups.push(g);
  return g;
}

function removeGroup(realm: Realm, g: GroupRec): void {
  for (const child of childrenOf(realm, g.id)) removeGroup(realm, child);
  realm.groups.splice(realm.groups.indexOf(g), 1);
  for (const u of realm.users) u.groups.delete(g.id);
}

function groupsRoute(
  env: RouteEnv,
  realm: Realm,
  method: string,
  seg: string[],
  query: URLSearchParams,
  body: () => unknown,
): KcReply | undefined {
  const [id, sub] = seg;
  const location = (g: GroupRec) =>
    `${env.baseUrl}/admin/realms/${encodeURIComponent(realm.realm)}/groups/${g.id}`;
  if (id === undefined) {
    if (method === 'GET') {
      const search = query.get('search');
      const exact = query.get('exact') === 'true';
      const top = childrenOf(realm, undefined);
      const list =
        search === null || search === ''
          ? top.map((g) => groupView(realm, g, query.get('briefRepresentation') === 'false'))
          : top.map((g) => searchTree(realm, g, search, exact)).filter((x) => x !== undefined);
      return ok(list);
    }
    if (method !== 'POST') return notAllowed;
    const g = newGroup(realm, bind(body(), 'GroupRepresentation', GROUP_FIELDS));
    return 'status' in g ? g : created(location(g));
  }
  const group = realm.groups.find((g) => g.id === id);
  if (!group) return notFound('Could not find group by id');
  if (sub === undefined) {
    if (method === 'GET') return ok(groupView(realm, group, true));
    if (method === 'DELETE') {
      removeGroup(realm, group);
      return noContent;
    }
    if (method !== 'PUT') return notAllowed;
    const rep = bind(body(), 'GroupRepresentation', GROUP_FIELDS);
    if (typeof rep.name === 'string') group.name = rep.name;
    if (rep.attributes !== undefined) group.attributes = listMap(rep.attributes);
    return noContent;
  }
  if (seg.length !== 2) return undefined;
  if (sub === 'children') {
    if (method === 'GET')
      return ok(childrenOf(realm, group.id).map((g) => groupView(realm, g, false)));
    if (method !== 'POST') return notAllowed;
    const g = newGroup(realm, bind(body(), 'GroupRepresentation', GROUP_FIELDS), group.id);
    return 'status' in g ? g : created(location(g));
  }
  if (sub === 'members') {
    if (method !== 'GET') return notAllowed;
    return ok(realm.users.filter((u) => u.groups.has(group.id)).map(userView));
  }
  return undefined;
}

// ---- client scopes and protocol mappers ----

function bindMapper(input: unknown): Rep {
  const rep = bind(input, 'ProtocolMapperRepresentation', MAPPER_FIELDS);
  if (typeof rep.name !== 'string' || !rep.name)
    throw new BadRep('Protocol mapper name is missing');
  if (rep.protocol !== 'openid-connect')
    throw new BadRep(`Unsupported protocol ${String(rep.protocol)}`);
  if (!MAPPER_TYPES.has(String(rep.protocolMapper)))
    throw new BadRep(`ProtocolMapper ${String(rep.protocolMapper)} not found`);
  rep.config = stringMap(rep.config, 'config');
  return rep;
}

/** GET/POST …/protocol-mappers/models and GET/PUT/DELETE …/models/:id on a mapper list. */
function mappersRoute(
  list: Rep[],
  method: string,
  seg: string[], // after protocol-mappers
  body: () => unknown,
  location: (id: string) => string,
): KcReply | undefined {
  if (seg[0] !== 'models' || seg.length > 2) return undefined;
  const id = seg[1];
  if (id === undefined) {
    if (method === 'GET') return ok(structuredClone(list));
    if (method !== 'POST') return notAllowed;
    const rep = bindMapper(body());
    if (list.some((m) => m.name === rep.name))
      return conflict(`Protocol mapper exists with same name`);
    const mapper = { ...rep, id: randomUUID(), consentRequired: false };
    list.push(mapper);
    return created(location(mapper.id));
  }
  const index = list.findIndex((m) => m.id === id);
  if (index < 0) return notFound('Model not found');
  if (method === 'GET') return ok(structuredClone(list[index]));
  if (method === 'DELETE') {
    list.splice(index, 1);
    return noContent;
  }
  if (method !== 'PUT') return notAllowed;
  list[index] = { ...bindMapper(body()), id };
  return noContent;
}

function scopesRoute(
  env: RouteEnv,
  realm: Realm,
  method: string,
  seg: string[],
  body: () => unknown,
): KcReply | undefined {
  const [id, sub, ...rest] = seg;
  const base = `${env.baseUrl}/admin/realms/${encodeURIComponent(realm.realm)}/client-scopes`;
  const view = (s: { rep: Rep; mappers: Rep[] }) => ({
    ...structuredClone(s.rep),
    ...(s.mappers.length && { protocolMappers: structuredClone(s.mappers) }),
  });
  if (id === undefined) {
    if (method === 'GET') return ok(realm.scopes.map(view));
    if (method !== 'POST') return notAllowed;
    const rep = bind(body(), 'ClientScopeRepresentation', SCOPE_FIELDS);
    const name = typeof rep.name === 'string' ? rep.name : '';
    if (!name) return badRequest('Client scope name is missing');
    if (/\s/.test(name)) return badRequest(`Unexpected name "${name}" for ClientScope`);
    if (realm.scopes.some((s) => s.rep.name === name))
      return conflict(`Client Scope ${name} already exists`);
    const scopeId = randomUUID();
    realm.scopes.push({
      rep: {
        id: scopeId,
        name,
        ...(typeof rep.description === 'string' && { description: rep.description }),
        protocol: rep.protocol ?? 'openid-connect',
        attributes: stringMap(rep.attributes, 'attributes'),
      },
      mappers: ((rep.protocolMappers ?? []) as unknown[]).map((m) => ({
        ...bindMapper(m),
        id: randomUUID(),
      })),
    });
    return created(`${base}/${scopeId}`);
  }
  const scope = realm.scopes.find((s) => s.rep.id === id);
  if (!scope) return notFound('Could not find client scope');
  if (sub === undefined) {
    if (method === 'GET') return ok(view(scope));
    if (method === 'DELETE') {
      realm.scopes.splice(realm.scopes.indexOf(scope), 1);
      return noContent;
    }
    if (method !== 'PUT') return notAllowed;
    const rep = bind(body(), 'ClientScopeRepresentation', SCOPE_FIELDS);
    for (const f of ['name', 'description', 'protocol'])
      if (rep[f] !== undefined) scope.rep[f] = rep[f];
    if (rep.attributes !== undefined)
      scope.rep.attributes = stringMap(rep.attributes, 'attributes');
    return noContent;
  }
  if (sub === 'protocol-mappers')
    return mappersRoute(
      scope.mappers,
      method,
      rest,
      body,
      (m) => `${base}/${id}/protocol-mappers/models/${m}`,
    );
  return undefined;
}

// ---- a client's sub-resources ----

function clientSub(
  env: RouteEnv,
  realm: Realm,
  client: ClientRep,
  method: string,
  rest: string[],
  body: () => unknown,
): KcReply | undefined {
  const uuid = String(client.id);
  const base = `${env.baseUrl}/admin/realms/${encodeURIComponent(realm.realm)}/clients/${uuid}`;
  const [sub, arg, ...more] = rest;
  if (sub === 'protocol-mappers') {
    const list = realm.clientMappers.get(uuid) ?? [];
    realm.clientMappers.set(uuid, list);
    return mappersRoute(
      list,
      method,
      rest.slice(1),
      body,
      (m) => `${base}/protocol-mappers/models/${m}`,
    );
  }
  if (sub === 'roles') {
    if (more.length) return undefined;
    const roles = realm.clientRoles.get(uuid) ?? [];
    realm.clientRoles.set(uuid, roles);
    if (arg === undefined) {
      if (method === 'GET') return ok(roles.map((r) => ({ ...r })));
      if (method !== 'POST') return notAllowed;
      const rep = bind(body(), 'RoleRepresentation', ROLE_FIELDS);
      const name = typeof rep.name === 'string' ? rep.name : '';
      if (!name) return badRequest('Role name is missing');
      if (roles.some((r) => r.name === name))
        return conflict(`Role with name ${name} already exists`);
      roles.push({
        id: randomUUID(),
        name,
        ...(typeof rep.description === 'string' && { description: rep.description }),
        composite: false,
        clientRole: true,
        containerId: uuid,
      });
      return created(`${base}/roles/${encodeURIComponent(name)}`);
    }
    const role = roles.find((r) => r.name === arg);
    if (!role) return notFound('Could not find role');
    if (method === 'GET') return ok({ ...role, attributes: {} });
    if (method === 'DELETE') {
      roles.splice(roles.indexOf(role), 1);
      return noContent;
    }
    return notAllowed;
  }
  if (sub === 'client-secret' && rest.length === 1) {
    if (method !== 'GET') return notAllowed;
    return ok({ type: 'secret', ...(client.secret !== undefined && { value: client.secret }) });
  }
  if (sub === 'service-account-user' && rest.length === 1) {
    if (method !== 'GET') return notAllowed;
    const user = realm.users.find((u) => u.rep.serviceAccountClientId === uuid);
    if (!user || client.serviceAccountsEnabled !== true)
      return badRequest(`Service account not enabled for the client '${String(client.clientId)}'`);
    return ok(userView(user));
  }
  if ((sub === 'default-client-scopes' || sub === 'optional-client-scopes') && more.length === 0) {
    const field = sub === 'default-client-scopes' ? 'defaultClientScopes' : 'optionalClientScopes';
    const other = field === 'defaultClientScopes' ? 'optionalClientScopes' : 'defaultClientScopes';
    const names = (client[field] as string[] | undefined) ?? [];
    if (arg === undefined) {
      if (method !== 'GET') return notAllowed;
      return ok(
        realm.scopes
          .filter((s) => names.includes(String(s.rep.name)))
          .map((s) => ({ id: s.rep.id, name: s.rep.name })),
      );
    }
    const scope = realm.scopes.find((s) => s.rep.id === arg);
    if (!scope) return notFound('Client scope not found');
    const name = String(scope.rep.name);
    if (method === 'PUT') {
      if (((client[other] as string[] | undefined) ?? []).includes(name))
        return conflict(`Client scope ${name} is already linked to the client`);
      if (!names.includes(name)) client[field] = [...names, name];
      return noContent;
    }
    if (method === 'DELETE') {
      client[field] = names.filter((n) => n !== name);
      return noContent;
    }
    return notAllowed;
  }
  return undefined;
}
