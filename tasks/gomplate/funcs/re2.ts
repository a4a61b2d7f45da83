// Go's regexp (RE2 syntax) on JavaScript's engine. The pattern is parsed the RE2 way and
// rewritten so JS means exactly the same thing: `.` and \s are Go's, classes are spelled
// out as code point ranges, `{` that is not a repeat is a literal. Syntax whose meaning
// could differ (flags, \p classes, \C, octal escapes, …) is refused rather than guessed.
// Match selection is leftmost-first in both; the iteration over matches (empty matches,
// replacement templates, Split) follows Go's regexp package, not String.prototype.
import { FuncError } from './types.js';

export class Re2Unsupported extends FuncError {}

const goErr = (code: string, arg: string) =>
  new FuncError(`error parsing regexp: ${code}: \`${arg}\``);

type Range = [number, number];
const PERL: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};
const POSIX: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: PERL.w!,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const hex = (c: number) => `\\u{${c.toString(16)}}`;
function negate(rs: Range[]): Range[] {
  const sorted = [...rs].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}
const cls = (rs: Range[]) =>
  rs.length === 0
    ? '[^\\u{0}-\\u{10ffff}]'
    : '[' + rs.map(([a, b]) => hex(a) + '-' + hex(b)).join('') + ']';

const SIMPLE_ESC: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
const PUNCT = '\\.+*?()|[]{}^$-#&~!"%\',/:;<=>@`_';

export interface Re2 {
  re: RegExp;
  names: string[];
}

/** Compiles a Go regexp; throws Go's parse error, or Re2Unsupported. */
export function compileRe2(src: string): Re2 {
  const cps = [...src];
  let i = 0;
  let out = '';
  let depth = 0;
  const names: string[] = [''];
  // whether the last item can take a repetition, and where its operator began
  let lastAtom = false;
  let lastRepeat = -1;
  const unsupported = (what: string) =>
    new Re2Unsupported(`regexp syntax ${what} in \`${src}\` is not supported by this engine`);

  // one escape (after the backslash) as ranges, for use in classes and outside them
  const escape = (): Range[] | number => {
    const c = cps[i];
    if (c === undefined) throw goErr('trailing backslash at end of expression', '');
    i++;
    if (c in PERL) return PERL[c]!;
    const lower = c.toLowerCase();
    if (lower in PERL && c !== lower) return negate(PERL[lower]!);
    if (c in SIMPLE_ESC) return SIMPLE_ESC[c]!;
    if (c === 'x') {
      if (cps[i] === '{') {
        const end = cps.indexOf('}', i);
        const digits = cps.slice(i + 1, end).join('');
        if (end < 0 || !/^[0-9a-fA-F]+$/.test(digits) || parseInt(digits, 16) > 0x10ffff)
          throw unsupported('\\x{…}');
        i = end + 1;
        return parseInt(digits, 16);
      }
      const two = cps.slice(i, i + 2).join('');
      if (!/^[0-9a-fA-F]{2}$/.test(two)) throw unsupported('\\x');
      i += 2;
      return parseInt(two, 16);
    }
    if (PUNCT.includes(c)) return c.codePointAt(0)!;
    if (/[0-9pPCQEzAbB]/.test(c)) throw unsupported(`\\${c}`);
    throw goErr('invalid escape sequence', `\\${c}`);
  };

  const parseClass = (): string => {
    const start = i - 1;
    let neg = false;
    if (cps[i] === '^') {
      neg = true;
      i++;
    }
    const ranges: Range[] = [];
    let first = true;
    for (;;) {
      const c = cps[i];
      if (c === undefined) throw goErr('missing closing ]', cps.slice(start).join(''));
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c === '[' && cps[i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(cps.slice(i).join(''));
        if (m) {
          const rs = POSIX[m[2]!];
          if (!rs) throw goErr('invalid character class range', m[0]);
          ranges.push(...(m[1] ? negate(rs) : rs));
          i += m[0].length;
          continue;
        }
      }
      const lo = i;
      const one = (): Range[] | number => {
        const ch = cps[i]!;
        i++;
        if (ch === '\\') return escape();
        return ch.codePointAt(0)!;
      };
      const a = one();
      if (typeof a !== 'number') {
        ranges.push(...a);
        continue;
      }
      if (cps[i] === '-' && cps[i + 1] !== ']' && cps[i + 1] !== undefined) {
        i++;
        const b = one();
        if (typeof b !== 'number' || b < a)
          throw goErr('invalid character class range', cps.slice(lo, i).join(''));
        ranges.push([a, b]);
      } else ranges.push([a, a]);
    }
    return cls(neg ? negate(ranges) : ranges);
  };

  while (i < cps.length) {
    const c = cps[i]!;
    const at = i;
    i++;
    if ('*+?'.includes(c) || (c === '{' && /^\{\d+(,\d*)?\}/.test(cps.slice(at).join('')))) {
      let op = c;
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(cps.slice(at).join(''))!;
        op = m[0];
        i = at + op.length;
        const lo = Number(m[1]);
        const hi = m[3] ? Number(m[3]) : lo;
        if (lo > 1000 || hi > 1000 || hi < lo) throw goErr('invalid repeat count', op);
      }
      if (cps[i] === '?') {
        i++;
        op += '?';
      }
      if (lastRepeat >= 0)
        throw goErr('invalid nested repetition operator', cps.slice(lastRepeat, i).join(''));
      if (!lastAtom)
        throw goErr('missing argument to repetition operator', cps.slice(at, i).join(''));
      out += op;
      lastRepeat = at;
      continue;
    }
    lastRepeat = -1;
    lastAtom = true;
    switch (c) {
      case '.':
        out += '[^\\n]';
        break;
      case '^':
      case '$':
        out += c;
        break;
      case '|':
        out += '|';
        lastAtom = false;
        break;
      case '[':
        out += parseClass();
        break;
      case '(': {
        depth++;
        lastAtom = false;
        if (cps[i] === '?') {
          const rest = cps.slice(i).join('');
          const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
          if (rest.startsWith('?:')) {
            i += 2;
            out += '(?:';
          } else if (named) {
            if (names.includes(named[1]!)) throw goErr('duplicate capture group name', named[1]!);
            names.push(named[1]!);
            i += named[0].length;
            out += `(?<${named[1]}>`;
          } else throw unsupported('(?');
        } else {
          names.push('');
          out += '(';
        }
        break;
      }
      case ')':
        if (depth === 0) throw goErr('unexpected )', src);
        depth--;
        out += ')';
        break;
      case '\\': {
        if (cps[i] === 'A' || cps[i] === 'z') {
          out += cps[i] === 'A' ? '^' : '$';
          i++;
          break;
        }
        if (cps[i] === 'b' || cps[i] === 'B') {
          out += '\\' + cps[i];
          i++;
          break;
        }
        const e = escape();
        out += typeof e === 'number' ? hex(e) : cls(e);
        break;
      }
      default:
        out += hex(c.codePointAt(0)!);
    }
  }
  if (depth > 0) throw goErr('missing closing )', src);
  try {
    return { re: new RegExp(out, 'gud'), names };
  } catch {
    throw unsupported('(not expressible in JavaScript)');
  }
}

