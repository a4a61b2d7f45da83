// auth/kubernetes/role/:name as vault-plugin-auth-kubernetes (Vault 1.17) stores it: token
// settings normalised by tokenutil (durations to seconds, policies lower-cased and sorted), the
// deprecated ttl/max_ttl/policies/period/num_uses/bound_cidrs echoed back only when they were
// used to write the role. When both a deprecated and a token_* field are sent, token_* wins.
import { badRequest, notFound } from './errors.js';
import { sanitizePolicies } from './token-store.js';
import { SYSTEM_MAX_TTL } from './ttl.js';
import type { Mount, VaultRequest } from './types.js';
import { weakBool, weakDuration, weakInt, weakString, weakStrings } from './weak.js';

export type Role = Record<string, unknown> & { deprecated: Record<string, unknown> };

const TOKEN_TYPES = ['default', 'service', 'batch', 'default-service', 'default-batch'];
const DEPRECATED: Array<[string, string]> = [
  ['ttl', 'token_ttl'],
  ['max_ttl', 'token_max_ttl'],
  ['policies', 'token_policies'],
  ['period', 'token_period'],
  ['num_uses', 'token_num_uses'],
  ['bound_cidrs', 'token_bound_cidrs'],
];

function parseField(name: string, v: unknown): unknown {
  switch (name) {
    case 'token_ttl':
    case 'token_max_ttl':
    case 'token_period':
    case 'token_explicit_max_ttl':
      return weakDuration(v, name);
    case 'token_num_uses':
      return weakInt(v, name);
    case 'token_policies':
      return sanitizePolicies(weakStrings(v, name) ?? [], false);
    case 'token_bound_cidrs':
      return weakStrings(v, name);
    case 'token_no_default_policy':
      return weakBool(v, name);
    default:
      return weakString(v, name);
  }
}

function validateStar(values: string[]) {
  if (values.length > 1 && values.includes('*')) throw badRequest(`can not mix "*" with values`);
  return values;
}

export function writeRole(
  existing: Role | undefined,
  req: VaultRequest,
): { role: Role; warnings: string[] } {
  const role: Role = existing
    ? { ...existing, deprecated: { ...existing.deprecated } }
    : {
        bound_service_account_names: [],
        bound_service_account_namespaces: [],
        bound_service_account_namespace_selector: '',
        audience: '',
        alias_name_source: 'serviceaccount_uid',
        token_bound_cidrs: [],
        token_explicit_max_ttl: 0,
        token_max_ttl: 0,
        token_no_default_policy: false,
        token_num_uses: 0,
        token_period: 0,
        token_policies: [],
        token_type: 'default',
        token_ttl: 0,
        deprecated: {},
      };
  const d = req.data;
  for (const f of ['bound_service_account_names', 'bound_service_account_namespaces']) {
    const v = weakStrings(d[f], f);
    if (v !== undefined) role[f] = validateStar(v);
  }
  for (const f of ['bound_service_account_namespace_selector', 'audience', 'alias_name_source']) {
    const v = weakString(d[f], f);
    if (v !== undefined) role[f] = v;
  }
  for (const f of [
    'token_ttl',
    'token_max_ttl',
    'token_period',
    'token_explicit_max_ttl',
    'token_num_uses',
    'token_policies',
    'token_bound_cidrs',
    'token_no_default_policy',
    'token_type',
  ]) {
    const v = parseField(f, d[f]);
    if (v !== undefined) role[f] = v;
  }
  for (const [old, modern] of DEPRECATED) {
    if (d[old] === undefined) continue;
    const v = parseField(modern, d[old]);
    role.deprecated[old] = v;
    if (d[modern] === undefined) role[modern] = v;
  }
  if (!(role.bound_service_account_names as string[]).length) {
    throw badRequest(`"bound_service_account_names" can not be empty`);
  }
  if (
    !(role.bound_service_account_namespaces as string[]).length &&
    !role.bound_service_account_namespace_selector
  ) {
    throw badRequest(
      `"bound_service_account_namespaces" can not be empty if "bound_service_account_namespace_selector" is not set`,
    );
  }
  if (!['serviceaccount_uid', 'serviceaccount_name'].includes(role.alias_name_source as string)) {
    throw badRequest(`invalid alias_name_source "${String(role.alias_name_source)}"`);
  }
  if (!TOKEN_TYPES.includes(role.token_type as string)) {
    throw badRequest(`invalid 'token_type' value "${String(role.token_type)}"`);
  }
  const ttl = role.token_ttl as number;
  const maxTtl = role.token_max_ttl as number;
  if (ttl > 0 && maxTtl > 0 && ttl > maxTtl)
    throw badRequest(`'token_ttl' cannot be greater than 'token_max_ttl'`);
  const warnings: string[] = [];
  if (maxTtl > SYSTEM_MAX_TTL) {
    warnings.push(
      "token max ttl is greater than the system or backend mount's maximum TTL value; issued tokens' max TTL value will be truncated",
    );
  }
  return { role, warnings };
}

