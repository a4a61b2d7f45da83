// Go's fmt for the values templates handle: %v printing (Print/Println and action output)
// and Printf with verbs, flags, width/precision, argument indexes and Go's error forms
// (%!d(string=x), %!d(MISSING), %!(EXTRA …)); floats are in fmt-float.ts.
import { complexV, fmtFloatVerb } from './fmt-float.js';
import { type Flags, NOFLAGS, pad } from './fmt-pad.js';
import { GoTime } from './gotime.js';
import { decodeRune, isPrint, toBytes } from './gostring.js';
import { quote, quoteRune } from './strconv-quote.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  GoStruct,
  GoSlice,
  type GoValue,
  goInt,
  sortedKeys,
  typeName,
} from './values.js';

export { type Flags, NOFLAGS };

// Go's fmt.fmtInteger: precision zeros (or width zeros with the 0 flag, leaving room for
// the sign only), then the # prefixes, then %O's 0o; precision 0 of 0 prints nothing.
function fmtInteger(v: bigint, unsigned: boolean, verb: string, f: Flags): string {
  const neg = !unsigned && v < 0n;
  let a = neg ? -v : v;
  if (unsigned && a < 0n) a += 1n << 64n;
  let base = 10;
  if (verb === 'b') base = 2;
  else if (verb === 'o' || verb === 'O') base = 8;
  else if (verb === 'x' || verb === 'X') base = 16;
  let prec = 0;
  if (f.prec >= 0) {
    prec = f.prec;
    if (prec === 0 && a === 0n) return f.wid > 0 ? ' '.repeat(f.wid) : '';
  } else if (f.zero && !f.minus && f.wid >= 0) {
    prec = f.wid;
    if (neg || f.plus || f.space) prec--;
  }
  let digits = a.toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
  if (f.sharp) {
    if (base === 2) digits = '0b' + digits;
    else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + digits, { ...f, zero: false });
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

/** strconv.CanBackquote over the string's bytes. */
function canBackquote(s: string): boolean {
  const b = toBytes(s);
  for (let i = 0; i < b.length;) {
    const [r, size] = decodeRune(b, i);
    i += size;
    if (size > 1) {
      if (r === 0xfeff) return false;
      continue;
    }
    if (r < 0) return false;
    if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

/** Go's fmtQ: %q, %#q (backquoted when possible), %+q (ASCII only). */
function fmtQ(s: string, f: Flags): string {
  const t = truncRunes(s, f);
  if (f.sharp && canBackquote(t)) return pad('`' + t + '`', f);
  return pad(quote(t, f.plus), f);
}

function fmtString(s: string, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case 'v':
      if (f.sharpV) return fmtQ(s, { ...f, sharp: false, plus: false });
      return pad(truncRunes(s, f), f);
    case 's':
      return pad(truncRunes(s, f), f);
    case 'q':
      return fmtQ(s, f);
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

/** %#v: Go-syntax representation; scalars keep width and flags, as fmt's printValue. */
function goSyntax(v: GoValue | undefined, f: Flags, depth: number): string {
  if (v === undefined || v === null) return depth > 0 ? 'interface {}(nil)' : pad('<nil>', f);
  if (typeof v === 'string') return fmtQ(v, { ...f, sharp: false, plus: false });
  if (typeof v === 'boolean') return pad(String(v), f);
  if (v instanceof GoInt)
    return v.unsigned
      ? fmtInteger(v.v, true, 'x', { ...f, sharp: true })
      : fmtInteger(v.v, false, 'd', f);
  if (v instanceof GoFloat) return fmtFloatVerb(v.v, 'g', f);
  if (v instanceof GoSlice && v.isNil) return typeName(v) + '(nil)';
  if (v instanceof GoSlice)
    return typeName(v) + '{' + v.items.map((x) => goSyntax(x, f, depth + 1)).join(', ') + '}';
  if (v instanceof GoMap) {
    const parts = sortedKeys(v).map(
      (k) => goSyntax(k, f, depth + 1) + ':' + goSyntax(v.m.get(k)!, f, depth + 1),
    );
    return typeName(v) + '{' + parts.join(', ') + '}';
  }
  if (v instanceof GoTime) return pad(truncRunes(v.goString(), f), f);
  return formatValue(v, 'v', { ...f, sharpV: false }, depth);
}

/** A time.Time under a verb its String method does not serve: the struct's fields
 * {wall ext loc}. Only a UTC time has a printable (nil) location; another zone's is a
 * pointer whose address differs per run. */
function timeStruct(t: GoTime, verb: string, f: Flags, depth: number): string {
  const wall = formatValue(goInt(t.nsec, 'uint64'), verb, f, depth + 1);
  const ext = formatValue(goInt(BigInt(t.sec) + 62135596800n, 'int64'), verb, f, depth + 1);
  let loc: string;
  if (t.offset !== 0 || t.zone !== 'UTC') loc = '0xc000010000';
  else if ('bodxX'.includes(verb)) loc = fmtInteger(0n, true, verb, f);
  else loc = `%!${verb}(*time.Location=<nil>)`;
  return `{${wall} ${ext} ${loc}}`;
}

/** Formats one operand with a verb, as fmt's printArg/printValue. */
export function formatValue(v: GoValue | undefined, verb: string, f: Flags, depth: number): string {
  if (v === undefined || v === null) {
    if (depth > 0) return f.sharpV ? 'interface {}(nil)' : '<nil>';
    return verb === 'v' ? pad('<nil>', f) : badVerb(verb, v, f);
  }
  if (f.sharpV) return goSyntax(v, f, depth);
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
        return pad(quoteRune(validRune(v.v), f.plus), f);
      case 'U': {
        // Go's fmtUnicode: the code point as uint64, at least 4 (or precision) digits;
        // %#U adds the character only when it is printable
        const u = v.v < 0n ? v.v + (1n << 64n) : v.v;
        const prec = f.prec > 4 ? f.prec : 4;
        let s = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
        if (f.sharp && u <= 0x10ffffn && isPrint(Number(u)))
          s += ` '${String.fromCodePoint(Number(u))}'`;
        return pad(s, { ...f, zero: false });
      }
    }
    return badVerb(verb, v, f);
  }
  if (v instanceof GoFloat) {
    if ('bvgGeEfFxX'.includes(verb)) return fmtFloatVerb(v.v, verb, f);
    return badVerb(verb, v, f);
  }
  if (v instanceof GoComplex) {
    if ('bvgGeEfFxX'.includes(verb)) return complexV(v, f, verb);
    return badVerb(verb, v, f);
  }
  if (v instanceof GoTime) {
    if ('vsxXq'.includes(verb)) return fmtString(v.toString(), verb, f)!;
    return timeStruct(v, verb, f, depth);
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
  if (v instanceof GoStruct) {
    if (v.stringer && 'vsxXq'.includes(verb)) return fmtString(v.printed, verb, f)!;
    if (v.num !== undefined) return formatValue(goInt(v.num, 'int64'), verb, f, depth);
    return verb === 'v' ? pad(v.printed, f) : badVerb(verb, v, f);
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
