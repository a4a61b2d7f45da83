// More of gomplate's conv namespace: the list converters, Join, Bool and the strconv
// parsers (ParseInt/ParseUint with any base and bit size, ParseFloat, Atoi) with Go's
// NumError texts.
import { NumError, type NumErr, parseFloat64, underscoreOK } from '../strconv.js';
import { quote } from '../strconv.js';
import { GoFloat, GoInt, GoSlice, type GoValue } from '../values.js';
import { toBool, toFloat64Strict, toGoString, toInt64 } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

const MAX_U64 = (1n << 64n) - 1n;

class ParseError extends FuncError {}
const perr = (f: string, s: string, why: NumErr | string) =>
  new ParseError(`strconv.${f}: parsing ${quote(s)}: ${why}`);

/** Go's strconv.ParseUint(s, base, bitSize); `f` names the function in errors. */
function parseUintBase(
  s: string,
  base: number | bigint,
  bitSize: number | bigint,
  f = 'ParseUint',
): [bigint, boolean] {
  const s0 = s;
  if (s === '') throw perr(f, s0, 'invalid syntax');
  const base0 = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s[1]?.toLowerCase();
      if (s.length >= 3 && p === 'b') [base, s] = [2, s.slice(2)];
      else if (s.length >= 3 && p === 'o') [base, s] = [8, s.slice(2)];
      else if (s.length >= 3 && p === 'x') [base, s] = [16, s.slice(2)];
      else [base, s] = [8, s.slice(1)];
    }
  } else if (base < 2 || base > 36) throw perr(f, s0, `invalid base ${base}`);
  if (bitSize === 0) bitSize = 64;
  else if (bitSize < 0 || bitSize > 64) throw perr(f, s0, `invalid bit size ${bitSize}`);
  base = Number(base);
  bitSize = Number(bitSize);
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const B = BigInt(base);
  let n = 0n;
  let underscores = false;
  let range = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c === 95 && base0) {
      underscores = true;
      continue;
    } else if (c >= 48 && c <= 57) d = c - 48;
    else if ((c | 32) >= 97 && (c | 32) <= 122) d = (c | 32) - 87;
    else throw perr(f, s0, 'invalid syntax');
    if (d >= base) throw perr(f, s0, 'invalid syntax');
    if (!range) {
      n = n * B + BigInt(d);
      if (n > maxVal || n > MAX_U64) range = true;
    }
  }
  if (underscores && !underscoreOK(s0)) throw perr(f, s0, 'invalid syntax');
  return range ? [maxVal, true] : [n, false];
}

export function parseUintGo(s: string, base: number | bigint, bitSize: number | bigint): bigint {
  const [n, range] = parseUintBase(s, base, bitSize);
  if (range) throw perr('ParseUint', s, 'value out of range');
  return n;
}

export function parseIntGo(
  s: string,
  base: number | bigint,
  bitSize: number | bigint,
  f = 'ParseInt',
): bigint {
  if (s === '') throw perr(f, s, 'invalid syntax');
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  let un: bigint;
  try {
    [un] = parseUintBase(body, base, bitSize, f);
  } catch (e) {
    if (e instanceof ParseError) throw new ParseError(e.message.replace(quote(body), quote(s)));
    throw e;
  }
  const cutoff = 1n << BigInt((Number(bitSize) || 64) - 1);
  if ((!neg && un >= cutoff) || (neg && un > cutoff)) throw perr(f, s, 'value out of range');
  return neg ? -un : un;
}

function parseFloatGo(s: string, bitSize: number): number {
  let v: number;
  try {
    v = parseFloat64(s);
  } catch (e) {
    if (e instanceof NumError) throw perr('ParseFloat', s, e.reason);
    throw e;
  }
  if (bitSize === 32) {
    const r = Math.fround(v);
    if (!Number.isFinite(r) && Number.isFinite(v))
      throw perr('ParseFloat', s, 'value out of range');
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
    ([s, b, bits]) => new GoInt(parseIntGo(str(s), exactInt(b), exactInt(bits)), 'int64'),
  ),
  ParseUint: fn(
    ['any', 'int', 'int'],
    'concrete',
    ([s, b, bits]) => new GoInt(parseUintGo(str(s), exactInt(b), exactInt(bits)), 'uint64'),
  ),
  ParseFloat: fn(
    ['any', 'int'],
    'concrete',
    ([s, bits]) => new GoFloat(parseFloatGo(str(s), int(bits))),
  ),
  Atoi: fn(['any'], 'concrete', ([s]) => new GoInt(parseIntGo(str(s), 10, 0, 'Atoi'), 'int')),
};
