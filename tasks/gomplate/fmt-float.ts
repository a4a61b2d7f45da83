// fmt's float formatting (Go's fmt.fmtFloat): verbs e E f F g G x X and v, precision,
// the + space 0 # flags, and complex numbers as (re+imi).
import { formatFloat } from './strconv-format.js';
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
