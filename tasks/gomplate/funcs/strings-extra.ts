// More of gomplate's strings namespace: Abbrev, Trunc, SkipLines, ShellQuote, WordWrap,
// SnakeCase, KebabCase and the deprecated Sort. Go works on bytes here (lengths, s[0]), so these do too.
import { compareGo, fromBytes, toBytes } from '../gostring.js';
import { sprintf } from '../printf.js';
import { type GoInt, GoSlice, type GoValue } from '../values.js';
import { toGoString, toInt64 } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

const str = (v: unknown) => toGoString(v as GoValue);
const MAX_INT = (1n << 63n) - 1n;

function intArg(v: unknown, what: string): number {
  try {
    return Number(toInt64(v as GoValue));
  } catch (e) {
    throw new FuncError(`${what}: ${(e as Error).message}`);
  }
}

/** goutils.AbbreviateFull on bytes. */
function abbreviate(s: Uint8Array, offset: number, maxWidth: number): Uint8Array {
  const dots = toBytes('...');
  const cat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);
  if (s.length === 0) return s;
  if (maxWidth < 4)
    throw new FuncError('stringutils illegal argument: Minimum abbreviation width is 4');
  if (s.length <= maxWidth) return s;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return cat(s.subarray(0, maxWidth - 3), dots);
  if (maxWidth < 7)
    throw new FuncError(
      'stringutils illegal argument: Minimum abbreviation width with offset is 7',
    );
  if (offset + maxWidth - 3 < s.length)
    return cat(dots, abbreviate(s.subarray(offset), 0, maxWidth - 3));
  return cat(dots, s.subarray(s.length - (maxWidth - 3)));
}

/** goutils.WrapCustom without long-word wrapping, on bytes. */
function wrap(s: Uint8Array, width: number, nl: Uint8Array): Uint8Array {
  if (s.length === 0) return s;
  if (width < 1) width = 1;
  const out: number[] = [];
  let offset = 0;
  const lastSpace = (from: number, to: number) => {
    for (let i = Math.min(to, s.length) - 1; i >= from; i--) if (s[i] === 0x20) return i;
    return -1;
  };
  while (s.length - offset > width) {
    if (s[offset] === 0x20) {
      offset++;
      continue;
    }
    const at = lastSpace(offset, width + offset + 1);
    if (at >= offset) {
      out.push(...s.subarray(offset, at), ...nl);
      offset = at + 1;
    } else {
      const end = width + offset;
      const idx = s.indexOf(0x20, end);
      if (idx < 0) {
        out.push(...s.subarray(offset));
        offset = s.length;
      } else {
        out.push(...s.subarray(offset, idx), ...nl);
        offset = idx + 1;
      }
    }
  }
  out.push(...s.subarray(offset));
  return Uint8Array.from(out);
}

/** gomplate's casePrepare + \s+ replacement (SnakeCase, KebabCase). */
function caseJoin(input: string, sep: string): string {
  const goSpace = /^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g;
  const inTrim = input.replace(goSpace, '');
  let s = inTrim.toLowerCase();
  // Go replaces string(s[0]) (the first BYTE as a rune) with string(in[0]): only ASCII
  // first letters survive this as intended
  const sb = toBytes(s);
  const ib = toBytes(inTrim);
  if (sb.length === 0) throw new FuncError('runtime error: index out of range [0] with length 0');
  const from = String.fromCodePoint(sb[0]!);
  const to = String.fromCodePoint(ib[0]!);
  const at = s.indexOf(from);
  if (at >= 0) s = s.slice(0, at) + to + s.slice(at + from.length);
  s = s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g, '');
  return s.replace(/[\t\n\f\r ]+/g, sep);
}

/**
 * golang.org/x/text's title caser (language und) on ASCII: a cased letter that starts a
 * word is upper-cased; the rest of the word is kept (NoLower) or lower-cased. Letters,
 * digits and `_` continue a word, `'` `.` `:` join two words unless doubled, anything
 * else breaks. Beyond ASCII the word-break and title-case tables of Unicode apply, which
 * this engine does not carry: such input is refused rather than cased differently.
 */
function titleAscii(fname: string, s: string, lowerRest: boolean): string {
  if (/[^\x00-\x7f]/.test(s))
    throw new FuncError(`strings.${fname} of non-ASCII text is not supported by this engine`);
  const cased = (c: string) => /[A-Za-z]/.test(c);
  const mid = (c: string) => c === "'" || c === '.' || c === ':';
  const letter = (c: string) => /[A-Za-z0-9_]/.test(c);
  let out = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (cased(c)) {
      out += inWord ? (lowerRest ? c.toLowerCase() : c) : c.toUpperCase();
      inWord = true;
    } else {
      out += c;
      if (!letter(c) && !mid(c)) inWord = false;
    }
    if (mid(c) && i + 1 < s.length && mid(s[i + 1]!)) inWord = false;
  }
  return out;
}

