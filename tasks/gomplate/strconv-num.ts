// Go's strconv number parsers (ParseInt/ParseUint with base 0, ParseFloat) with Go's
// acceptance rules (base prefixes, underscores, hex floats) and NumError texts.
import { quote } from './strconv.js';

export type NumErr = 'invalid syntax' | 'value out of range';

export class NumError extends Error {
  constructor(
    readonly fn: string,
    readonly input: string,
    readonly reason: NumErr,
  ) {
    super(`strconv.${fn}: parsing ${quote(input)}: ${reason}`);
  }
}

const MAX_U64 = (1n << 64n) - 1n;

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
export function parseUint(s: string, base0 = true, fn = 'ParseUint'): bigint {
  if (s === '') throw new NumError(fn, s, 'invalid syntax');
  const s0 = s;
  let base = 10;
  if (base0 && s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && p === 'b') [base, s] = [2, s.slice(2)];
    else if (s.length >= 3 && p === 'o') [base, s] = [8, s.slice(2)];
    else if (s.length >= 3 && p === 'x') [base, s] = [16, s.slice(2)];
    else [base, s] = [8, s.slice(1)];
  }
  let n = 0n;
  let underscores = false;
  const B = BigInt(base);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c === 95 && base0) {
      underscores = true;
      continue;
    } else if (c >= 48 && c <= 57) d = c - 48;
    else if ((c | 32) >= 97 && (c | 32) <= 122) d = (c | 32) - 87;
    else throw new NumError(fn, s0, 'invalid syntax');
    if (d >= base) throw new NumError(fn, s0, 'invalid syntax');
    n = n * B + BigInt(d);
    if (n > MAX_U64) throw new NumError(fn, s0, 'value out of range');
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fn, s0, 'invalid syntax');
  return n;
}

/** Go strconv.ParseInt(s, 0, 64). */
export function parseInt64(s: string, base0 = true): bigint {
  if (s === '') throw new NumError('ParseInt', s, 'invalid syntax');
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  let un: bigint;
  try {
    un = parseUint(body, base0, 'ParseInt');
  } catch (e) {
    if (e instanceof NumError) throw new NumError('ParseInt', s, e.reason);
    throw e;
  }
  if (!neg && un > (1n << 63n) - 1n) throw new NumError('ParseInt', s, 'value out of range');
  if (neg && un > 1n << 63n) throw new NumError('ParseInt', s, 'value out of range');
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
    if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, 'invalid syntax');
    const [, sign, mant, exp] = hex;
    const m = mant!.replace(/_/g, '');
    const dot = m.indexOf('.');
    const digits = m.replace('.', '');
    if (!/[0-9a-fA-F]/.test(digits)) throw new NumError('ParseFloat', s, 'invalid syntax');
    const frac = dot < 0 ? 0 : m.length - dot - 1;
    v = Number(BigInt('0x' + (digits || '0'))) * 2 ** (Number(exp!.replace(/_/g, '')) - 4 * frac);
    if (sign === '-') v = -v;
  } else {
    if (!DEC_FLOAT.test(s) || !/[0-9]/.test(s))
      throw new NumError('ParseFloat', s, 'invalid syntax');
    if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, 'invalid syntax');
    v = Number(s.replace(/_/g, ''));
    if (Number.isNaN(v)) throw new NumError('ParseFloat', s, 'invalid syntax');
  }
  if (!Number.isFinite(v)) throw new NumError('ParseFloat', s, 'value out of range');
  return v;
}
