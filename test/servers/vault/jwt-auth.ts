// An oidc or jwt auth method (vault-plugin-auth-jwt) at its mount: config and roles with the
// plugin's validation. Not modelled: logins, and fetching the discovery/JWKS URL at config time
// (real Vault fetches it and answers 400 when it cannot).
import { badRequest, notFound } from './errors.js';
import { sanitizePolicies } from './token-store.js';
import type { Mount, VaultRequest } from './types.js';
import { weakBool, weakDuration, weakString, weakStringMap, weakStrings } from './weak.js';

export interface JwtAuthState {
  config: Record<string, unknown> | undefined;
  roles: Map<string, Record<string, unknown>>;
}

const CONFIG_FIELDS = new Set([
  'oidc_discovery_url',
  'oidc_discovery_ca_pem',
  'oidc_client_id',
  'oidc_client_secret',
  'oidc_response_mode',
  'oidc_response_types',
  'jwks_url',
  'jwks_ca_pem',
  'jwt_validation_pubkeys',
  'jwt_supported_algs',
  'bound_issuer',
  'default_role',
  'provider_config',
  'namespace_in_state',
]);

const ROLE_STRINGS = [
  'role_type',
  'user_claim',
  'groups_claim',
  'bound_subject',
  'bound_claims_type',
];
const ROLE_LISTS = ['bound_audiences', 'allowed_redirect_uris', 'oidc_scopes', 'token_bound_cidrs'];
const ROLE_DURATIONS = [
  'token_ttl',
  'token_max_ttl',
  'token_explicit_max_ttl',
  'token_period',
  'max_age',
];
const DEPRECATED: Record<string, string> = {
  ttl: 'token_ttl',
  max_ttl: 'token_max_ttl',
  policies: 'token_policies',
};
const ROLE_FIELDS = new Set([
  ...ROLE_STRINGS,
  ...ROLE_LISTS,
  ...ROLE_DURATIONS,
  ...Object.keys(DEPRECATED),
  'token_policies',
  'token_no_default_policy',
  'token_type',
  'bound_claims',
  'claim_mappings',
  'verbose_oidc_logging',
]);

const ignored = (data: Record<string, unknown>, known: Set<string>) => {
  const extra = Object.keys(data)
    .filter((k) => !known.has(k))
    .sort();
  return extra.length
    ? [`Endpoint ignored these unrecognized parameters: [${extra.join(' ')}]`]
    : [];
};

function writeConfig(type: string, req: VaultRequest): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  for (const k of CONFIG_FIELDS) {
    const v = req.data[k];
    if (v === undefined) continue;
    c[k] =
      k === 'jwt_validation_pubkeys' || k === 'jwt_supported_algs' || k === 'oidc_response_types'
        ? weakStrings(v, k)
        : k === 'namespace_in_state'
          ? weakBool(v, k)
          : k === 'provider_config'
            ? v
            : weakString(v, k);
  }
  const sources = ['oidc_discovery_url', 'jwks_url'].filter((k) => c[k]);
  if ((c.jwt_validation_pubkeys as string[] | undefined)?.length)
    sources.push('jwt_validation_pubkeys');
  if (sources.length !== 1)
    throw badRequest(
      "exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs', or 'oidc_discovery_url' must be set",
    );
  for (const k of ['oidc_discovery_url', 'jwks_url'])
    if (c[k] && !/^https?:\/\/[^/\s]+/.test(String(c[k])))
      throw badRequest(`error checking ${k}: invalid URL`);
  if (Boolean(c.oidc_client_id) !== Boolean(c.oidc_client_secret) && c.oidc_discovery_url)
    throw badRequest("both 'oidc_client_id' and 'oidc_client_secret' must be set for OIDC");
  if (type === 'oidc' && !c.oidc_discovery_url)
    throw badRequest("the oidc auth method needs 'oidc_discovery_url' in this test server");
  return c;
}

