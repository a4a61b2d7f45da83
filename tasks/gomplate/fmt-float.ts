// fmt's float formatting (Go's fmt.fmtFloat): verbs e E f F g G x X and v, precision,
// the + space 0 # flags, and complex numbers as (re+imi).
import { formatFloat } from './floatfmt.js';
import { type Flags, pad } from './fmt-pad.js';
import type { GoComplex } from './values.js';

/** Go's fmtComplex: each part formatted with the verb and flags, the imaginary signed. */
export function complexV(c: GoComplex, f: Flags, verb: string): string {
  return '(' + fmtFloatVerb(c.re, verb, f) + fmtFloatVerb(c.im, verb, { ...f, plus: true }) + 'i)';
}

export function fmtFloatVerb(v: number, verb: string, f: Flags): string {
  let fmtc = verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb;
  let prec = 'eEfF'.includes(verb) ? 6 : -1;
  if (f.prec >= 0) prec = f.prec;
  let num: string;
  if (!Number.isFinite(v)) num = Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  else if (fmtc === 'x' || fmtc === 'X') num = formatHexFloat(v, fmtc, prec);
  else if (fmtc === 'b') num = formatBinaryFloat(v);
  else num = formatFloat(v, fmtc, prec);
  if (!num.startsWith('-') && !num.startsWith('+')) num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, { ...f, zero: false });
  }
  if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.wid > num.length)
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    return pad(num, f);
  }
  const body = num.slice(1);
  if (f.zero && !f.minus && f.wid > body.length) return '0'.repeat(f.wid - body.length) + body;
  return pad(body, f);
}

/** The # flag: always a decimal point; %g/%v keep trailing zeros (Go's fmtFloat). */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if ('vgGx'.includes(verb)) digits = prec === -1 ? 6 : prec;
  let tail = '';
  let hasDot = false;
  let sawNonzero = false;
  let body = num[0]!;
  for (let i = 1; i < num.length; i++) {
    const c = num[i]!;
    if (c === '.') {
      hasDot = true;
      body += c;
      continue;
    }
    if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      break;
    }
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
    body += c;
  }
  if (!hasDot) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  while (digits-- > 0) body += '0';
  return body + tail;
}

const fview = new DataView(new ArrayBuffer(8));

/** strconv's 'b' format: decimal mantissa, binary exponent ("5629499534213120p-51"). */
function formatBinaryFloat(v: number): string {
  fview.setFloat64(0, v);
  const bits = fview.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023 + 52;
  return (bits >> 63n ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + exp;
}

/** strconv's %x for float64 ("0x1.8p+01"). */
function formatHexFloat(v: number, fmtc: string, prec: number): string {
  fview.setFloat64(0, v);
  const bits = fview.getBigUint64(0);
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
