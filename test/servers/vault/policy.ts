// Turns a policy document into path rules the way Vault's policy.go does: leading "/" stripped,
// a trailing "*" makes a prefix rule, a "+" segment makes a segment-wildcard rule, "deny"
// replaces every other capability, old-style `policy = "write"` maps to capabilities, and
// unknown keys or capabilities are errors.
import { HclError, isObject, parseHcl, type HclObject, type HclValue } from './hcl.js';
import { DurationError, parseDurationSeconds } from './duration.js';

export const CAPABILITIES = [
  'create',
  'read',
  'update',
  'delete',
  'list',
  'sudo',
  'deny',
  'patch',
  'subscribe',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface PathRule {
  path: string; // prefix rules: without the trailing "*"; segment rules: as written
  kind: 'exact' | 'prefix' | 'segment';
  caps: Set<Capability>;
  allowedParameters: Map<string, unknown[]>;
  deniedParameters: Map<string, unknown[]>;
  requiredParameters: string[];
  minWrappingTtl: number;
  maxWrappingTtl: number;
}

const OLD_POLICIES: Record<string, Capability[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

const PATH_KEYS = new Set([
  'policy',
  'capabilities',
  'allowed_parameters',
  'denied_parameters',
  'required_parameters',
  'min_wrapping_ttl',
  'max_wrapping_ttl',
  'mfa_methods',
  'control_group',
  'subscribe_event_types',
]);

export class PolicyParseError extends Error {}

/** Parses policy text; throws PolicyParseError with Vault-like messages. */
export function parsePolicy(text: string): PathRule[] {
  let doc: HclObject;
  try {
    doc = parseHcl(text);
  } catch (e) {
    if (e instanceof HclError) throw new PolicyParseError(e.message);
    throw e;
  }
  const rules: PathRule[] = [];
  for (const item of doc.items) {
    if (item.key === 'name') continue;
    if (item.key !== 'path')
      throw new PolicyParseError(`invalid key "${item.key}" on line ${item.line}`);
    // HCL form: path "x" { ... }; JSON form: "path": { "x": { ... } }.
    const entries: Array<[string, HclValue]> = item.labels.length
      ? [[item.labels[0], item.value]]
      : isObject(item.value)
        ? item.value.items.map((i) => [i.key, i.value] as [string, HclValue])
        : [];
    if (!item.labels.length && !isObject(item.value)) {
      throw new PolicyParseError(`path: expected an object on line ${item.line}`);
    }
    for (const [key, body] of entries) rules.push(parsePathBlock(key, body));
  }
  return rules;
}

function parsePathBlock(key: string, body: HclValue): PathRule {
  const fail = (msg: string): never => {
    throw new PolicyParseError(`path "${key}": ${msg}`);
  };
  if (!isObject(body)) fail('expected an object');
  let path = key.startsWith('/') ? key.slice(1) : key;
  if (path.includes('+*')) fail(`invalid use of wildcards ('+*' is forbidden)`);
  const segment = path === '+' || path.includes('/+') || path.startsWith('+/');
  let kind: PathRule['kind'] = segment ? 'segment' : 'exact';
  if (!segment && path.endsWith('*')) {
    path = path.slice(0, -1);
    kind = 'prefix';
  }
  const rule: PathRule = {
    path,
    kind,
    caps: new Set(),
    allowedParameters: new Map(),
    deniedParameters: new Map(),
    requiredParameters: [],
    minWrappingTtl: 0,
    maxWrappingTtl: 0,
  };
  const caps: string[] = [];
  for (const item of (body as HclObject).items) {
    if (!PATH_KEYS.has(item.key)) fail(`invalid key "${item.key}" on line ${item.line}`);
    const v = item.value;
    switch (item.key) {
      case 'policy':
        if (typeof v !== 'string' || !(v in OLD_POLICIES)) fail(`invalid policy "${String(v)}"`);
        caps.push(...OLD_POLICIES[v as string]);
        break;
      case 'capabilities':
        if (!Array.isArray(v) || v.some((c) => typeof c !== 'string')) {
          fail('capabilities must be a list of strings');
        }
        caps.push(...(v as string[]));
        break;
      case 'allowed_parameters':
      case 'denied_parameters':
        rule[item.key === 'allowed_parameters' ? 'allowedParameters' : 'deniedParameters'] =
          parameterMap(v, fail);
        break;
      case 'required_parameters':
        if (!Array.isArray(v) || v.some((c) => typeof c !== 'string'))
          fail('required_parameters must be a list');
        rule.requiredParameters = (v as string[]).map((s) => s.toLowerCase());
        break;
      case 'min_wrapping_ttl':
      case 'max_wrapping_ttl':
        try {
          const secs = parseDurationSeconds(v);
          if (item.key === 'min_wrapping_ttl') rule.minWrappingTtl = secs;
          else rule.maxWrappingTtl = secs;
        } catch (e) {
          if (e instanceof DurationError) fail(`error parsing ${item.key}: ${e.message}`);
          throw e;
        }
        break;
      default:
        break; // mfa_methods, control_group, subscribe_event_types: accepted, not modelled
    }
  }
  for (const c of caps) {
    if (!(CAPABILITIES as readonly string[]).includes(c)) fail(`invalid capability "${c}"`);
  }
  rule.caps = caps.includes('deny') ? new Set(['deny']) : new Set(caps as Capability[]);
  if (rule.minWrappingTtl && rule.maxWrappingTtl && rule.maxWrappingTtl < rule.minWrappingTtl) {
    fail('max_wrapping_ttl cannot be less than min_wrapping_ttl');
  }
  return rule;
}

function parameterMap(v: HclValue, fail: (m: string) => never): Map<string, unknown[]> {
  if (!isObject(v)) fail('parameters must be an object');
  const out = new Map<string, unknown[]>();
  for (const item of (v as HclObject).items) {
    const values = Array.isArray(item.value) ? item.value : [item.value];
    out.set(item.key.toLowerCase(), [...(out.get(item.key.toLowerCase()) ?? []), ...values]);
  }
  return out;
}
