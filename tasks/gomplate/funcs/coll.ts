// gomplate's coll namespace (has, dict, merge, slice …) with the oracle-verified rules:
// dict stringifies keys, merge lets the destination win and deep-merges nested maps.
import { GoMap, GoSlice, type GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

export function has(inV: GoValue, key: string): boolean {
  if (inV instanceof GoMap) return inV.m.has(key);
  if (inV instanceof GoSlice) return inV.items.some((x) => x === key);
  return false;
}

export function dict(args: GoValue[]): GoMap {
  const m = new Map<string, GoValue>();
  for (let i = 0; i < args.length; i += 2) {
    const k = toGoString(args[i]!);
    m.set(k, i + 1 < args.length ? args[i + 1]! : '');
  }
  return new GoMap(m);
}

function isAnyMap(v: GoValue | undefined): v is GoMap {
  return v instanceof GoMap && v.elem === 'interface {}';
}

function mergeInto(base: GoMap, over: GoMap): GoMap {
  const out = new Map(base.m);
  for (const [k, v] of over.m) {
    const b = out.get(k);
    if (out.has(k) && isAnyMap(b) && isAnyMap(v)) out.set(k, mergeInto(b, v));
    else out.set(k, v);
  }
  return new GoMap(out);
}

export function merge(dst: GoMap | null, srcs: (GoMap | null)[]): GoMap {
  let r = dst ?? new GoMap();
  for (const src of srcs) r = mergeInto(src ?? new GoMap(), r);
  return r;
}

const sortedKeys = (m: GoMap) => [...m.m.keys()].sort();

export const COLL: Record<string, GoFunc> = {
  Has: fn(['any', 'string'], 'concrete', ([i, k]) => has(i as GoValue, k as string)),
  Dict: fn([], 'concrete', (a) => dict(a as GoValue[]), 'any'),
  Merge: fn(
    ['map'],
    'concrete',
    ([d, ...s]) => merge(d as GoMap | null, s as (GoMap | null)[]),
    'map',
  ),
  Slice: fn([], 'concrete', (a) => new GoSlice([...(a as GoValue[])]), 'any'),
  Keys: fn(
    [],
    'concrete',
    (maps) => {
      const out: GoValue[] = [];
      for (const m of maps as (GoMap | null)[]) if (m) out.push(...sortedKeys(m));
      return new GoSlice(out, 'string');
    },
    'map',
  ),
  Values: fn(
    [],
    'concrete',
    (maps) => {
      const out: GoValue[] = [];
      for (const m of maps as (GoMap | null)[])
        if (m) for (const k of sortedKeys(m)) out.push(m.m.get(k)!);
      return new GoSlice(out);
    },
    'map',
  ),
  Append: fn(
    ['any', 'any'],
    'concrete',
    ([v, list]) => new GoSlice([...asList(list as GoValue), v as GoValue]),
  ),
  Prepend: fn(
    ['any', 'any'],
    'concrete',
    ([v, list]) => new GoSlice([v as GoValue, ...asList(list as GoValue)]),
  ),
  Reverse: fn(['any'], 'concrete', ([list]) => new GoSlice([...asList(list as GoValue)].reverse())),
};

function asList(v: GoValue): GoValue[] {
  if (v instanceof GoSlice) return v.items;
  if (v === null) return [];
  throw new FuncError(`wrong type for value; expected []interface{}; got ${typeof v}`);
}

export const COLL_TOP: Record<string, GoFunc> = {
  has: COLL.Has!,
  dict: COLL.Dict!,
  merge: COLL.Merge!,
  keys: COLL.Keys!,
  values: COLL.Values!,
};

export const COLL_UNSUPPORTED = [
  'GoSlice',
  'Index',
  'Uniq',
  'Sort',
  'JQ',
  'Flatten',
  'Pick',
  'Omit',
  'Set',
  'Unset',
];
