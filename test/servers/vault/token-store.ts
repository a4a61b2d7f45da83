// Vault's token store: entries, parent/child tree, validity against the test clock, renewal and
// revocation. A token is usable while it is not revoked, not expired, and (unless it is an
// orphan) its parent is usable — Vault revokes a token's children when the token is revoked or
// expires, orphans survive.
import type { Clock } from './clock.js';
import { badRequest } from './errors.js';
import { newAccessor, newTokenId } from './ids.js';
import { calculateTtl } from './ttl.js';

export interface TokenEntry {
  id: string;
  accessor: string;
  parent: string; // "" for orphans
  policies: string[];
  path: string;
  meta: Record<string, string> | null;
  displayName: string;
  numUses: number; // remaining uses, 0 = unlimited
  creationMs: number;
  ttl: number; // TTL at creation, seconds (0 = never expires)
  explicitMaxTtl: number;
  /** what lookups show when a token role capped the requested explicit max TTL */
  shownExplicitMaxTtl?: number;
  period: number;
  renewable: boolean;
  issueMs: number;
  expireMs: number | null;
  lastRenewalMs: number | null;
  revoked: boolean;
}

/** policyutil.SanitizePolicies: lower-case, drop empties, "root" alone, optional "default", sorted. */
export function sanitizePolicies(policies: string[], addDefault: boolean): string[] {
  let out = policies.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  if (out.includes('root')) return ['root'];
  if (addDefault && !out.includes('default')) out = [...out, 'default'];
  return [...new Set(out)].sort();
}

export class TokenStore {
  private readonly byId = new Map<string, TokenEntry>();
  private readonly byAccessor = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  /** The initial root token: root policy, no TTL, orphan, like `vault operator init`. */
  createRoot(id: string): TokenEntry {
    return this.insert({ id, policies: ['root'], path: 'auth/token/root', displayName: 'root' });
  }

  insert(init: Partial<TokenEntry> & { policies: string[]; path: string }): TokenEntry {
    const now = this.clock.now();
    const id = init.id || newTokenId();
    if (this.byId.has(id)) throw badRequest('cannot create a token with a duplicate ID');
    const ttl = init.ttl ?? 0;
    const te: TokenEntry = {
      id,
      accessor: newAccessor(),
      parent: init.parent ?? '',
      policies: init.policies,
      path: init.path,
      meta: init.meta ?? null,
      displayName: init.displayName ?? 'token',
      numUses: init.numUses ?? 0,
      creationMs: now,
      ttl,
      explicitMaxTtl: init.explicitMaxTtl ?? 0,
      shownExplicitMaxTtl: init.shownExplicitMaxTtl,
      period: init.period ?? 0,
      renewable: (init.renewable ?? true) && ttl > 0,
      issueMs: now,
      expireMs: ttl > 0 ? now + ttl * 1000 : null,
      lastRenewalMs: null,
      revoked: false,
    };
    this.byId.set(te.id, te);
    this.byAccessor.set(te.accessor, te.id);
    return te;
  }

  isExpired(te: TokenEntry): boolean {
    return te.expireMs !== null && this.clock.now() >= te.expireMs;
  }

  isValid(te: TokenEntry): boolean {
    for (let cur: TokenEntry | undefined = te; cur;) {
      if (cur.revoked || this.isExpired(cur)) return false;
      if (!cur.parent) return true;
      cur = this.byId.get(cur.parent);
      if (!cur) return false;
    }
    return false;
  }

  /** A usable token, or undefined (unknown, revoked, expired, or its parent is gone). */
  lookup(id: string): TokenEntry | undefined {
    const te = this.byId.get(id);
    return te && this.isValid(te) ? te : undefined;
  }

  lookupAccessor(accessor: string): TokenEntry | undefined {
    const id = this.byAccessor.get(accessor);
    return id === undefined ? undefined : this.lookup(id);
  }

  /** Counts one use of a limited-use token; the last use revokes it. */
  use(te: TokenEntry) {
    if (te.numUses <= 0) return;
    te.numUses -= 1;
    if (te.numUses === 0) te.revoked = true;
  }

  /** Revokes the token; its non-orphan descendants become unusable through isValid. */
  revoke(te: TokenEntry) {
    te.revoked = true;
  }

  /** auth/token/revoke-orphan: revoke, and make the direct children orphans. */
  revokeOrphan(te: TokenEntry) {
    for (const child of this.byId.values()) if (child.parent === te.id) child.parent = '';
    te.revoked = true;
  }

  /** Vault's RenewToken for a token store token. */
  renew(te: TokenEntry, increment: number): { ttl: number; warnings: string[] } {
    if (te.expireMs === null || !te.renewable) throw badRequest('lease is not renewable');
    const now = this.clock.now();
    const { ttl, warnings } = calculateTtl({
      increment,
      backendTtl: te.ttl,
      period: te.period,
      explicitMaxTtl: te.explicitMaxTtl,
      startSec: Math.floor(te.issueMs / 1000),
      nowSec: Math.floor(now / 1000),
    });
    te.expireMs = now + ttl * 1000;
    te.lastRenewalMs = now;
    return { ttl, warnings };
  }

  /** Seconds left before expiry (0 for tokens that never expire). */
  remaining(te: TokenEntry): number {
    return te.expireMs === null
      ? 0
      : Math.max(0, Math.floor((te.expireMs - this.clock.now()) / 1000));
  }

  get(id: string): TokenEntry | undefined {
    return this.byId.get(id);
  }

  all(): TokenEntry[] {
    return [...this.byId.values()];
  }
}