/** One match: [start, end] per group (-1 when a group did not take part), JS indexes. */
type Match = number[];

function execAt(r: Re2, s: string, pos: number): Match | null {
  r.re.lastIndex = pos;
  const m = r.re.exec(s);
  if (!m) return null;
  const out: Match = [];
  for (let g = 0; g < m.length; g++) {
    const ix = m.indices![g];
    out.push(ix ? ix[0] : -1, ix ? ix[1] : -1);
  }
  return out;
}

const step = (s: string, pos: number) =>
  pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 0;

/** Go's allMatches: no empty match right after a previous match. */
export function allMatches(r: Re2, s: string, n: number): Match[] {
  const out: Match[] = [];
  if (n < 0) n = s.length + 1;
  let prevEnd = -1;
  for (let pos = 0; out.length < n && pos <= s.length;) {
    const m = execAt(r, s, pos);
    if (!m) break;
    let accept = true;
    if (m[1] === pos) {
      if (m[0] === prevEnd) accept = false;
      const w = step(s, pos);
      pos += w > 0 ? w : 1;
    } else pos = m[1]!;
    prevEnd = m[1]!;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand on a string template ($1, ${name}, $$). */
function expand(r: Re2, template: string, s: string, m: Match): string {
  let out = '';
  let t = template;
  for (;;) {
    const k = t.indexOf('$');
    if (k < 0) break;
    out += t.slice(0, k);
    t = t.slice(k + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const x = /^(\{?)([\p{L}\p{Nd}_]+)/u.exec(t);
    if (!x || (x[1] && t[x[0].length] !== '}')) {
      out += '$';
      continue;
    }
    const name = x[2]!;
    t = t.slice(x[0].length + (x[1] ? 1 : 0));
    let num = /^[0-9]+$/.test(name) && name.length <= 9 ? Number(name) : -1;
    if (name.length > 1 && name[0] === '0') num = -1;
    const group = (g: number) => (m[2 * g]! >= 0 ? s.slice(m[2 * g], m[2 * g + 1]) : '');
    if (num >= 0) {
      if (2 * num + 1 < m.length) out += group(num);
    } else {
      const g = r.names.indexOf(name);
      if (g > 0) out += group(g);
    }
  }
  return out + t;
}

/** Go's replaceAll loop. */
export function replaceAll(r: Re2, s: string, repl: string, literal: boolean): string {
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= s.length) {
    const m = execAt(r, s, search);
    if (!m) break;
    out += s.slice(lastEnd, m[0]);
    if (m[1]! > lastEnd || m[0] === 0) out += literal ? repl : expand(r, repl, s, m);
    lastEnd = m[1]!;
    const w = step(s, search);
    if (search + w > m[1]!) search += w;
    else if (search + 1 > m[1]!) search++;
    else search = m[1]!;
  }
  return out + s.slice(lastEnd);
}

/** Go's Regexp.Split. */
export function split(r: Re2, src: string, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (src.length > 0 && s.length === 0) return [''];
  const matches = allMatches(r, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's regexp.QuoteMeta. */
export const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