function writeRole(
  mountType: string,
  existing: Record<string, unknown> | undefined,
  req: VaultRequest,
) {
  const role: Record<string, unknown> = existing
    ? structuredClone(existing)
    : {
        role_type: mountType === 'jwt' ? 'jwt' : 'oidc',
        bound_audiences: [],
        allowed_redirect_uris: [],
        bound_claims: null,
        groups_claim: '',
        user_claim: '',
        token_policies: [],
        token_ttl: 0,
        token_max_ttl: 0,
      };
  const d = req.data;
  for (const k of ROLE_STRINGS) if (d[k] !== undefined) role[k] = weakString(d[k], k);
  for (const k of ROLE_LISTS) if (d[k] !== undefined) role[k] = weakStrings(d[k], k);
  for (const k of ROLE_DURATIONS) if (d[k] !== undefined) role[k] = weakDuration(d[k], k);
  if (d.token_policies !== undefined)
    role.token_policies = sanitizePolicies(
      weakStrings(d.token_policies, 'token_policies') ?? [],
      false,
    );
  for (const [old, modern] of Object.entries(DEPRECATED)) {
    if (d[old] === undefined || d[modern] !== undefined) continue;
    role[modern] =
      old === 'policies'
        ? sanitizePolicies(weakStrings(d[old], old) ?? [], false)
        : weakDuration(d[old], old);
  }
  if (d.bound_claims !== undefined) {
    if (
      typeof d.bound_claims !== 'object' ||
      d.bound_claims === null ||
      Array.isArray(d.bound_claims)
    )
      throw badRequest("Error decoding request: 'bound_claims' expected a map");
    const claims: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d.bound_claims as Record<string, unknown>))
      claims[k] = Array.isArray(v) ? v.map(String) : String(v);
    role.bound_claims = claims;
  }
  if (d.claim_mappings !== undefined)
    role.claim_mappings = weakStringMap(d.claim_mappings, 'claim_mappings');
  if (!['oidc', 'jwt'].includes(String(role.role_type)))
    throw badRequest(`invalid 'role_type': ${String(role.role_type)}`);
  if (!role.user_claim) throw badRequest('a user claim must be defined on the role');
  if (role.role_type === 'oidc' && !(role.allowed_redirect_uris as string[]).length)
    throw badRequest(
      "'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.",
    );
  if (
    role.role_type === 'jwt' &&
    !(role.bound_audiences as string[]).length &&
    !role.bound_subject &&
    !role.bound_claims
  )
    throw badRequest('must have at least one bound constraint when creating/updating a role');
  if (
    (role.token_max_ttl as number) > 0 &&
    (role.token_ttl as number) > (role.token_max_ttl as number)
  )
    throw badRequest('ttl should not be greater than max ttl');
  return role;
}

export function jwtAuthMount(prefix: string, type: 'oidc' | 'jwt', state: JwtAuthState): Mount {
  const NAME = '(\\w(?:[\\w\\-.]*\\w)?)';
  return {
    prefix,
    type,
    routes: [
      {
        pattern: /^config$/,
        ops: {
          read: () => {
            if (!state.config) return { data: null };
            const { oidc_client_secret: _secret, ...shown } = state.config;
            return { data: structuredClone(shown) };
          },
          update: (req) => {
            state.config = writeConfig(type, req);
            const warnings = ignored(req.data, CONFIG_FIELDS);
            return warnings.length ? { warnings } : null;
          },
        },
      },
      {
        pattern: new RegExp(`^role/${NAME}$`),
        exists: ([name]) => state.roles.has(name),
        ops: {
          read: (_req, [name]) => {
            const role = state.roles.get(name);
            if (!role) throw notFound();
            return { data: structuredClone(role) };
          },
          update: (req, [name]) => {
            state.roles.set(name, writeRole(type, state.roles.get(name), req));
            const warnings = ignored(req.data, ROLE_FIELDS);
            return warnings.length ? { warnings } : null;
          },
          delete: (_req, [name]) => (state.roles.delete(name), null),
        },
      },
      {
        pattern: /^role\/?$/,
        ops: {
          list: () => {
            if (!state.roles.size) throw notFound();
            return { data: { keys: [...state.roles.keys()].sort() } };
          },
        },
      },
    ],
  };
}