export function readRole(role: Role): Record<string, unknown> {
  const { deprecated, ...fields } = role;
  const out: Record<string, unknown> = { ...fields };
  for (const [old, modern] of DEPRECATED) if (old in deprecated) out[old] = fields[modern];
  return out;
}

/** auth/kubernetes/config as the plugin stores it; the reviewer JWT is never read back. */
export interface KubernetesConfig {
  value?: Record<string, unknown>;
}

const CONFIG_FIELDS = [
  'kubernetes_host',
  'kubernetes_ca_cert',
  'token_reviewer_jwt',
  'pem_keys',
  'issuer',
  'disable_iss_validation',
  'disable_local_ca_jwt',
  'use_annotations_as_alias_metadata',
];

function writeConfig(current: Record<string, unknown> | undefined, req: VaultRequest) {
  const next: Record<string, unknown> = current
    ? { ...current }
    : {
        kubernetes_ca_cert: '',
        pem_keys: [],
        issuer: '',
        disable_iss_validation: true,
        disable_local_ca_jwt: false,
        use_annotations_as_alias_metadata: false,
        token_reviewer_jwt: '',
      };
  for (const k of CONFIG_FIELDS) {
    const v = req.data[k];
    if (v === undefined) continue;
    next[k] =
      k === 'pem_keys'
        ? weakStrings(v, k)
        : k.startsWith('disable_') || k.startsWith('use_')
          ? weakBool(v, k)
          : weakString(v, k);
  }
  if (!next.kubernetes_host) throw badRequest('no host provided');
  // Without a CA the plugin reads the pod's own (it runs outside a pod here, like OpenBao 2.4
  // on a workstation answers).
  if (!next.kubernetes_ca_cert && !next.disable_local_ca_jwt)
    throw badRequest(
      'open /var/run/secrets/kubernetes.io/serviceaccount/ca.crt: no such file or directory',
    );
  const ca = String(next.kubernetes_ca_cert ?? '');
  if (ca && !/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(ca))
    throw badRequest('failed to parse kubernetes_ca_cert: no PEM certificate found');
  const warnings = Object.keys(req.data)
    .filter((k) => !CONFIG_FIELDS.includes(k))
    .sort();
  return {
    config: next,
    warnings: warnings.length
      ? [`Endpoint ignored these unrecognized parameters: [${warnings.join(' ')}]`]
      : [],
  };
}

export function kubernetesMount(roles: Map<string, Role>, config: KubernetesConfig = {}): Mount {
  const NAME = '(\\w(?:[\\w\\-.]*\\w)?)';
  return {
    prefix: 'auth/kubernetes/',
    type: 'kubernetes',
    routes: [
      {
        pattern: /^config$/,
        ops: {
          read: () => {
            if (!config.value) throw notFound();
            const { token_reviewer_jwt, ...shown } = config.value;
            return { data: { ...shown, token_reviewer_jwt_set: Boolean(token_reviewer_jwt) } };
          },
          update: (req) => {
            const { config: next, warnings } = writeConfig(config.value, req);
            config.value = next;
            return warnings.length ? { warnings } : null;
          },
        },
      },
      {
        pattern: new RegExp(`^role/${NAME}$`),
        exists: ([name]) => roles.has(name),
        ops: {
          read: (_req, [name]) => {
            const role = roles.get(name);
            if (!role) throw notFound();
            return { data: readRole(role) };
          },
          update: (req, [name]) => {
            const { role, warnings } = writeRole(roles.get(name), req);
            roles.set(name, role);
            return warnings.length ? { warnings } : null;
          },
          delete: (_req, [name]) => (roles.delete(name), null),
        },
      },
      {
        pattern: /^role\/?$/,
        ops: {
          list: () => {
            if (!roles.size) throw notFound();
            return { data: { keys: [...roles.keys()].sort() } };
          },
        },
      },
    ],
  };
}
