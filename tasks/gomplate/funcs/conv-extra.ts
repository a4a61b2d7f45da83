// More of gomplate's conv namespace: the list converters, Join, Bool and the strconv
// parsers (ParseInt/ParseUint with any base and bit size, ParseFloat, Atoi) with Go's
// NumError texts.
import { NumError, parseFloat64, parseInt64, parseUint } from '../strconv-parse.js';
import { GoFloat, GoInt, GoSlice, type GoValue } from '../values.js';
import { toBool, toFloat64Strict, toGoString, toInt64 } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

/** strconv's errors as the function's error (the call's message is NumError's text). */
function goErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof NumError) throw new FuncError(e.message);
    throw e;
  }
}

function parseFloatGo(s: string, bitSize: number): number {
  const v = goErrors(() => parseFloat64(s));
  if (bitSize === 32) {
    const r = Math.fround(v);
    if (!Number.isFinite(r) && Number.isFinite(v))
      throw new FuncError(new NumError('ParseFloat', s, 'value out of range').message);
    return r;
  }
  return v;
}

const str = (v: unknown) => toGoString(v as GoValue);
const int = (v: unknown) => Number((v as GoInt).v);
/** An int argument kept exact when JS numbers cannot hold it (Go prints it in errors). */
const exactInt = (v: unknown) => {
  const n = (v as GoInt).v;
  return n >= -(2n ** 53n) && n <= 2n ** 53n ? Number(n) : n;
};

function join(v: GoValue, sep: string): string {
  if (!(v instanceof GoSlice))
    throw new FuncError(
      'input to Join must be an array: expected an array or slice, but got a reflect.Value',
    );
  return v.items.map((x) => toGoString(x)).join(sep);
}

export const CONV_EXTRA: Record<string, GoFunc> = {
  Bool: fn(['any'], 'concrete', ([v]) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(str(v))),
  ToBools: fn(
    [],
    'concrete',
    (a) =>
      new GoSlice(
        a.map((x) => toBool(x as GoValue)),
        'bool',
      ),
    'any',
  ),
  ToStrings: fn([], 'concrete', (a) => new GoSlice(a.map(str), 'string'), 'any'),
  ToInt64s: fn(
    [],
    'concrete',
    (a) =>
      new GoSlice(
        a.map((x) => new GoInt(toInt64(x as GoValue), 'int64')),
        'int64',
      ),
    'any',
  ),
  ToInts: fn(
    [],
    'concrete',
    (a) =>
      new GoSlice(
        a.map((x) => new GoInt(toInt64(x as GoValue), 'int')),
        'int',
      ),
    'any',
  ),
  ToFloat64s: fn(
    [],
    'concrete',
    (a) =>
      new GoSlice(
        a.map((x) => new GoFloat(toFloat64Strict(x as GoValue))),
        'float64',
      ),
    'any',
  ),
  Join: fn(['any', 'string'], 'concrete', ([v, sep]) => join(v as GoValue, sep as string)),
  ParseInt: fn(
    ['any', 'int', 'int'],
    'concrete',
    ([s, b, bits]) =>
      new GoInt(
        goErrors(() => parseInt64(str(s), exactInt(b), exactInt(bits))),
        'int64',
      ),
  ),
  ParseUint: fn(
    ['any', 'int', 'int'],
    'concrete',
    ([s, b, bits]) =>
      new GoInt(
        goErrors(() => parseUint(str(s), exactInt(b), exactInt(bits))),
        'uint64',
      ),
  ),
  ParseFloat: fn(
    ['any', 'int'],
    'concrete',
    ([s, bits]) => new GoFloat(parseFloatGo(str(s), int(bits))),
  ),
  Atoi: fn(
    ['any'],
    'concrete',
    ([s]) =>
      new GoInt(
        goErrors(() => parseInt64(str(s), 10, 0, 'Atoi')),
        'int',
      ),
  ),
};
