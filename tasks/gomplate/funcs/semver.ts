// gomplate's semver namespace over Masterminds/semver v3.4.0 (the version gomplate v4.3.3
// pins): NewVersion's coercing parser, constraints (ranges, ||, x-ranges, ~ and ^), the
// error texts, and the *semver.Version methods a template calls.
import { GoStruct, goInt } from '../values.js';
import { type GoFunc, FuncError, fn } from './types.js';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const MAX_U64 = (1n << 64n) - 1n;
// Go's \s is [\t\n\f\r ]
const S = '[\\t\\n\\f\\r ]';
const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g');
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, 'g');
const VALID = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`,
);

const NUM = /^[0-9]*$/;
const ALLOWED = /^[a-zA-Z0-9-]*$/;

function parseUint(s: string): bigint {
  const v = BigInt(s);
  if (v > MAX_U64)
    throw new FuncError(
      `error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`,
    );
  return v;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new FuncError('invalid prerelease string');
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new FuncError('version segment starts with 0');
    } else if (!ALLOWED.test(part)) throw new FuncError('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.'))
    if (part === '' || !ALLOWED.test(part)) throw new FuncError('invalid metadata string');
}

/** semver.NewVersion (CoerceNewVersion: the loose grammar). */
export function newVersion(v: string): Version {
  const m = LOOSE.exec(v);
  if (!m) throw new FuncError('invalid semantic version');
  const sv: Version = {
    major: parseUint(m[1]!),
    minor: m[2] ? parseUint(m[2].slice(1)) : 0n,
    patch: m[3] ? parseUint(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (sv.pre) validatePrerelease(sv.pre);
  if (sv.metadata) validateMetadata(sv.metadata);
  return sv;
}

export function versionString(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre) s += '-' + v.pre;
  if (v.metadata) s += '+' + v.metadata;
  return s;
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function asUint(s: string): bigint | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v > MAX_U64 ? undefined : v;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const oi = asUint(o);
  const si = asUint(s);
  if (oi === undefined && si === undefined) return s > o ? 1 : -1;
  if (oi === undefined) return -1;
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

export function compareVersions(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

const isX = (x: string) => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0)
    return {
      con: newVersion('0.0.0'),
      orig: c,
      op: '',
      minorDirty: false,
      patchDirty: false,
      dirty: true,
    };
  const m = CONSTRAINT.exec(c);
  if (!m) throw new FuncError(`improper constraint: ${c}`);
  const [, op, orig, m3 = '', m4 = '', m5 = '', m6 = ''] = m as unknown as string[];
  let ver = orig!;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(m3) || m3 === '') {
    ver = `0.0.0${m6}`;
    dirty = true;
  } else if (isX(m4.replace(/^\./, '')) || m4 === '') {
    minorDirty = dirty = true;
    ver = `${m3}.0.0${m6}`;
  } else if (isX(m5.replace(/^\./, '')) || m5 === '') {
    dirty = patchDirty = true;
    ver = `${m3}${m4}.0${m6}`;
  }
  let con: Version;
  try {
    con = newVersion(ver);
  } catch {
    throw new FuncError('constraint parser error');
  }
  return { con, orig: orig!, op: op!, minorDirty, patchDirty, dirty };
}

function checkOne(v: Version, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const k = c.con;
  switch (c.op) {
    case '!=':
      if (c.dirty) {
        if (k.major !== v.major) return true;
        if (k.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (k.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || k.pre !== '') return comparePrerelease(v.pre, k.pre) !== 0;
          return false;
        }
      }
      return compareVersions(v, k) !== 0;
    case '>':
      if (!c.dirty) return compareVersions(v, k) === 1;
      if (v.major > k.major) return true;
      if (v.major < k.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > k.minor;
      return compareVersions(v, k) === 1;
    case '<':
      return compareVersions(v, k) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, k) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, k) <= 0;
      if (v.major > k.major) return false;
      return !(v.major === k.major && v.minor > k.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^': {
      if (compareVersions(v, k) < 0) return false;
      if (k.major > 0n || c.minorDirty) return v.major === k.major;
      if (v.major > 0n) return false;
      if (k.minor > 0n || c.patchDirty) return v.minor === k.minor;
      if (v.minor > 0n) return false;
      return k.patch === v.patch;
    }
    default:
      // '' and '=': equality, or a tilde range when the version is partial
      if (c.dirty) return tilde(v, c);
      return compareVersions(v, k) === 0;
  }
}

function tilde(v: Version, c: Constraint): boolean {
  const k = c.con;
  if (compareVersions(v, k) < 0) return false;
  if (k.major === 0n && k.minor === 0n && k.patch === 0n && !c.minorDirty && !c.patchDirty)
    return true;
  if (v.major !== k.major) return false;
  return !(v.minor !== k.minor && !c.minorDirty);
}

/** semver.NewConstraint(c).Check(v). */
export function checkConstraint(text: string, v: Version): boolean {
  // "1.2 - 1.4" → ">= 1.2, <= 1.4": the second version is the range regexp's group 11
  const rewritten = text.replace(
    RANGE,
    (_m, from: string, ...rest: string[]) => `>= ${from}, <= ${rest[9]} `,
  );
  const ors = rewritten.split('||').map((or) => {
    if (!VALID.test(or)) throw new FuncError(`improper constraint: ${or}`);
    const found = or.match(FIND) ?? [or];
    const cs = found.map(parseConstraint);
    return { cs, hasPre: cs.some((c) => c.con.pre !== '') };
  });
  return ors.some(({ cs, hasPre }) => cs.every((c) => checkOne(v, c, hasPre)));
}

function versionArg(v: unknown, type: string): Version {
  if (v instanceof GoStruct) {
    const ver = (v.members('__version') as { version?: Version } | undefined)?.version;
    if (ver) return ver;
  }
  throw new FuncError(`wrong type for value; expected ${type}`);
}

const vPrefix = (v: Version) => (v.original.startsWith('v') ? 'v' : '');

function derived(v: Version, change: Partial<Version>): GoStruct {
  const next = { ...v, ...change };
  return version({ ...next, original: vPrefix(v) + versionString(next) }, 'semver.Version');
}

/** A *semver.Version (or semver.Version) as a template value. */
export function version(v: Version, type = '*semver.Version'): GoStruct {
  const val = (f: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', f);
  const cmpTo = (pred: (d: number) => boolean) =>
    fn(['any'], 'concrete', ([o]) => pred(compareVersions(v, versionArg(o, '*semver.Version'))));
  // a semver.Version value is not addressable: its pointer-receiver methods are out of reach
  const pointerOnly = ['Original', 'LessThan', 'LessThanEqual', 'GreaterThan'];
  pointerOnly.push('GreaterThanEqual', 'Equal', 'Compare');
  const members = (name: string): object | undefined => {
    if (type === 'semver.Version' && pointerOnly.includes(name)) return undefined;
    switch (name) {
      case '__version':
        return { version: v };
      case 'Major':
        return val(() => goInt(v.major, 'uint64'));
      case 'Minor':
        return val(() => goInt(v.minor, 'uint64'));
      case 'Patch':
        return val(() => goInt(v.patch, 'uint64'));
      case 'Prerelease':
        return val(() => v.pre);
      case 'Metadata':
        return val(() => v.metadata);
      case 'Original':
        return val(() => v.original);
      case 'String':
        return val(() => versionString(v));
      case 'IncPatch':
        return val(() =>
          derived(
            v,
            v.pre ? { pre: '', metadata: '' } : { pre: '', metadata: '', patch: inc(v.patch) },
          ),
        );
      case 'IncMinor':
        return val(() => derived(v, { pre: '', metadata: '', patch: 0n, minor: inc(v.minor) }));
      case 'IncMajor':
        return val(() =>
          derived(v, { pre: '', metadata: '', patch: 0n, minor: 0n, major: inc(v.major) }),
        );
      case 'SetPrerelease':
        return fn(['string'], 'concrete', ([p]) => {
          if ((p as string).length > 0) validatePrerelease(p as string);
          return derived(v, { pre: p as string });
        });
      case 'SetMetadata':
        return fn(['string'], 'concrete', ([m]) => {
          if ((m as string).length > 0) validateMetadata(m as string);
          return derived(v, { metadata: m as string });
        });
      case 'LessThan':
        return cmpTo((d) => d < 0);
      case 'LessThanEqual':
        return cmpTo((d) => d <= 0);
      case 'GreaterThan':
        return cmpTo((d) => d > 0);
      case 'GreaterThanEqual':
        return cmpTo((d) => d >= 0);
      case 'Equal':
        return cmpTo((d) => d === 0);
      case 'Compare':
        return fn(['any'], 'concrete', ([o]) =>
          goInt(compareVersions(v, versionArg(o, '*semver.Version'))),
        );
    }
    return undefined;
  };
  return new GoStruct(type, versionString(v), members);
}

/** uint64 arithmetic wraps. */
const inc = (n: bigint) => (n + 1n) & MAX_U64;

export const SEMVER: Record<string, GoFunc> = {
  Semver: fn(['string'], 'concrete', ([s]) => version(newVersion(s as string))),
  CheckConstraint: fn(['string', 'string'], 'concrete', ([c, s]) => {
    // NewConstraint's error comes first, then the version's
    const text = c as string;
    const ver = () => newVersion(s as string);
    checkConstraint(text, newVersion('0.0.0'));
    return checkConstraint(text, ver());
  }),
};
