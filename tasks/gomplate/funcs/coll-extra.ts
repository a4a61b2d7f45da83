// More of gomplate's coll namespace: Uniq, Flatten, Sort, Pick, Omit, Set, Unset, and
// Append/Prepend/Reverse with gomplate's own error for a non-list. Set and Unset change
// the map they are given, as Go's maps are references.
import { formatValue, NOFLAGS } from '../fmt.js';
import { GoFloat, GoInt, GoMap, GoSlice, type GoValue, typeName } from '../values.js';
import { toGoString, toInt64 } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

/** gomplate's InterfaceSlice: any slice, else an error (its %T is of a reflect.Value). */
function list(v: GoValue): GoValue[] {
  if (v instanceof GoSlice) return [...v.items];
  throw new FuncError('expected an array or slice, but got a reflect.Value');
}

/** reflect.DeepEqual on the engine's values. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof GoInt) return b instanceof GoInt && a.t === b.t && a.v === b.v;
  if (a instanceof GoFloat) return b instanceof GoFloat && a.v === b.v;
  if (a instanceof GoSlice)
    return (
      b instanceof GoSlice &&
      a.elem === b.elem &&
      a.items.length === b.items.length &&
      a.items.every((x, i) => deepEqual(x, b.items[i]!))
    );
  if (a instanceof GoMap)
    return (
      b instanceof GoMap &&
      a.elem === b.elem &&
      a.m.size === b.m.size &&
      [...a.m].every(([k, v]) => b.m.has(k) && deepEqual(v, b.m.get(k)!))
    );
  return a === b;
}

/** reflect Kind as sameTypes compares it. */
function kind(v: GoValue): string {
  if (v === null)
    throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
  if (v instanceof GoInt) return v.unsigned ? 'uint' : 'int';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoSlice) return 'slice';
  return typeName(v);
}

function less(key: string, l: GoValue, r: GoValue): boolean {
  if (l instanceof GoInt) return l.v < (r as GoInt).v;
  if (l instanceof GoFloat) return l.v < (r as GoFloat).v;
  if (typeof l === 'string') return l < (r as string);
  if (l instanceof GoMap) {
    if (!l.m.has(key)) return false;
    const rv = (r as GoMap).m.get(key);
    if (rv === undefined)
      throw new FuncError('reflect: call of reflect.Value.Interface on zero Value');
    return less('', l.m.get(key)!, rv);
  }
  return false;
}

function sort(key: string, v: GoValue): GoValue {
  if (v === null) return new GoSlice([]);
  const items = list(v);
  const first = items[0];
  if (first !== undefined && items.some((x) => kind(x) !== kind(first))) return new GoSlice(items);
  // a stable sort, like sort.SliceStable
  const idx = items.map((x, i) => [x, i] as const);
  idx.sort(([a, i], [b, j]) => (less(key, a, b) ? -1 : less(key, b, a) ? 1 : i - j));
  return new GoSlice(idx.map(([x]) => x));
}

function flatten(v: GoValue, depth: number): GoValue[] {
  const l = list(v);
  if (depth === 0) return l;
  const out: GoValue[] = [];
  for (const x of l) {
    if (x instanceof GoSlice) out.push(...flatten(x, depth - 1));
    else out.push(x);
  }
  return out;
}

function pickOmit(args: GoValue[], pick: boolean): GoMap {
  if (args.length <= 1)
    throw new FuncError(`wrong number of args: wanted 2 or more, got ${args.length}`);
  const m = args[args.length - 1]!;
  if (!(m instanceof GoMap) || m.elem !== 'interface {}')
    throw new FuncError(
      `wrong map type: must be map[string]any, got ${m === null ? '<nil>' : typeName(m)}`,
    );
  let keys = args.slice(0, -1);
  if (keys.length === 1 && keys[0] instanceof GoSlice) keys = keys[0].items;
  const names = keys.map((k) => {
    if (typeof k !== 'string')
      throw new FuncError(
        `wrong key type: must be string, got ${k === null ? '<nil>' : typeName(k)} (${formatValue(k, 'v', NOFLAGS, 0)})`,
      );
    return k;
  });
  const out = new Map<string, GoValue>();
  for (const [k, v] of m.m) if (names.includes(k) === pick) out.set(k, v);
  return new GoMap(out);
}

export const COLL_EXTRA: Record<string, GoFunc> = {
  Append: fn(
    ['any', 'any'],
    'concrete',
    ([v, l]) => new GoSlice([...list(l as GoValue), v as GoValue]),
  ),
  Prepend: fn(
    ['any', 'any'],
    'concrete',
    ([v, l]) => new GoSlice([v as GoValue, ...list(l as GoValue)]),
  ),
  Reverse: fn(['any'], 'concrete', ([l]) => new GoSlice(list(l as GoValue).reverse())),
  Uniq: fn(['any'], 'concrete', ([l]) => {
    const out: GoValue[] = [];
    for (const x of list(l as GoValue)) if (!out.some((y) => deepEqual(y, x))) out.push(x);
    return new GoSlice(out);
  }),
  Flatten: fn(
    [],
    'concrete',
    (args) => {
      if (args.length === 0 || args.length > 2)
        throw new FuncError(`wrong number of args: wanted 1 or 2, got ${args.length}`);
      let depth = -1;
      if (args.length === 2) {
        const d = args[0] as GoValue;
        try {
          depth = Number(toInt64(d));
        } catch {
          throw new FuncError(
            `wrong depth type: must be int, got ${d === null ? '<nil>' : typeName(d)} (${formatValue(d, 'v', NOFLAGS, 0)})`,
          );
        }
      }
      return new GoSlice(flatten(args[args.length - 1] as GoValue, depth));
    },
    'any',
  ),
  Sort: fn(
    [],
    'concrete',
    (args) => {
      if (args.length === 0 || args.length > 2)
        throw new FuncError(`wrong number of args: wanted 1 or 2, got ${args.length}`);
      const key = args.length === 2 ? toGoString(args[0] as GoValue) : '';
      return sort(key, args[args.length - 1] as GoValue);
    },
    'any',
  ),
  Pick: fn([], 'concrete', (a) => pickOmit(a as GoValue[], true), 'any'),
  Omit: fn([], 'concrete', (a) => pickOmit(a as GoValue[], false), 'any'),
  Set: fn(['string', 'any', 'map'], 'concrete', ([k, v, m]) => {
    if (m === null) throw new FuncError('assignment to entry in nil map');
    (m as GoMap).m.set(k as string, v as GoValue);
    return m as GoMap;
  }),
  Unset: fn(['string', 'map'], 'concrete', ([k, m]) => {
    if (m !== null) (m as GoMap).m.delete(k as string);
    return m === null ? new GoMap() : (m as GoMap);
  }),
};
