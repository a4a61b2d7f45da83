// eq/ne/lt/le/gt/ge with Go's rules and the error texts of the Go release gomplate 5.1.0
// is built with (types named in "incompatible types for comparison: A and B").
import { formatValue, NOFLAGS } from './fmt.js';
import { compareGo } from './gostring.js';
import { GoTime } from './gotime.js';
import { FuncError } from './funcs/types.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  GoSlice,
  GoStruct,
  type GoValue,
  type Val,
  typeName,
  unwrap,
} from './values.js';

type Kind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

function kindOf(v: GoValue | undefined): Kind {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return v.unsigned ? 'uint' : 'int';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

/** reflect.Kind name, for "non-comparable types" checks. */
function reflectKind(v: GoValue | undefined): string {
  if (v === undefined || v === null) return 'invalid';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoObject) return 'ptr';
  if (v instanceof GoTime) return 'struct';
  if (v instanceof GoStruct) return v.num === undefined ? 'ptr' : 'int64';
  return kindOf(v);
}

const s = (v: GoValue | undefined) => formatValue(v, 's', NOFLAGS, 0);
const vv = (v: GoValue | undefined) => formatValue(v, 'v', NOFLAGS, 0);
const incompatible = (a: GoValue, b: GoValue) =>
  new FuncError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);

function bothIntUint(a: GoInt, b: GoInt): boolean {
  return a.v === b.v;
}

function eqOne(a: GoValue | undefined, ka: Kind, bRaw: Val): boolean {
  const b = unwrap(bRaw);
  const kb = kindOf(b);
  if (ka !== kb) {
    if ((ka === 'int' && kb === 'uint') || (ka === 'uint' && kb === 'int'))
      return bothIntUint(a as GoInt, b as GoInt);
    if (a !== undefined && a !== null && b !== undefined && b !== null) throw incompatible(a, b);
    return false;
  }
  switch (ka) {
    case 'bool':
    case 'string':
      return a === b;
    case 'int':
    case 'uint':
      return (a as GoInt).v === (b as GoInt).v;
    case 'float':
      return (a as GoFloat).v === (b as GoFloat).v;
    case 'complex':
      return (
        (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im
      );
  }
  const aValid = a !== undefined && a !== null;
  const bValid = b !== undefined && b !== null;
  if (aValid && bValid && reflectKind(a) !== reflectKind(b))
    throw new FuncError(`non-comparable types ${s(a)}: ${typeName(a)}, ${typeName(b)}: ${vv(b)}`);
  if (!aValid || !bValid) return aValid === bValid;
  if (b instanceof GoSlice || b instanceof GoMap)
    throw new FuncError(`non-comparable type ${s(b)}: ${typeName(b)}`);
  if (a instanceof GoTime && b instanceof GoTime)
    return a.sec === b.sec && a.nsec === b.nsec && a.offset === b.offset && a.zone === b.zone;
  return a === b;
}

export function eq(arg1: Val, ...rest: Val[]): boolean {
  const a = unwrap(arg1);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const ka = kindOf(a);
  for (const b of rest) if (eqOne(a, ka, b)) return true;
  return false;
}

export function lt(arg1: Val, arg2: Val): boolean {
  const a = unwrap(arg1);
  const b = unwrap(arg2);
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'invalid' || kb === 'invalid') throw new FuncError('invalid type for comparison');
  if (ka !== kb) {
    if ((ka === 'int' && kb === 'uint') || (ka === 'uint' && kb === 'int'))
      return (a as GoInt).v < (b as GoInt).v;
    throw incompatible(a!, b!);
  }
  switch (ka) {
    case 'bool':
    case 'complex':
      throw new FuncError('invalid type for comparison');
    case 'float':
      return (a as GoFloat).v < (b as GoFloat).v;
    case 'int':
    case 'uint':
      return (a as GoInt).v < (b as GoInt).v;
    case 'string':
      return compareGo(a as string, b as string) < 0;
  }
  throw new FuncError('invalid type for comparison');
}

export function le(a: Val, b: Val): boolean {
  return lt(a, b) || eq(a, b);
}
