// Go's strconv package, the parts templates reach: quoting (Quote, QuoteRune, Unquote,
// UnquoteChar), number parsing with Go's acceptance rules and NumError texts (ParseInt,
// ParseUint, ParseFloat), and FormatFloat in every format fmt uses (e f g b x).
import { decodeRune, fromBytes, isPrint, toBytes } from './gostring.js';

const HEX = '0123456789abcdef';

function appendEscapedRune(out: string[], r: number, quote: number, ascii = false): void {
  if (r === quote || r === 0x5c) {
    out.push('\\', String.fromCodePoint(r));
    return;
  }
  if (ascii ? r < 0x80 && isPrint(r) : isPrint(r)) {
    out.push(String.fromCodePoint(r));
    return;
  }
  switch (r) {
    case 7:
      out.push('\\a');
      return;
    case 8:
      out.push('\\b');
      return;
    case 12:
      out.push('\\f');
      return;
    case 10:
      out.push('\\n');
      return;
    case 13:
      out.push('\\r');
      return;
    case 9:
      out.push('\\t');
      return;
    case 11:
      out.push('\\v');
      return;
  }
  if (r < 0x20 || r === 0x7f) out.push('\\x' + HEX[r >> 4] + HEX[r & 15]);
  else if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) out.push('\\ufffd');
  else if (r < 0x10000) out.push('\\u' + r.toString(16).padStart(4, '0'));
  else out.push('\\U' + r.toString(16).padStart(8, '0'));
}

/** Go strconv.Quote; with `ascii`, strconv.QuoteToASCII (%+q). */
export function quote(s: string, ascii = false): string {
  // fast path: printable ASCII without quote or backslash
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return '"' + s + '"';
  const b = toBytes(s);
  const out: string[] = ['"'];
  for (let i = 0; i < b.length;) {
    const [r, size] = decodeRune(b, i);
    if (r < 0) out.push('\\x' + HEX[b[i]! >> 4] + HEX[b[i]! & 15]);
    else appendEscapedRune(out, r, 0x22, ascii);
    i += size;
  }
  out.push('"');
  return out.join('');
}

/** Go strconv.QuoteRune (used by %q on integers); `ascii` for QuoteRuneToASCII. */
export function quoteRune(r: number, ascii = false): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  const out: string[] = ["'"];
  appendEscapedRune(out, r, 0x27, ascii);
  out.push("'");
  return out.join('');
}

export class SyntaxError_ extends Error {}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Go strconv.UnquoteChar over bytes. Returns [value, multibyte, nextIndex]; throws on
 * bad syntax.
 */
export function unquoteChar(b: Uint8Array, i: number, q: number): [number, boolean, number] {
  const c = b[i]!;
  if (c === q && (q === 0x27 || q === 0x22)) throw new SyntaxError_('invalid syntax');
  if (c >= 0x80) {
    const [r, size] = decodeRune(b, i);
    return [r < 0 ? 0xfffd : r, true, i + size];
  }
  if (c !== 0x5c) return [c, false, i + 1];
  if (i + 1 >= b.length) throw new SyntaxError_('invalid syntax');
  const e = b[i + 1]!;
  let j = i + 2;
  switch (e) {
    case 0x61:
      return [7, false, j];
    case 0x62:
      return [8, false, j];
    case 0x66:
      return [12, false, j];
    case 0x6e:
      return [10, false, j];
    case 0x72:
      return [13, false, j];
    case 0x74:
      return [9, false, j];
    case 0x76:
      return [11, false, j];
    case 0x78:
    case 0x75:
    case 0x55: {
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      if (b.length - j < n) throw new SyntaxError_('invalid syntax');
      let v = 0;
      for (let k = 0; k < n; k++) {
        const x = hexVal(b[j + k]!);
        if (x < 0) throw new SyntaxError_('invalid syntax');
        v = v * 16 + x;
      }
      j += n;
      if (e === 0x78) return [v, false, j];
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
      return [v, true, j];
    }
    case 0x5c:
      return [0x5c, false, j];
    case 0x27:
    case 0x22:
      if (e !== q) throw new SyntaxError_('invalid syntax');
      return [e, false, j];
  }
  if (e >= 0x30 && e <= 0x37) {
    let v = e - 0x30;
    if (b.length - j < 2) throw new SyntaxError_('invalid syntax');
    for (let k = 0; k < 2; k++) {
      const x = b[j + k]! - 0x30;
      if (x < 0 || x > 7) throw new SyntaxError_('invalid syntax');
      v = (v << 3) | x;
    }
    j += 2;
    if (v > 255) throw new SyntaxError_('invalid syntax');
    return [v, false, j];
  }
  throw new SyntaxError_('invalid syntax');
}