const goTrimAscii = (s: string) => s.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');

export const STRINGS_EXTRA: Record<string, GoFunc> = {
  Abbrev: fn(
    [],
    'concrete',
    (args) => {
      let offset = 0;
      let width: number;
      let s: string;
      if (args.length === 2) {
        width = intArg(args[0], 'width must be an integer');
        s = str(args[1]);
      } else if (args.length === 3) {
        offset = intArg(args[0], 'offset must be an integer');
        width = intArg(args[1], 'width must be an integer');
        s = str(args[2]);
      } else throw new FuncError("abbrev requires a 'width' and 'input' argument");
      const b = toBytes(s);
      return b.length <= width ? s : fromBytes(abbreviate(b, offset, width));
    },
    'any',
  ),
  Trunc: fn(['int', 'any'], 'concrete', ([n, s]) => {
    const len = Number((n as GoInt).v);
    const b = toBytes(str(s));
    return len < 0 || b.length <= len ? str(s) : fromBytes(b.subarray(0, len));
  }),
  SkipLines: fn(['int', 'string'], 'concrete', ([n, s]) => {
    const skip = Number((n as GoInt).v);
    if (skip < 0) throw new FuncError('skip must be >= 0');
    if (skip === 0) return s as string;
    const lines = (s as string).split('\n');
    return skip >= lines.length ? '' : lines.slice(skip).join('\n');
  }),
  ShellQuote: fn(['any'], 'concrete', ([v]) => {
    const q = (x: string) => "'" + x.split("'").join(`'"'"'`) + "'";
    // gomplate stringifies each element's reflect.Value: only a string kind shows itself
    if (v instanceof GoSlice)
      return v.items
        .map((x) => q(v.elem === 'string' ? (x as string) : `<${v.elem} Value>`))
        .join(' ');
    return q(str(v));
  }),
  WordWrap: fn(
    [],
    'concrete',
    (args) => {
      if (args.length === 0 || args.length > 3)
        throw new FuncError(`expected 1, 2, or 3 args, got ${args.length}`);
      const input = str(args[args.length - 1]);
      let width = 0;
      let nl = '';
      const widthOf = (v: unknown) => {
        let n: bigint;
        try {
          n = toInt64(v as GoValue);
        } catch (e) {
          throw new FuncError(`expected width to be a number: ${(e as Error).message}`);
        }
        if (n > MAX_INT) throw new FuncError(`width too large: ${n}`);
        return Number(BigInt.asUintN(32, n)); // Go's uint32(n)
      };
      if (args.length === 2) {
        if (typeof args[0] === 'string') nl = args[0];
        else width = widthOf(args[0]);
      }
      if (args.length === 3) {
        width = widthOf(args[0]);
        nl = str(args[1]);
      }
      return fromBytes(wrap(toBytes(input), width || 80, toBytes(nl || '\n')));
    },
    'any',
  ),
  // deprecated in gomplate for coll.Sort; only []string and []interface {} are accepted
  Sort: fn(['any'], 'concrete', ([v]) => {
    if (!(v instanceof GoSlice) || (v.elem !== 'string' && v.elem !== 'interface {}'))
      throw new FuncError(
        `wrong type for value; expected []string; got ${sprintf('%T', [v as GoValue])}`,
      );
    return new GoSlice(v.items.map((x) => str(x)).sort(compareGo), 'string');
  }),
  Title: fn(['any'], 'concrete', ([v]) => titleAscii('Title', str(v), false)),
  CamelCase: fn(['any'], 'concrete', ([v]) => {
    const input = goTrimAscii(str(v));
    let s = titleAscii('CamelCase', input, true);
    // gomplate puts the input's first character back (the first byte, as a rune)
    if (s.length === 0) throw new FuncError('runtime error: index out of range [0] with length 0');
    s = s.replace(s[0]!, input[0]!);
    return s.replace(/[^A-Za-z0-9]+/g, '');
  }),
  // gosimple/slug's Make ("en"): beyond ASCII it transliterates through unidecode's
  // tables, which this engine does not carry, so such input is refused
  Slug: fn(['any'], 'concrete', ([v]) => {
    const input = str(v);
    if (/[^\x00-\x7f]/.test(input))
      throw new FuncError('strings.Slug of non-ASCII text is not supported by this engine');
    return goTrimAscii(input)
      .replace(/&/g, 'and')
      .replace(/@/g, 'at')
      .replace(/["']/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '-')
      .replace(/-+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '');
  }),
  SnakeCase: fn(['any'], 'concrete', ([v]) => caseJoin(str(v), '_')),
  KebabCase: fn(['any'], 'concrete', ([v]) => caseJoin(str(v), '-')),
};
