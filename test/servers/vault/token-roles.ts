// Token roles (auth/token/roles/<name>) and creating through one (auth/token/create/<name>),
// after Vault's token store: a role's allowed_policies / allowed_policies_glob bound what
// a token made through it may carry (instead of the parent's policies), disallowed_* win,
// "default" is always allowed (added unless token_no_default_policy), orphan and renewable
// come from the role, token_explicit_max_ttl caps the request's.
import { DurationError, parseDurationSeconds } from './duration.js';
import { badRequest } from './errors.js';
import { weakBool, weakString, weakStrings } from './weak.js';

export interface TokenRole {
  name: string;
  allowedPolicies: string[];
  allowedPoliciesGlob: string[];
  disallowedPolicies: string[];
  disallowedPoliciesGlob: string[];
  orphan: boolean;
  renewable: boolean;
  explicitMaxTtl: number;
  period: number;
  noDefaultPolicy: boolean;
  /** as written (Vault reads it back as given): service, batch, default-service, … */
  tokenType: string;
}

const TOKEN_TYPES = ['service', 'batch', 'default', 'default-service', 'default-batch'];

const lower = (list: string[] | undefined) => (list ?? []).map((p) => p.trim().toLowerCase());

function seconds(v: unknown, field: string): number | undefined {
  const s = weakString(v, field);
  if (s === undefined || s === '') return undefined;
  try {
    return parseDurationSeconds(s);
  } catch (e) {
    if (e instanceof DurationError) throw badRequest(e.message);
    throw e;
  }
}

/** A write to auth/token/roles/<name>: fields not given keep their value (Vault's update). */
export function writeTokenRole(
  name: string,
  previous: TokenRole | undefined,
  d: Record<string, unknown>,
): TokenRole {
  const role: TokenRole = previous ?? {
    name,
    allowedPolicies: [],
    allowedPoliciesGlob: [],
    disallowedPolicies: [],
    disallowedPoliciesGlob: [],
    orphan: false,
    renewable: true,
    explicitMaxTtl: 0,
    period: 0,
    noDefaultPolicy: false,
    tokenType: 'default-service',
  };
  const list = (field: string) => {
    const v = weakStrings(d[field], field);
    return v === undefined ? undefined : lower(v).filter(Boolean);
  };
  const next: TokenRole = {
    ...role,
    allowedPolicies: list('allowed_policies') ?? role.allowedPolicies,
    allowedPoliciesGlob: list('allowed_policies_glob') ?? role.allowedPoliciesGlob,
    disallowedPolicies: list('disallowed_policies') ?? role.disallowedPolicies,
    disallowedPoliciesGlob: list('disallowed_policies_glob') ?? role.disallowedPoliciesGlob,
    orphan: weakBool(d.orphan, 'orphan') ?? role.orphan,
    renewable: weakBool(d.renewable, 'renewable') ?? role.renewable,
    explicitMaxTtl:
      seconds(d.token_explicit_max_ttl ?? d.explicit_max_ttl, 'token_explicit_max_ttl') ??
      role.explicitMaxTtl,
    period: seconds(d.token_period ?? d.period, 'token_period') ?? role.period,
    noDefaultPolicy:
      weakBool(d.token_no_default_policy, 'token_no_default_policy') ?? role.noDefaultPolicy,
    tokenType: weakString(d.token_type, 'token_type') || role.tokenType,
  };
  if (!TOKEN_TYPES.includes(next.tokenType))
    throw badRequest(`invalid 'token_type' value "${next.tokenType}"`);
  if (
    next.allowedPolicies.includes('root') ||
    next.allowedPoliciesGlob.some((g) => glob(g, 'root'))
  )
    throw badRequest('root policy cannot be granted by a token role');
  return next;
}

export function tokenRoleData(r: TokenRole) {
  return {
    name: r.name,
    allowed_policies: r.allowedPolicies,
    allowed_policies_glob: r.allowedPoliciesGlob,
    disallowed_policies: r.disallowedPolicies,
    disallowed_policies_glob: r.disallowedPoliciesGlob,
    orphan: r.orphan,
    renewable: r.renewable,
    token_explicit_max_ttl: r.explicitMaxTtl,
    explicit_max_ttl: r.explicitMaxTtl,
    token_period: r.period,
    period: r.period,
    token_no_default_policy: r.noDefaultPolicy,
    token_type: r.tokenType,
    path_suffix: '',
  };
}

/** Vault's glob for policy names: `*` matches any run of characters. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`);
  return re.test(value);
}
const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * The policies a token created through `role` gets, or a 400 like Vault's. Without
 * allowed policies the role falls back to the parent's (checked by the caller).
 */
export function rolePolicies(
  role: TokenRole,
  requested: string[],
  noDefault: boolean,
): { policies: string[]; restricted: boolean } {
  const restricted = role.allowedPolicies.length > 0 || role.allowedPoliciesGlob.length > 0;
  let wanted = lower(requested).filter(Boolean);
  if (!wanted.length && restricted) wanted = [...role.allowedPolicies];
  if (restricted) {
    const allowed = (p: string) =>
      p === 'default' ||
      role.allowedPolicies.includes(p) ||
      role.allowedPoliciesGlob.some((g) => glob(g, p));
    if (!wanted.every(allowed))
      throw badRequest(
        `token policies (${JSON.stringify(wanted)}) must be subset of the role's allowed policies (${JSON.stringify(role.allowedPolicies)}) or glob policies (${JSON.stringify(role.allowedPoliciesGlob)})`,
      );
  }
  for (const p of wanted) {
    if (role.disallowedPolicies.includes(p) || role.disallowedPoliciesGlob.some((g) => glob(g, p)))
      throw badRequest(`token policy ${p} is disallowed by this role`);
  }
  const addDefault = !noDefault && !role.noDefaultPolicy;
  let policies = [...new Set(wanted)];
  if (addDefault && !policies.includes('default')) policies.push('default');
  if (!addDefault) policies = policies.filter((p) => p !== 'default');
  return { policies: policies.sort(), restricted };
}