function pushUtf8(out: number[], r: number): void {
  const s = toBytes(String.fromCodePoint(r));
  for (const x of s) out.push(x);
}

/** Go strconv.Unquote for "…" and `…` literals (the lexer already checked their shape). */
export function unquote(lit: string): string {
  const q = lit.charCodeAt(0);
  const body = lit.slice(1, -1);
  if (lit.length < 2 || lit.charCodeAt(lit.length - 1) !== q)
    throw new SyntaxError_('invalid syntax');
  if (q === 0x60) {
    if (body.includes('`')) throw new SyntaxError_('invalid syntax');
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (body.includes('\n')) throw new SyntaxError_('invalid syntax');
  if (!body.includes('\\') && !body.includes('"')) return body;
  const b = toBytes(body);
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    const [v, multibyte, next] = unquoteChar(b, i, q);
    if (v < 0x80 || !multibyte) out.push(v);
    else pushUtf8(out, v);
    i = next;
  }
  return fromBytes(Uint8Array.from(out));
}

/** Value of a character constant like 'a' or '\n' (Go parse.newNumber rules). */
export function unquoteCharConstant(text: string): number {
  const b = toBytes(text);
  const [v, , next] = unquoteChar(b, 1, 0x27);
  if (next !== b.length - 1 || b[next] !== 0x27) {
    throw new SyntaxError_(`malformed character constant: ${text}`);
  }
  return v;
}

// --- parsing (atoi, atof)

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

// --- formatting (ftoa)

interface Digits {
  d: string; // significant digits, no leading or trailing zeros ('' for zero)
  dp: number; // value = 0.d × 10^dp
}

function shortestDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const [mant, exp] = v.toExponential().split('e') as [string, string];
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

const view = new DataView(new ArrayBuffer(8));

function exactDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  const trimmed = s.replace(/0+$/, '');
  const lead = trimmed.length - trimmed.replace(/^0+/, '').length;
  return { d: trimmed.slice(lead), dp: dp - lead };
}

/** Rounds to nd significant digits (round half to even on the exact value). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: x.dp };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < x.d.length) up = true;
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ''), dp: x.dp };
  const arr = x.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && arr[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
  return { d: arr.slice(0, i + 1).join(''), dp: x.dp };
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i]! : '0';
}

function fmtE(neg: boolean, x: Digits, prec: number, e: string): string {
  let s = neg ? '-' : '';
  s += x.d.length ? x.d[0] : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const ae = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(x, x.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(v, fmt, prec, 64) for fmt in b e E f F g G x X. */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (fmt === 'x' || fmt === 'X') return formatHexFloat(v, fmt, prec);
  if (fmt === 'b') return formatBinaryFloat(v);
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const shortest = prec < 0;
  let x: Digits;
  const lower = fmt.toLowerCase();
  if (shortest) {
    x = shortestDigits(a);
  } else {
    const ex = exactDigits(a);
    if (lower === 'e') x = roundDigits(ex, prec + 1);
    else if (lower === 'f') x = roundDigits(ex, ex.dp + prec);
    else x = roundDigits(ex, prec === 0 ? 1 : prec);
  }
  const expChar = fmt === 'E' || fmt === 'G' ? 'E' : 'e';
  if (lower === 'e') return fmtE(neg, x, shortest ? Math.max(x.d.length - 1, 0) : prec, expChar);
  if (lower === 'f') return fmtF(neg, x, shortest ? Math.max(x.d.length - x.dp, 0) : prec);
  // 'g'
  let p = shortest ? x.d.length : prec === 0 ? 1 : prec;
  let eprec = p;
  if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
  if (shortest) eprec = 6;
  const exp = x.dp - 1;
  if (x.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    if (p > x.d.length) p = x.d.length;
    return fmtE(neg, x, Math.max(p - 1, 0), expChar);
  }
  if (p > x.dp) p = x.d.length;
  return fmtF(neg, x, Math.max(p - x.dp, 0));
}

/** strconv's 'b' format: decimal mantissa, binary exponent ("5629499534213120p-51"). */
function formatBinaryFloat(v: number): string {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023 + 52;
  return (bits >> 63n ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + exp;
}

/** strconv's %x for float64 ("0x1.8p+01"). */
function formatHexFloat(v: number, fmtc: string, prec: number): string {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023;
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmtc === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = (neg ? '-' : '') + '0' + fmtc + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  out += fmtc === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const ae = Math.abs(exp);
  return out + (ae < 10 ? '0' + ae : String(ae));
}
