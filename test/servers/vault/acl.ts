// Vault's ACL evaluation (vault/acl.go): rules of all a token's policies are merged per path
// (union of capabilities, "deny" wins for the same path); a request uses the exact rule if one
// exists (LIST also tries the path without its trailing "/"), otherwise the most specific of the
// longest "*" prefix rule and the matching "+" segment rules, ranked by Vault's five priority
// rules. Nothing matching means deny.
import type { Capability, PathRule } from './policy.js';
import type { Operation } from './types.js';

interface Perms {
  caps: Set<Capability>;
  allowed: Map<string, unknown[]>;
  denied: Map<string, unknown[]>;
  required: Set<string>;
  minWrap: number;
  maxWrap: number;
}

interface Candidate {
  firstWildcard: number;
  isPrefix: boolean;
  wildcards: number;
  wcPath: string;
  perms: Perms;
}

export class Acl {
  private readonly exact = new Map<string, Perms>();
  private readonly prefix = new Map<string, Perms>();
  private readonly segment = new Map<string, Perms>();

  constructor(policies: PathRule[][]) {
    for (const rules of policies) for (const rule of rules) this.add(rule);
  }

  private add(rule: PathRule) {
    const table =
      rule.kind === 'exact' ? this.exact : rule.kind === 'prefix' ? this.prefix : this.segment;
    const existing = table.get(rule.path);
    const incoming: Perms = {
      caps: new Set(rule.caps),
      allowed: new Map(rule.allowedParameters),
      denied: new Map(rule.deniedParameters),
      required: new Set(rule.requiredParameters),
      minWrap: rule.minWrappingTtl,
      maxWrap: rule.maxWrappingTtl,
    };
    if (!existing) return void table.set(rule.path, incoming);
    if (existing.caps.has('deny')) return; // an explicit deny for this path stays a deny
    if (incoming.caps.has('deny')) return void table.set(rule.path, incoming);
    for (const c of incoming.caps) existing.caps.add(c);
    for (const r of incoming.required) existing.required.add(r);
    mergeParams(existing.allowed, incoming.allowed);
    mergeParams(existing.denied, incoming.denied);
    if (incoming.minWrap && (!existing.minWrap || incoming.minWrap < existing.minWrap)) {
      existing.minWrap = incoming.minWrap;
    }
    if (incoming.maxWrap > existing.maxWrap) existing.maxWrap = incoming.maxWrap;
  }

  /** The rule that governs `path`, or undefined (deny by default). */
  private lookup(path: string, op: Operation | 'capabilities'): Perms | undefined {
    const exact = this.exact.get(path);
    if (exact) return exact;
    if (op === 'list') {
      const trimmed = this.exact.get(path.replace(/\/$/, ''));
      if (trimmed) return trimmed;
    }
    return this.nonExact(path);
  }

  private nonExact(path: string): Perms | undefined {
    const candidates: Candidate[] = [];
    let best: string | undefined;
    for (const p of this.prefix.keys()) {
      if (path.startsWith(p) && (best === undefined || p.length > best.length)) best = p;
    }
    if (best !== undefined) {
      const perms = this.prefix.get(best)!;
      if (this.segment.size === 0) return perms;
      candidates.push({
        firstWildcard: best.length,
        isPrefix: true,
        wildcards: 0,
        wcPath: best,
        perms,
      });
    }
    const parts = path.split('/');
    for (const [full, perms] of this.segment) {
      const isPrefix = full.endsWith('*');
      const wcPath = isPrefix ? full.slice(0, -1) : full;
      const acl = wcPath.split('/');
      if (parts.length < acl.length || (!isPrefix && acl.length !== parts.length)) continue;
      let wildcards = 0;
      const ok = acl.every((seg, i) => {
        if (seg === '+') return ++wildcards > 0;
        if (seg === parts[i]) return true;
        return isPrefix && i === acl.length - 1 && parts[i].startsWith(seg);
      });
      if (ok)
        candidates.push({ firstWildcard: full.indexOf('+'), isPrefix, wildcards, wcPath, perms });
    }
    if (!candidates.length) return undefined;
    candidates.sort(lessFirst);
    return candidates[candidates.length - 1].perms;
  }

