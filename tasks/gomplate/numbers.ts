// Number literals of templates, classified as Go's parse.newNumber does (a literal can
// be int, uint and float at once; the evaluator picks the type from the text).
import type { NumberNode } from './nodes.js';
import { NumError, parseFloat64, parseInt64, parseUint } from './strconv-parse.js';
import { quote, unquoteCharConstant } from './strconv-quote.js';

const TWO63 = 2 ** 63;
/** Decimal integers well inside int64 (no octal leading 0, no '_', no '+'). */
const SMALL_DECIMAL = /^(?:0|-?[1-9][0-9]{0,14})$/;
const TWO64 = 2 ** 64;

function fitsInt64(f: number): boolean {
  return Number.isInteger(f) && f >= -TWO63 && f < TWO63;
}
function fitsUint64(f: number): boolean {
  return Number.isInteger(f) && f >= 0 && f < TWO64;
}

function blank(pos: number, text: string): NumberNode {
  return {
    type: 'number',
    pos,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex: [0, 0],
    text,
  };
}

function simplifyComplex(n: NumberNode): void {
  n.isFloat = n.complex[1] === 0;
  if (n.isFloat) {
    const f = n.complex[0];
    n.float64 = f;
    n.isInt = fitsInt64(f);
    if (n.isInt) n.int64 = BigInt(f);
    n.isUint = fitsUint64(f);
    if (n.isUint) n.uint64 = BigInt(f);
  }
}

function parseComplexText(text: string): [number, number] {
  const m = /^([+-]?(?:[^+-]|[eEpP][+-])+)([+-](?:[^+-]|[eEpP][+-])+)i$/.exec(text);
  if (!m) throw new Error(`strconv.ParseFloat: parsing ${quote(text)}: invalid syntax`);
  return [parseFloat64(m[1]!), parseFloat64(m[2]!)];
}

/** Builds a NumberNode; throws an Error with Go's message for malformed literals. */
export function newNumber(
  pos: number,
  text: string,
  kind: 'char' | 'complex' | 'number',
): NumberNode {
  const n = blank(pos, text);
  if (kind === 'char') {
    const r = unquoteCharConstant(text);
    n.int64 = BigInt(r);
    n.uint64 = BigInt(r);
    n.float64 = r;
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (kind === 'complex') {
    n.complex = parseComplexText(text);
    n.isComplex = true;
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    try {
      const f = parseFloat64(text.slice(0, -1));
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    } catch {
      // not an imaginary literal; fall through to the integer/float rules
    }
  }
  if (SMALL_DECIMAL.test(text)) {
    // the common case, exactly as the general rules below classify it
    const v = Number(text);
    n.isInt = n.isFloat = true;
    n.int64 = BigInt(v);
    n.float64 = v;
    if (v >= 0) {
      n.isUint = true;
      n.uint64 = n.int64;
    }
    return n;
  }
  let u: bigint | undefined;
  try {
    u = parseUint(text);
    n.isUint = true;
    n.uint64 = u;
  } catch (e) {
    if (!(e instanceof NumError)) throw e;
  }
  try {
    const i = parseInt64(text);
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = u ?? 0n;
    }
  } catch (e) {
    if (!(e instanceof NumError)) throw e;
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    let f: number | undefined;
    try {
      f = parseFloat64(text);
    } catch {
      f = undefined;
    }
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${quote(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (!n.isInt && fitsInt64(f)) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (!n.isUint && fitsUint64(f)) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${quote(text)}`);
  return n;
}
