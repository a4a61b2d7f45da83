// Go's fmt for the values templates handle: %v printing (Print/Println and action output)
// and Printf with verbs, flags, width/precision, argument indexes and Go's error forms
// (%!d(string=x), %!d(MISSING), %!(EXTRA …)); floats are in fmt-float.ts. (Slightly over
// 200 lines: one verb table per Go type.)
import { formatFloat } from './floatfmt.js';
import { complexV, fmtFloatVerb } from './fmt-float.js';
import { type Flags, NOFLAGS, pad } from './fmt-pad.js';
import { GoTime } from './gotime.js';
import { toBytes } from './gostring.js';
import { quote, quoteRune } from './strconv.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  GoSlice,
  type GoValue,
  sortedKeys,
  typeName,
} from './values.js';

export { type Flags, NOFLAGS };

function fmtInteger(v: bigint, unsigned: boolean, verb: string, f: Flags): string {
  const neg = !unsigned && v < 0n;
  let a = neg ? -v : v;
  if (unsigned && a < 0n) a += 1n << 64n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'd':
    case 'v':
      digits = a.toString(10);
      break;
    case 'b':
      digits = a.toString(2);
      if (f.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (f.sharp && digits !== '0') digits = '0' + digits;
      break;
    case 'x':
      digits = a.toString(16);
      if (f.sharp) prefix = '0x';
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      if (f.sharp) prefix = '0X';
      break;
    default:
      digits = a.toString(10);
  }
  let prec = f.prec;
  if (prec < 0 && f.zero && f.wid >= 0 && !f.minus) {
    prec = f.wid;
    if (neg || f.plus || f.space) prec--;
    prec -= prefix.length;
  }
  if (prec === 0 && a === 0n) digits = '';
  if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + prefix + digits, { ...f, zero: false });
}

function truncRunes(s: string, f: Flags): string {
  if (f.prec < 0) return s;
  const r = [...s];
  return r.length > f.prec ? r.slice(0, f.prec).join('') : s;
}

function fmtHexString(s: string, f: Flags, upper: boolean): string {
  let b = toBytes(s);
  if (f.prec >= 0 && b.length > f.prec) b = b.subarray(0, f.prec);
  const hex = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = '';
  for (let i = 0; i < b.length; i++) {
    if (f.space && i > 0) out += ' ';
    if (f.sharp && (f.space || i === 0)) out += upper ? '0X' : '0x';
    out += hex[b[i]! >> 4]! + hex[b[i]! & 15]!;
  }
  return pad(out, f);
}

function fmtString(s: string, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case 'v':
    case 's':
      return pad(truncRunes(s, f), f);
    case 'q':
      if (f.sharp && !/[`\r\n\t\x00-\x1f\x7f]/.test(s) && !s.includes('\uFFFD'))
        return pad('`' + truncRunes(s, f) + '`', f);
      return pad(quote(truncRunes(s, f)), f);
    case 'x':
      return fmtHexString(s, f, false);
    case 'X':
      return fmtHexString(s, f, true);
  }
  return undefined;
}

function badVerb(verb: string, v: GoValue | undefined, f: Flags = NOFLAGS): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v, 'v', { ...f, sharpV: false }, 0)})`;
}

/** %#v: Go-syntax representation. */
function goSyntax(v: GoValue | undefined, depth: number): string {
  if (v === undefined || v === null) return depth > 0 ? 'interface {}(nil)' : '<nil>';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return v.unsigned ? '0x' + v.v.toString(16) : v.v.toString();
  if (v instanceof GoFloat) return formatFloat(v.v, 'g', -1);
  if (v instanceof GoSlice)
    return typeName(v) + '{' + v.items.map((x) => goSyntax(x, depth + 1)).join(', ') + '}';
  if (v instanceof GoMap) {
    const parts = sortedKeys(v).map((k) => quote(k) + ':' + goSyntax(v.m.get(k)!, depth + 1));
    return typeName(v) + '{' + parts.join(', ') + '}';
  }
  return formatValue(v, 'v', NOFLAGS, depth);
}

/** Formats one operand with a verb, as fmt's printArg/printValue. */
export function formatValue(v: GoValue | undefined, verb: string, f: Flags, depth: number): string {
  if (v === undefined || v === null) {
    if (depth > 0) return f.sharpV ? 'interface {}(nil)' : '<nil>';
    return verb === 'v' ? pad('<nil>', f) : badVerb(verb, v, f);
  }
  if (f.sharpV) return goSyntax(v, depth);
  if (typeof v === 'string') return fmtString(v, verb, f) ?? badVerb(verb, v, f);
  if (typeof v === 'boolean') {
    if (verb === 'v' || verb === 't') return pad(String(v), f);
    return badVerb(verb, v, f);
  }
  if (v instanceof GoInt) {
    switch (verb) {
      case 'v':
      case 'd':
      case 'b':
      case 'o':
      case 'O':
      case 'x':
      case 'X':
        return fmtInteger(v.v, v.unsigned, verb, f);
      case 'c':
        return pad(String.fromCodePoint(validRune(v.v)), f);
      case 'q':
        return pad(quoteRune(validRune(v.v)), f);
      case 'U': {
        const hex = v.v.toString(16).toUpperCase().padStart(4, '0');
        const r = validRune(v.v);
        const s =
          f.sharp && r === Number(v.v) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
        return pad(s, f);
      }
    }
    return badVerb(verb, v, f);
  }
  if (v instanceof GoFloat) {
    if ('vgGeEfFxX'.includes(verb)) return fmtFloatVerb(v.v, verb, f);
    return badVerb(verb, v, f);
  }
  if (v instanceof GoComplex) {
    if ('vgGeEfFxX'.includes(verb)) return complexV(v, f, verb);
    return badVerb(verb, v, f);
  }
  if (v instanceof GoTime) {
    if ('vsxXq'.includes(verb)) return fmtString(v.toString(), verb, f)!;
    return badVerb(verb, v, f);
  }
  if (v instanceof GoSlice) {
    if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && v.elem === 'uint8') {
      return fmtString(
        String.fromCharCode(...v.items.map((x) => Number((x as GoInt).v))),
        verb,
        f,
      )!;
    }
    return '[' + v.items.map((x) => formatValue(x, verb, f, depth + 1)).join(' ') + ']';
  }
  if (v instanceof GoMap) {
    const parts = sortedKeys(v).map(
      (k) =>
        formatValue(k, verb, f, depth + 1) + ':' + formatValue(v.m.get(k)!, verb, f, depth + 1),
    );
    return 'map[' + parts.join(' ') + ']';
  }
  if (v instanceof GoObject) {
    // a pointer: fmt prints &{...} at the top level and an address when nested
    return depth > 0 ? '0xc000010000' : '&' + v.printed;
  }
  return badVerb(verb, v, f);
}

function validRune(v: bigint): number {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) return 0xfffd;
  return Number(v);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatValue(a, 'v', NOFLAGS, 0);
    prevString = isString;
  });
  return out;
}

/** fmt.Sprintln: always spaces, plus a newline. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatValue(a, 'v', NOFLAGS, 0)).join(' ') + '\n';
}

/** %v of a single value as an action prints it (pointers are shown dereferenced). */
export function printV(v: GoValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '<no value>';
  if (v instanceof GoObject) return v.printed;
  return formatValue(v, 'v', NOFLAGS, 0);
}
