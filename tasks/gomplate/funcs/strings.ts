// gomplate's strings namespace (and its top-level aliases). Argument order follows
// gomplate: the input is always last so it can be piped in.
import { byteLength, isUnicodeSpace, runes } from '../gostring.js';
import { quote } from '../strconv-quote.js';
import { GoInt, GoSlice, type GoValue, goInt } from '../values.js';
import { toGoString } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

const str = (v: unknown) => toGoString(v as GoValue);
const cps = (s: string) =>
  runes(s).map((r) => (r < 0 ? String.fromCharCode(0xdc00 - 1 - r) : String.fromCodePoint(r)));

/** Go's strings.Map writes invalid UTF-8 bytes as U+FFFD. */
function validUtf8(s: string): string {
  return s.replace(/[\udc80-\udcff]/g, (c, i: number) =>
    i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff ? c : '\ufffd',
  );
}

export function indent(args: GoValue[]): string {
  let ind = ' ';
  let width = 1;
  if (args.length === 0) throw new FuncError('expected at least 1 argument');
  if (args.length === 2) {
    const a = args[0];
    if (typeof a === 'string') ind = a;
    else if (a instanceof GoInt && a.t === 'int') width = Number(a.v);
    else throw new FuncError('invalid arguments');
  } else if (args.length === 3) {
    const [w, i] = args;
    if (!(w instanceof GoInt && w.t === 'int')) throw new FuncError('invalid arguments');
    if (typeof i !== 'string') throw new FuncError('invalid arguments');
    width = Number(w.v);
    ind = i;
  }
  const s = str(args[args.length - 1]);
  if (width <= 0) throw new FuncError('width must be > 0');
  if (ind.includes('\n')) throw new FuncError("indent must not contain '\\n'");
  const pad = ind.repeat(width);
  let out = '';
  let atLineStart = true;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (atLineStart && c !== '\n') out += pad;
    out += c;
    atLineStart = c === '\n';
  }
  return out;
}

function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    // Go's explode: every piece but the last turns an invalid byte into U+FFFD
    const parts = cps(s);
    const m = n < 0 || n > parts.length ? parts.length : n;
    const out = parts.slice(0, m - 1).map((p) => (/^[\udc80-\udcff]$/.test(p) ? '\ufffd' : p));
    if (m > 0) out.push(parts.slice(m - 1).join(''));
    return out;
  }
  const all = s.split(sep);
  if (n < 0 || n >= all.length) return all;
  return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}

function trimFn(s: string, cut: (c: string) => boolean, left: boolean, right: boolean): string {
  const parts = cps(s);
  let a = 0;
  let b = parts.length;
  if (left) while (a < b && cut(parts[a]!)) a++;
  if (right) while (b > a && cut(parts[b - 1]!)) b--;
  return parts.slice(a, b).join('');
}

const inCutset = (cutset: string) => {
  const set = new Set(cps(cutset));
  return (c: string) => set.has(c);
};
const isSpaceCp = (c: string) => isUnicodeSpace(c.codePointAt(0)!);

function replaceAll(s: string, old: string, repl: string): string {
  if (old === '') {
    const parts = cps(s);
    return repl + parts.map((p) => p + repl).join('');
  }
  return s.split(old).join(repl);
}

export const STRINGS: Record<string, GoFunc> = {
  Split: fn(
    ['string', 'any'],
    'concrete',
    ([sep, s]) => new GoSlice(splitN(str(s), sep as string, -1), 'string'),
  ),
  SplitN: fn(['string', 'int', 'any'], 'concrete', ([sep, n, s]) => {
    const text = str(s);
    const count = Number((n as GoInt).v);
    const parts = splitN(text, sep as string, count);
    // Go allocates min(n, len(s)+1) elements and returns the used ones: the rest is
    // capacity that `slice` can reach
    const cap = sep === '' || count <= 0 ? parts.length : Math.min(count, byteLength(text) + 1);
    return new GoSlice(parts, 'string', Array<GoValue>(cap - parts.length).fill(''));
  }),
  Trim: fn(['string', 'any'], 'concrete', ([c, s]) =>
    trimFn(str(s), inCutset(c as string), true, true),
  ),
  TrimLeft: fn(['string', 'any'], 'concrete', ([c, s]) =>
    trimFn(str(s), inCutset(c as string), true, false),
  ),
  TrimRight: fn(['string', 'any'], 'concrete', ([c, s]) =>
    trimFn(str(s), inCutset(c as string), false, true),
  ),
  TrimPrefix: fn(['string', 'any'], 'concrete', ([p, s]) => {
    const v = str(s);
    return v.startsWith(p as string) ? v.slice((p as string).length) : v;
  }),
  TrimSuffix: fn(['string', 'any'], 'concrete', ([p, s]) => {
    const v = str(s);
    return (p as string) !== '' && v.endsWith(p as string)
      ? v.slice(0, v.length - (p as string).length)
      : v;
  }),
  TrimSpace: fn(['any'], 'concrete', ([s]) => trimFn(str(s), isSpaceCp, true, true)),
  HasPrefix: fn(['string', 'any'], 'concrete', ([p, s]) => str(s).startsWith(p as string)),
  HasSuffix: fn(['string', 'any'], 'concrete', ([p, s]) => str(s).endsWith(p as string)),
  Contains: fn(['string', 'any'], 'concrete', ([sub, s]) => str(s).includes(sub as string)),
  ReplaceAll: fn(['string', 'string', 'any'], 'concrete', ([o, n, s]) =>
    replaceAll(str(s), o as string, n as string),
  ),
  ToUpper: fn(['any'], 'concrete', ([s]) => validUtf8(str(s)).toUpperCase()),
  ToLower: fn(['any'], 'concrete', ([s]) => validUtf8(str(s)).toLowerCase()),
  Quote: fn(['any'], 'concrete', ([s]) => quote(str(s))),
  Squote: fn(['any'], 'concrete', ([s]) => "'" + str(s).replace(/'/g, "''") + "'"),
  Indent: fn([], 'concrete', (args) => indent(args as GoValue[]), 'any'),
  Repeat: fn(['int', 'any'], 'concrete', ([c, s]) => {
    const n = Number((c as GoInt).v);
    if (n < 0) throw new FuncError(`negative count ${n}`);
    return str(s).repeat(n);
  }),
  RuneCount: fn([], 'concrete', (args) => goInt(runes(args.map(str).join('')).length), 'any'),
};

/** Top-level aliases gomplate defines for strings functions. */
export const STRINGS_TOP: Record<string, GoFunc> = {
  replaceAll: STRINGS.ReplaceAll!,
  toUpper: STRINGS.ToUpper!,
  toLower: STRINGS.ToLower!,
  trimSpace: STRINGS.TrimSpace!,
  indent: STRINGS.Indent!,
  quote: STRINGS.Quote!,
  squote: STRINGS.Squote!,
};

/** gomplate's strings methods this engine does not implement. */
export const STRINGS_UNSUPPORTED = [
  'Abbrev',
  'SkipLines',
  'Sort',
  'Title',
  'Trunc',
  'Slug',
  'ShellQuote',
  'SnakeCase',
  'CamelCase',
  'KebabCase',
  'WordWrap',
];
