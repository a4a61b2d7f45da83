// Go's strconv number parsing (atoi.go, atof.go): ParseUint and ParseInt in any base and
// bit size with Go's acceptance rules (prefixes, underscores, when a range error wins over
// a later bad digit), ParseFloat for float64, and NumError's texts.
import { quote } from './strconv-quote.js';

/** Go's *strconv.NumError: "strconv.Func: parsing "input": reason". */
export class NumError extends Error {
  constructor(
    readonly fn: string,
    readonly input: string,
    readonly reason: string,
  ) {
    super(`strconv.${fn}: parsing ${quote(input)}: ${reason}`);
  }
}

const SYNTAX = 'invalid syntax';
const RANGE = 'value out of range';
const MAX_U64 = (1n << 64n) - 1n;

/** Whether the underscores of a number literal sit only between digits (Go's rule). */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go strconv.ParseUint(s, base, 64) for base 0 or 10. */

/**
 * Go strconv.ParseUint(s, base, bitSize): base 0 reads a 0b/0o/0x/0 prefix and allows
 * underscores; a value past the bit size is a range error at the digit that overflows.
 */
export function parseUint(
  s: string,
  base: number | bigint = 0,
  bitSize: number | bigint = 64,
  fn = 'ParseUint',
): bigint {
  const s0 = s;
  if (s === '') throw new NumError(fn, s0, SYNTAX);
  const base0 = base === 0 || base === 0n;
  let b: number;
  if (base0) {
    b = 10;
    if (s[0] === '0') {
      const p = s[1]?.toLowerCase();
      if (s.length >= 3 && p === 'b') [b, s] = [2, s.slice(2)];
      else if (s.length >= 3 && p === 'o') [b, s] = [8, s.slice(2)];
      else if (s.length >= 3 && p === 'x') [b, s] = [16, s.slice(2)];
      else [b, s] = [8, s.slice(1)];
    }
  } else if (base < 2 || base > 36) throw new NumError(fn, s0, `invalid base ${base}`);
  else b = Number(base);
  let bits = 64;
  if (bitSize < 0 || bitSize > 64) throw new NumError(fn, s0, `invalid bit size ${bitSize}`);
  else if (bitSize !== 0 && bitSize !== 0n) bits = Number(bitSize);
  const maxVal = bits === 64 ? MAX_U64 : (1n << BigInt(bits)) - 1n;
  const B = BigInt(b);
  let n = 0n;
  let underscores = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c === 95 && base0) {
      underscores = true;
      continue;
    } else if (c >= 48 && c <= 57) d = c - 48;
    else if ((c | 32) >= 97 && (c | 32) <= 122) d = (c | 32) - 87;
    else throw new NumError(fn, s0, SYNTAX);
    if (d >= b) throw new NumError(fn, s0, SYNTAX);
    n = n * B + BigInt(d);
    if (n > maxVal) throw new NumError(fn, s0, RANGE);
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fn, s0, SYNTAX);
  return n;
}

/** Go strconv.ParseInt(s, base, bitSize) (Atoi is ParseInt(s, 10, 0) named "Atoi"). */
export function parseInt64(
  s: string,
  base: number | bigint = 0,
  bitSize: number | bigint = 64,
  fn = 'ParseInt',
): bigint {
  if (s === '') throw new NumError(fn, s, SYNTAX);
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  let un: bigint;
  try {
    un = parseUint(body, base, bitSize, fn);
  } catch (e) {
    if (!(e instanceof NumError)) throw e;
    // ParseUint's range error becomes ParseInt's own below; the others name the whole input
    if (e.reason !== RANGE) throw new NumError(fn, s, e.reason);
    un = MAX_U64;
  }
  const bits = bitSize === 0 || bitSize === 0n ? 64 : Number(bitSize);
  const cutoff = 1n << BigInt(bits - 1);
  if ((!neg && un >= cutoff) || (neg && un > cutoff)) throw new NumError(fn, s, RANGE);
  return neg ? -un : un;
}

const SPECIAL_FLOATS: Record<string, number> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
  nan: NaN,
};

const DEC_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?$/;
const HEX_FLOAT =
  /^([+-]?)0[xX]((?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9][0-9_]*)$/;

/** Go strconv.ParseFloat(s, 64). */
export function parseFloat64(s: string): number {
  const special = SPECIAL_FLOATS[s.toLowerCase()];
  if (special !== undefined) return special;
  let v: number;
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, SYNTAX);
    const [, sign, mant, exp] = hex;
    const m = mant!.replace(/_/g, '');
    const dot = m.indexOf('.');
    const digits = m.replace('.', '');
    if (!/[0-9a-fA-F]/.test(digits)) throw new NumError('ParseFloat', s, SYNTAX);
    const frac = dot < 0 ? 0 : m.length - dot - 1;
    v = Number(BigInt('0x' + (digits || '0'))) * 2 ** (Number(exp!.replace(/_/g, '')) - 4 * frac);
    if (sign === '-') v = -v;
  } else {
    if (!DEC_FLOAT.test(s) || !/[0-9]/.test(s)) throw new NumError('ParseFloat', s, SYNTAX);
    if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, SYNTAX);
    v = Number(s.replace(/_/g, ''));
    if (Number.isNaN(v)) throw new NumError('ParseFloat', s, SYNTAX);
  }
  if (!Number.isFinite(v)) throw new NumError('ParseFloat', s, RANGE);
  return v;
}
