// gomplate's conv package semantics shared by several namespaces: ToString (used to
// "stringify" almost every argument), ToInt64 with its error texts, ToBool, ToFloat64.
import { formatValue, NOFLAGS } from '../fmt.js';
import { NumError, parseFloat64, parseInt64 } from '../strconv-parse.js';
import { quote } from '../strconv-quote.js';
import { fromBytes } from '../gostring.js';
import { GoFloat, GoInt, GoObject, GoSlice, GoStruct, type GoValue } from '../values.js';
import { FuncError } from './types.js';

/** conv.ToString: nil → "nil", strings as is, everything else as fmt prints it. */
export function toGoString(v: GoValue | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return v;
  if (v instanceof GoObject) return v.printed;
  // []byte is taken as the string it holds
  if (v instanceof GoSlice && v.elem === 'uint8')
    return fromBytes(Uint8Array.from(v.items, (x) => Number((x as GoInt).v)));
  return formatValue(v, 'v', NOFLAGS, 0);
}

const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

/** Go's int64(f) conversion (amd64: out-of-range and NaN give MinInt64). */
export function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_I64;
  return BigInt(Math.trunc(f));
}

/** conv.ToInt64 (gomplate 5): errors for unconvertible input. */
export function toInt64(v: GoValue): bigint {
  if (typeof v === 'string') {
    const s = v.replace(/,/g, '');
    try {
      return parseInt64(s);
    } catch {
      let f: number;
      try {
        f = parseFloat64(s);
      } catch (e) {
        const msg = e instanceof NumError ? e.message : String(e);
        throw new FuncError(`could not convert ${quote(s)} to int64: ${msg}`);
      }
      return floatToInt64(f);
    }
  }
  if (v instanceof GoInt) {
    if ((v.t === 'uint64' || v.t === 'uint') && v.v > MAX_I64)
      throw new FuncError(`could not convert ${v.v} to int64, would overflow`);
    return v.v;
  }
  if (v instanceof GoFloat) return floatToInt64(v.v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  // integer-kind named types (time.Duration): reflect reads their int
  if (v instanceof GoStruct && v.num !== undefined) return v.num;
  throw new FuncError(`could not convert ${formatValue(v, 'v', NOFLAGS, 0)} to int64`);
}

function strToFloat64(s: string): number {
  s = s.replace(/,/g, '');
  try {
    return Number(parseInt64(s));
  } catch {
    try {
      return parseFloat64(s);
    } catch {
      return 0;
    }
  }
}

/** conv.ToBool: true, 1, "1", "t", "true", "yes" (any case) and numbers equal to 1. */
export function toBool(v: GoValue): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === '1' || s === 't' || s === 'true' || s === 'yes') return true;
    return strToFloat64(s) === 1;
  }
  if (v instanceof GoInt) return v.v === 1n;
  if (v instanceof GoFloat) return v.v === 1;
  return false;
}

/** conv.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (typeof v === 'string') return strToFloat64(v);
  if (v instanceof GoInt) return Number(v.v);
  if (v instanceof GoFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** conv.ToFloat64 as gomplate's math functions use it: unconvertible input is an error. */
export function toFloat64Strict(v: GoValue): number {
  if (typeof v === 'string') {
    const s = v.replace(/,/g, '');
    try {
      return Number(parseInt64(s));
    } catch {
      try {
        return parseFloat64(s);
      } catch (e) {
        const msg = e instanceof NumError ? e.message : String(e);
        throw new FuncError(`could not convert ${quote(s)} to float64: ${msg}`);
      }
    }
  }
  if (v instanceof GoInt) return Number(v.v);
  if (v instanceof GoFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new FuncError(`could not convert ${formatValue(v, 'v', NOFLAGS, 0)} to float64`);
}
