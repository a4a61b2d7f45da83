import { stringify } from 'yaml';

/**
 * Deployed Helm values against the values install would render now: the changed keys
 * (status) and a unified diff (diff). Pure: no cluster, no files.
 */

export type Change = { path: string; kind: 'added' | 'removed' | 'changed' };

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Keys whose values are credentials wherever they appear in a values file.
const SECRET_KEY = /(secret|password|token|crypt.?key|api.?key|private.?key)$/i;

/** Keys are dotted paths; list items by index, a key with dots in brackets. */
const join = (base: string, key: string | number): string => {
  if (typeof key === 'number') return `${base}[${key}]`;
  const part = /^[A-Za-z0-9_-]+$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  return !base ? part : part.startsWith('[') ? `${base}${part}` : `${base}.${part}`;
};

/** Every leaf (scalar, empty map, empty list) by its path. */
export function flatten(v: Json, base = '', out = new Map<string, Json>()): Map<string, Json> {
  if (isObject(v) && Object.keys(v).length) {
    for (const [k, x] of Object.entries(v)) flatten(x, join(base, k), out);
  } else if (Array.isArray(v) && v.length) {
    v.forEach((x, i) => flatten(x, join(base, i), out));
  } else {
    out.set(base, v);
  }
  return out;
}

/** Leaf paths that were added, removed or changed from `deployed` to `rendered`, sorted. */
export function changedKeys(deployed: Json, rendered: Json): Change[] {
  const a = flatten(deployed ?? {});
  const b = flatten(rendered ?? {});
  const changes: Change[] = [];
  for (const [path, value] of b) {
    if (!a.has(path)) changes.push({ path, kind: 'added' });
    else if (JSON.stringify(a.get(path)) !== JSON.stringify(value))
      changes.push({ path, kind: 'changed' });
  }
  for (const path of a.keys()) if (!b.has(path)) changes.push({ path, kind: 'removed' });
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** A copy with every value under a secret-looking key replaced by `***`. */
export function maskSecrets(v: Json): Json {
  if (Array.isArray(v)) return v.map(maskSecrets);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      SECRET_KEY.test(k) && (typeof x === 'string' || typeof x === 'number') && x !== ''
        ? '***'
        : maskSecrets(x),
    ]),
  );
}

/** Keys sorted at every level, so the text diff shows content changes only. */
function sorted(v: Json): Json {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sorted(v[k])]),
  );
}

/** The values as YAML for a diff: sorted keys, secrets masked. */
export const valuesText = (v: Json): string =>
  v === undefined || v === null ? '' : stringify(sorted(maskSecrets(v)), { lineWidth: 0 });

type Op = { op: ' ' | '-' | '+'; line: string };

/** The shortest edit script between two line lists (LCS table; values files are small). */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ op: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) ops.push({ op: '-', line: a[i++]! });
    else ops.push({ op: '+', line: b[j++]! });
  }
  while (i < n) ops.push({ op: '-', line: a[i++]! });
  while (j < m) ops.push({ op: '+', line: b[j++]! });
  return ops;
}

const lines = (text: string): string[] => (text ? text.replace(/\n$/, '').split('\n') : []);

/** A unified diff (3 lines of context) from `a` to `b`; '' when they are equal. */
export function unifiedDiff(a: string, b: string, aName: string, bName: string): string {
  const ops = editScript(lines(a), lines(b));
  if (ops.every((o) => o.op === ' ')) return '';
  const CONTEXT = 3;
  const out = [`--- ${aName}`, `+++ ${bName}`];
  // Positions (in ops) of the changes, grouped into hunks when their context overlaps.
  const changed = ops.map((o, k) => (o.op === ' ' ? -1 : k)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - CONTEXT);
    let end = changed[k]!;
    while (k + 1 < changed.length && changed[k + 1]! - end <= 2 * CONTEXT) end = changed[++k]!;
    k++;
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    // Line numbers at the hunk start: count the lines of each side before it.
    const before = ops.slice(0, start);
    const aStart = before.filter((o) => o.op !== '+').length;
    const bStart = before.filter((o) => o.op !== '-').length;
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o.op !== '+').length;
    const bLen = hunk.filter((o) => o.op !== '-').length;
    const range = (s: number, len: number) => `${len ? s + 1 : s},${len}`;
    out.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`);
    for (const o of hunk) out.push(`${o.op}${o.line}`);
  }
  return `${out.join('\n')}\n`;
}
