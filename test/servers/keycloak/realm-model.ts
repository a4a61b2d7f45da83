// What a realm holds beyond its clients, shaped as Keycloak's admin API returns it: realm
// settings, users (with passwords, group membership and client role mappings), groups (a tree),
// client scopes with their protocol mappers, client roles, client protocol mappers, the client's
// default/optional scope links, and the declarative user profile.
import { randomUUID } from 'node:crypto';
import type { ClientRep } from './client-representation.js';

export type Rep = Record<string, unknown>;

export interface GroupRec {
  id: string;
  name: string;
  attributes: Record<string, string[]>;
  parentId?: string;
}

export interface UserRec {
  rep: Rep; // id, username, email, firstName, lastName, enabled, emailVerified, attributes, createdTimestamp
  password?: string;
  groups: Set<string>;
  /** client uuid → role ids */
  clientRoles: Map<string, Set<string>>;
}

export interface ScopeRec {
  rep: Rep; // id, name, description, protocol, attributes
  mappers: Rep[];
}

export interface Realm {
  id: string;
  realm: string;
  clients: ClientRep[];
  settings: Rep;
  users: UserRec[];
  groups: GroupRec[];
  scopes: ScopeRec[];
  /** client uuid → roles */
  clientRoles: Map<string, Rep[]>;
  /** client uuid → protocol mappers */
  clientMappers: Map<string, Rep[]>;
  profile: Rep;
}

// The client scopes a new realm gets (Keycloak 26), and which of them new clients use.
const BUILT_IN_SCOPES = [
  'acr',
  'address',
  'basic',
  'email',
  'microprofile-jwt',
  'offline_access',
  'organization',
  'phone',
  'profile',
  'role_list',
  'roles',
  'saml_organization',
  'web-origins',
];

const profileAttribute = (name: string, displayName: string, required: boolean): Rep => ({
  name,
  displayName,
  validations: { length: { max: 255 } },
  ...(required && { required: { roles: ['user'] } }),
  permissions: { view: ['admin', 'user'], edit: ['admin', 'user'] },
  multivalued: false,
});

/** Keycloak 26's default user profile (the parts the admin API returns). */
export const defaultProfile = (): Rep => ({
  attributes: [
    {
      name: 'username',
      displayName: '${username}',
      validations: { length: { min: 3, max: 255 } },
      permissions: { view: ['admin', 'user'], edit: ['admin', 'user'] },
      multivalued: false,
    },
    profileAttribute('email', '${email}', true),
    profileAttribute('firstName', '${firstName}', true),
    profileAttribute('lastName', '${lastName}', true),
  ],
  groups: [
    {
      name: 'user-metadata',
      displayHeader: 'User metadata',
      displayDescription: 'Attributes, which refer to user metadata',
    },
  ],
});

/** Settings of a new realm: Keycloak's defaults. */
export const defaultSettings = (): Rep => ({
  enabled: false,
  sslRequired: 'external',
  accessTokenLifespan: 300,
  accessTokenLifespanForImplicitFlow: 900,
  ssoSessionIdleTimeout: 1800,
  ssoSessionMaxLifespan: 36000,
  offlineSessionIdleTimeout: 2592000,
  offlineSessionMaxLifespanEnabled: false,
  offlineSessionMaxLifespan: 5184000,
  clientSessionIdleTimeout: 0,
  clientSessionMaxLifespan: 0,
  refreshTokenMaxReuse: 0,
  revokeRefreshToken: false,
  registrationAllowed: false,
  loginWithEmailAllowed: true,
  duplicateEmailsAllowed: false,
  displayName: '',
});

export function newRealm(name: string, settings: Rep = {}): Realm {
  return {
    id: name === 'master' ? randomUUID() : name,
    realm: name,
    clients: [],
    settings: { ...defaultSettings(), ...(name === 'master' && { enabled: true }), ...settings },
    users: [],
    groups: [],
    scopes: BUILT_IN_SCOPES.map((scope) => ({
      rep: {
        id: randomUUID(),
        name: scope,
        protocol: scope.startsWith('saml') || scope === 'role_list' ? 'saml' : 'openid-connect',
        attributes: { 'include.in.token.scope': 'true' },
      },
      mappers: [],
    })),
    clientRoles: new Map(),
    clientMappers: new Map(),
    profile: defaultProfile(),
  };
}
