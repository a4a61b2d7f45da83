// The Go value model the evaluator works on. Go keeps distinctions that JS values lose
// (int vs float64, nil interface vs missing value, []string vs []interface {}), and they
// show in output and error messages, so each is represented explicitly:
//   string, boolean      Go string / bool
//   GoInt, GoFloat       integers (exact, with their Go type) and float64
//   GoSlice, GoMap       typed collections; elements of interface type are stored raw
//   GoTime               time.Time
//   GoObject             namespace objects (strings, conv, …) and the root context
//   IfaceVal             a reflect.Value of interface kind (read from an any-typed slot)
//   null                 nil (of interface type) inside containers / any parameters
//   undefined            Go's invalid reflect.Value ("no value")
import type { GoTime } from './gotime.js';
import { compareGo } from './gostring.js';

export type IntType = 'int' | 'int64' | 'int32' | 'uint8' | 'uint64' | 'uint';

export class GoInt {
  constructor(
    readonly v: bigint,
    readonly t: IntType = 'int',
  ) {}
  get unsigned(): boolean {
    return this.t === 'uint8' || this.t === 'uint64' || this.t === 'uint';
  }
}

export class GoFloat {
  constructor(readonly v: number) {}
}

export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** Element type of a collection, as Go spells it. */
export type ElemType =
  | 'interface {}'
  | 'string'
  | 'int'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'uint8'
  | '[]string'
  | 'map[string]string'
  | 'map[string]interface {}';

export class GoSlice {
  constructor(
    readonly items: GoValue[],
    readonly elem: ElemType = 'interface {}',
    /** the backing array beyond the length, up to the capacity: `slice` may reach it */
    readonly spare: GoValue[] = [],
    /** a nil slice (decoders leave empty arrays nil): %#v and JSON tell it from [] */
    readonly isNil = false,
  ) {}
}

export class GoMap {
  constructor(
    readonly m: Map<string, GoValue> = new Map(),
    readonly elem: ElemType = 'interface {}',
    /** a named map type with methods (url.Values): its name and methods by name */
    readonly named?: { typeName: string; methods: (name: string) => object | undefined },
  ) {}
}

export class GoObject {
  constructor(
    readonly kind: 'namespace' | 'root',
    readonly name: string,
    readonly typeName: string,
    readonly printed: string,
    /** the root context's map (gomplate's --context aliases); empty without contexts */
    readonly data: GoMap = new GoMap(),
  ) {}
}

/**
 * A Go value of a named type with methods that templates call (time.Duration,
 * *semver.Version, *url.URL, fs.FileInfo…): its type name, what fmt prints for it
 * (the String method's result when it has one) and its methods/fields by name.
 * `num` is the integer of an integer-kind type (Duration), for %d and comparisons.
 */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly printed: string,
    readonly members: (name: string) => object | undefined,
    readonly num?: bigint,
    /** whether `printed` comes from a String method (fmt uses it for %v %s %q %x %X) */
    readonly stringer = true,
    /** a nil pointer whose methods still work (a URL's missing *url.Userinfo): false */
    readonly isNil = false,
  ) {}
}

export class IfaceVal {
  constructor(readonly v: Concrete | null) {}
}

export type Concrete =
  string | boolean | GoInt | GoFloat | GoComplex | GoSlice | GoMap | GoTime | GoObject | GoStruct;

/** A value stored in a container or passed as `any`: concrete or nil. */
export type GoValue = Concrete | null;

/** What the evaluator passes around: may also be an interface-kind value or invalid. */
export type Val = GoValue | IfaceVal | undefined;

export const goInt = (n: number | bigint, t: IntType = 'int'): GoInt =>
  new GoInt(typeof n === 'bigint' ? n : BigInt(n), t);

/** Go's reflect.Value.Interface() on an interface value: unwrap once. */
export function unwrap(v: Val): GoValue | undefined {
  if (v instanceof IfaceVal) return v.v === null ? undefined : v.v;
  return v;
}

/** Reads an element of an any-typed container as Go's reflect does (interface kind). */
export function elemVal(container: GoSlice | GoMap, raw: GoValue): Val {
  return container.elem === 'interface {}' ? new IfaceVal(raw as Concrete | null) : raw;
}

export function typeName(v: Val): string {
  if (v === undefined) return '<nil>';
  if (v === null) return 'interface {}';
  if (v instanceof IfaceVal) return 'interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoInt) return v.t;
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoSlice) return '[]' + v.elem;
  if (v instanceof GoMap) return v.named?.typeName ?? 'map[string]' + v.elem;
  if (v instanceof GoObject) return v.typeName;
  if (v instanceof GoStruct) return v.typeName;
  return 'time.Time';
}

/** The dynamic type name, as %T prints it (nil prints <nil>). */
export function dynTypeName(v: Val): string {
  const u = unwrap(v);
  return u === undefined || u === null ? '<nil>' : typeName(u);
}

/** Go's isTrue; `ok` false means the value has no truth (never for our types). */
export function isTrue(v: Val): boolean {
  const u = v instanceof IfaceVal ? v.v : v;
  if (u === undefined || u === null) return false;
  if (typeof u === 'string') return u.length > 0;
  if (typeof u === 'boolean') return u;
  if (u instanceof GoInt) return u.v !== 0n;
  if (u instanceof GoFloat) return u.v !== 0;
  if (u instanceof GoComplex) return u.re !== 0 || u.im !== 0;
  if (u instanceof GoSlice) return u.items.length > 0;
  if (u instanceof GoMap) return u.m.size > 0;
  if (u instanceof GoStruct) return !u.isNil;
  return true; // structs and non-nil pointers
}

/** Sorted keys of a map, bytewise (Go's fmtsort / range order). */
export function sortedKeys(m: GoMap): string[] {
  const keys = [...m.m.keys()];
  let simple = true;
  for (const k of keys) {
    for (let i = 0; i < k.length; i++) {
      if (k.charCodeAt(i) >= 0xd800) {
        simple = false;
        break;
      }
    }
  }
  if (simple) return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.sort(compareGo);
}