  /** Is `op` on `path` with request `data` allowed? `sudo` reports root privileges there. */
  allowOperation(path: string, op: Operation, data: Record<string, unknown>) {
    const perms = this.lookup(path, op);
    const result = { allowed: false, sudo: false };
    if (!perms) return result;
    result.sudo = perms.caps.has('sudo');
    if (!perms.caps.has(op)) return result;
    // Response wrapping is not offered by this server, so a wrapping TTL bound can't be met.
    if (perms.maxWrap > 0 || perms.minWrap > 0) return result;
    if (op === 'read' || op === 'update' || op === 'create' || op === 'patch') {
      if (![...perms.required].every((p) => p in lowerKeys(data))) return result;
      if (!parametersAllowed(perms, data)) return result;
    }
    result.allowed = true;
    return result;
  }

  /** Vault's SudoPrivilege: does the rule governing `path` grant sudo? */
  hasSudo(path: string): boolean {
    return this.lookup(path, 'capabilities')?.caps.has('sudo') ?? false;
  }

  /** Capabilities on a path as sys/capabilities-self reports them. */
  capabilities(path: string): string[] {
    const perms = this.lookup(path, 'capabilities');
    if (!perms || perms.caps.has('deny') || perms.caps.size === 0) return ['deny'];
    return [...perms.caps].sort();
  }
}

/** Vault's sort: earlier wildcard, then "*"-suffixed, then more "+", then shorter, then smaller. */
function lessFirst(a: Candidate, b: Candidate): number {
  if (a.firstWildcard !== b.firstWildcard) return a.firstWildcard - b.firstWildcard;
  if (a.isPrefix !== b.isPrefix) return a.isPrefix ? -1 : 1;
  if (a.wildcards !== b.wildcards) return b.wildcards - a.wildcards;
  if (a.wcPath.length !== b.wcPath.length) return a.wcPath.length - b.wcPath.length;
  return a.wcPath < b.wcPath ? -1 : a.wcPath > b.wcPath ? 1 : 0;
}

function mergeParams(into: Map<string, unknown[]>, from: Map<string, unknown[]>) {
  for (const [k, v] of from) {
    const cur = into.get(k);
    // An empty list means "any value"; merging with it keeps "any value".
    into.set(
      k,
      cur === undefined ? [...v] : cur.length === 0 || v.length === 0 ? [] : [...cur, ...v],
    );
  }
}

function lowerKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.toLowerCase(), v]));
}

function valueMatches(value: unknown, list: unknown[]): boolean {
  if (list.length === 0) return true;
  return list.some((el) => {
    if (typeof el === 'string' && typeof value === 'string') return globMatch(el, value);
    return JSON.stringify(el) === JSON.stringify(value);
  });
}

/** strutil.GlobbedStringsMatch: "*" allowed at the start and/or end only. */
function globMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const pre = pattern.startsWith('*');
  const suf = pattern.endsWith('*') && pattern.length > 1;
  const core = pattern.slice(pre ? 1 : 0, suf ? -1 : undefined);
  if (pre && suf) return value.includes(core);
  if (pre) return value.endsWith(core);
  if (suf) return value.startsWith(core);
  return value === pattern;
}

function parametersAllowed(perms: Perms, raw: Record<string, unknown>): boolean {
  const data = lowerKeys(raw);
  if (Object.keys(data).length === 0) return true;
  if (perms.denied.size) {
    if (perms.denied.has('*')) return false;
    for (const [k, v] of Object.entries(data)) {
      const list = perms.denied.get(k);
      if (list && valueMatches(v, list)) return false;
    }
  }
  if (perms.allowed.size === 0) return true;
  const allowAll = perms.allowed.has('*');
  if (allowAll && perms.allowed.size === 1) return true;
  return Object.entries(data).every(([k, v]) => {
    const list = perms.allowed.get(k);
    if (!list) return allowAll;
    return valueMatches(v, list);
  });
}
