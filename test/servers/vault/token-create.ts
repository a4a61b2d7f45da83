// auth/token/create and create-orphan, following Vault's handleCreateCommon check by check:
// without sudo on the create path a caller can only hand out a subset of its own policies, cannot
// set no_parent, an id or a period; "root" can only come from a root parent; create-orphan
// itself needs no sudo (it is ACL-controlled like any path).
import type { Clock } from './clock.js';
import { DurationError, parseDurationSeconds } from './duration.js';
import { badRequest } from './errors.js';
import type { PolicyStore } from './policy-store.js';
import { sanitizePolicies, type TokenEntry, type TokenStore } from './token-store.js';
import { rolePolicies, type TokenRole } from './token-roles.js';
import { calculateTtl } from './ttl.js';
import { weakBool, weakInt, weakString, weakStringMap, weakStrings } from './weak.js';

const NON_ASSIGNABLE = ['control-group', 'response-wrapping'];

export interface CreateContext {
  parent: TokenEntry;
  body: Record<string, unknown>;
  isSudo: boolean;
  orphanEndpoint: boolean;
  path: string; // "auth/token/create", "auth/token/create-orphan" or "auth/token/create/<role>"
  /** creating through a token role (auth/token/create/<role>) */
  role?: TokenRole;
}

function duration(v: unknown, field: string): number {
  const s = weakString(v, field);
  if (!s) return 0;
  try {
    return parseDurationSeconds(s);
  } catch (e) {
    if (e instanceof DurationError) throw badRequest(e.message);
    throw e;
  }
}

export function createToken(
  store: TokenStore,
  policyStore: PolicyStore,
  clock: Clock,
  { parent, body, isSudo, orphanEndpoint, path, role }: CreateContext,
): { te: TokenEntry; warnings: string[] } {
  if (parent.numUses > 0) throw badRequest('restricted use token cannot generate child tokens');
  const data = {
    id: weakString(body.id, 'id'),
    policies: weakStrings(body.policies, 'policies'),
    meta: weakStringMap(body.meta, 'meta'),
    noParent: weakBool(body.no_parent, 'no_parent') ?? false,
    noDefault: weakBool(body.no_default_policy, 'no_default_policy') ?? false,
    renewable: weakBool(body.renewable, 'renewable') ?? true,
    displayName: weakString(body.display_name, 'display_name'),
    numUses: weakInt(body.num_uses, 'num_uses') ?? 0,
    type: weakString(body.type, 'type') ?? '',
  };
  if (data.type === 'batch') throw badRequest('batch tokens are not supported by this test server');
  if (data.type !== '' && data.type !== 'service') throw badRequest("invalid 'token_type' value");
  if (data.numUses < 0) throw badRequest('number of uses cannot be negative');

  let displayName = 'token';
  if (data.displayName) {
    displayName = `token-${data.displayName}`.replace(/[^a-zA-Z0-9-]/g, '-').replace(/-$/, '');
  }
  if (data.id && !isSudo) throw badRequest('root or sudo privileges required to specify token id');

  let requested = data.policies ?? [];
  let addDefault = false;
  const fromRole = role && rolePolicies(role, requested, data.noDefault);
  if (fromRole?.restricted) {
    requested = fromRole.policies;
    addDefault = requested.includes('default');
  } else if (requested.length === 0) {
    requested = sanitizePolicies(parent.policies, false);
  } else if (!isSudo) {
    const parentSet = new Set(sanitizePolicies(parent.policies, false));
    if (!sanitizePolicies(requested, false).every((p) => parentSet.has(p))) {
      throw badRequest('child policies must be subset of parent');
    }
    addDefault = !data.noDefault && parent.policies.includes('default');
  } else {
    addDefault = !data.noDefault;
  }
  let policies = sanitizePolicies(requested, addDefault);
  if (data.noDefault) policies = policies.filter((p) => p !== 'default');
  for (const p of policies) {
    if (NON_ASSIGNABLE.includes(p)) throw badRequest(`cannot assign policy "${p}"`);
  }
  if (policies.includes('root') && !parent.policies.includes('root')) {
    throw badRequest('root tokens may not be created without parent token being root');
  }

  let parentId = parent.id;
  if (role?.orphan) parentId = '';
  else if (data.noParent) {
    if (!isSudo) throw badRequest('root or sudo privileges required to create orphan token');
    parentId = '';
  } else if (orphanEndpoint) {
    parentId = '';
  }

  const requestedExplicitMaxTtl = duration(body.explicit_max_ttl, 'explicit_max_ttl');
  if (requestedExplicitMaxTtl < 0) throw badRequest('explicit_max_ttl must be positive');
  let explicitMaxTtl = requestedExplicitMaxTtl;
  const warnings: string[] = [];
  // A role's explicit max TTL caps whatever the request asked for. Like Vault/OpenBao,
  // the token still shows the requested value; the role's is what TTLs obey.
  if (role?.explicitMaxTtl) {
    if (requestedExplicitMaxTtl)
      warnings.push(
        `Explicit max TTL specified both during creation call and in role; using the lesser value of ${Math.min(role.explicitMaxTtl, requestedExplicitMaxTtl)} seconds`,
      );
    if (!explicitMaxTtl || role.explicitMaxTtl < explicitMaxTtl)
      explicitMaxTtl = role.explicitMaxTtl;
  }
  let period = duration(body.period, 'period');
  if (period < 0) throw badRequest('period must be positive');
  if (role?.period) period = role.period;
  else if (period > 0 && !isSudo)
    throw badRequest('root or sudo privileges required to create periodic token');
  let ttl = duration(body.ttl ?? body.lease, 'ttl');
  if (ttl < 0) throw badRequest('ttl must be positive');

  const nowSec = Math.floor(clock.now() / 1000);
  if (period > 0 || ttl > 0 || !policies.includes('root')) {
    const calc = calculateTtl({
      increment: 0,
      backendTtl: ttl,
      period,
      explicitMaxTtl,
      startSec: nowSec,
      nowSec,
    });
    ttl = calc.ttl;
    warnings.push(...calc.warnings);
  }
  if (ttl === 0 && explicitMaxTtl > 0) ttl = explicitMaxTtl; // root tokens obey explicit max too
  if (ttl === 0 && parent.ttl !== 0) {
    throw badRequest('expiring root tokens cannot create non-expiring root tokens');
  }

  const te = store.insert({
    id: data.id,
    parent: parentId,
    policies,
    path,
    meta: data.meta ?? null,
    displayName,
    numUses: data.numUses,
    ttl,
    explicitMaxTtl,
    shownExplicitMaxTtl: requestedExplicitMaxTtl,
    period,
    renewable: data.renewable && (role?.renewable ?? true),
  });
  for (const p of te.policies)
    if (!policyStore.has(p)) warnings.push(`Policy "${p}" does not exist`);
  return { te, warnings };
}

/** The "auth" block of create and renew responses. */
export function authBlock(te: TokenEntry, leaseDuration: number) {
  return {
    client_token: te.id,
    accessor: te.accessor,
    policies: te.policies,
    token_policies: te.policies,
    metadata: te.meta,
    lease_duration: leaseDuration,
    renewable: te.renewable,
    entity_id: '',
    token_type: 'service',
    orphan: te.parent === '',
    mfa_requirement: null,
    num_uses: te.numUses,
  };
}
