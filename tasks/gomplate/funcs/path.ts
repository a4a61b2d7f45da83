// gomplate's path and filepath namespaces: Go's path package (and path/filepath on Unix,
// where the separator is / too) on Go strings.
import { GoSlice, type GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

/** Go's path.Clean. */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const n = p.length;
  let out = rooted ? '/' : '';
  let r = rooted ? 1 : 0;
  let dotdot = rooted ? 1 : 0;
  while (r < n) {
    if (p[r] === '/') r++;
    else if (p[r] === '.' && (r + 1 === n || p[r + 1] === '/')) r++;
    else if (p[r] === '.' && p[r + 1] === '.' && (r + 2 === n || p[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        let w = out.length - 1;
        while (w > dotdot && out[w] !== '/') w--;
        out = out.slice(0, w);
      } else if (!rooted) {
        if (out.length > 0) out += '/';
        out += '..';
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out += '/';
      for (; r < n && p[r] !== '/'; r++) out += p[r];
    }
  }
  return out === '' ? '.' : out;
}

export function split(p: string): [string, string] {
  const i = p.lastIndexOf('/');
  return [p.slice(0, i + 1), p.slice(i + 1)];
}

function base(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function join(elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length ? clean(parts.join('/')) : '';
}

const BAD = 'syntax error in pattern';
const runeOf = (c: string) =>
  c >= '\udc80' && c <= '\udcff' && c.length === 1 ? 0xfffd : c.codePointAt(0)!;

function scanChunk(pattern: string[]): [boolean, string[], string[]] {
  let star = false;
  while (pattern.length && pattern[0] === '*') {
    pattern = pattern.slice(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case '\\':
        if (i + 1 < pattern.length) i++;
        break;
      case '[':
        inrange = true;
        break;
      case ']':
        inrange = false;
        break;
      case '*':
        if (!inrange) break scan;
    }
  }
  return [star, pattern.slice(0, i), pattern.slice(i)];
}

function getEsc(chunk: string[]): [number, string[]] {
  if (!chunk.length || chunk[0] === '-' || chunk[0] === ']') throw new FuncError(BAD);
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (!chunk.length) throw new FuncError(BAD);
  }
  const r = runeOf(chunk[0]!);
  if (r === 0xfffd && chunk[0] !== '\ufffd') throw new FuncError(BAD);
  const rest = chunk.slice(1);
  if (!rest.length) throw new FuncError(BAD);
  return [r, rest];
}

/** Go's matchChunk over code points: the rest of s when the chunk matches its start. */
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let failed = false;
  while (chunk.length) {
    if (!failed && !s.length) failed = true;
    switch (chunk[0]) {
      case '[': {
        let r = -1;
        if (!failed) {
          r = runeOf(s[0]!);
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        let negated = false;
        if (chunk.length && chunk[0] === '^') {
          negated = true;
          chunk = chunk.slice(1);
        }
        let match = false;
        for (let nrange = 0; ; nrange++) {
          if (chunk.length && chunk[0] === ']' && nrange > 0) {
            chunk = chunk.slice(1);
            break;
          }
          let lo: number;
          let hi: number;
          [lo, chunk] = getEsc(chunk);
          hi = lo;
          if (chunk[0] === '-') [hi, chunk] = getEsc(chunk.slice(1));
          if (lo <= r && r <= hi) match = true;
        }
        if (match === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] === '/') failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        break;
      default:
        if (chunk[0] === '\\') {
          chunk = chunk.slice(1);
          if (!chunk.length) throw new FuncError(BAD);
        }
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
    }
  }
  return failed ? null : s;
}

/** Go's path.Match. */
export function match(patternStr: string, nameStr: string): boolean {
  let pattern = Array.from(patternStr);
  let name = Array.from(nameStr);
  outer: while (pattern.length) {
    let star: boolean;
    let chunk: string[];
    [star, chunk, pattern] = scanChunk(pattern);
    if (star && !chunk.length) return !name.includes('/');
    const t = matchChunk(chunk, name);
    if (t && (!t.length || pattern.length)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2) {
          if (!pattern.length && t2.length) continue;
          name = t2;
          continue outer;
        }
      }
    }
    while (pattern.length) {
      [, chunk, pattern] = scanChunk(pattern);
      matchChunk(chunk, []);
    }
    return false;
  }
  return !name.length;
}

/** Go's filepath.Rel on Unix. */
function rel(basepath: string, targpath: string): string {
  let b = clean(basepath);
  const t = clean(targpath);
  if (t === b) return '.';
  if (b === '.') b = '';
  const cant = () => new FuncError(`Rel: can't make ${targpath} relative to ${basepath}`);
  if ((b[0] === '/') !== (t[0] === '/')) throw cant();
  const bl = b.length;
  const tl = t.length;
  let b0 = 0;
  let bi = 0;
  let t0 = 0;
  let ti = 0;
  for (;;) {
    while (bi < bl && b[bi] !== '/') bi++;
    while (ti < tl && t[ti] !== '/') ti++;
    if (t.slice(t0, ti) !== b.slice(b0, bi)) break;
    if (bi < bl) bi++;
    if (ti < tl) ti++;
    b0 = bi;
    t0 = ti;
  }
  if (b.slice(b0, bi) === '..') throw cant();
  if (b0 !== bl) {
    const seps = b.slice(b0, bl).split('/').length - 1;
    let out = '..' + '/..'.repeat(seps);
    if (t0 !== tl) out += '/' + t.slice(t0);
    return clean(out);
  }
  return t.slice(t0);
}

const s1 = (v: unknown) => toGoString(v as GoValue);
const strs = (vs: unknown[]) => vs.map(s1);

export const PATH: Record<string, GoFunc> = {
  Base: fn(['any'], 'concrete', ([p]) => base(s1(p))),
  Clean: fn(['any'], 'concrete', ([p]) => clean(s1(p))),
  Dir: fn(['any'], 'concrete', ([p]) => clean(split(s1(p))[0])),
  Ext: fn(['any'], 'concrete', ([p]) => ext(s1(p))),
  IsAbs: fn(['any'], 'concrete', ([p]) => s1(p).startsWith('/')),
  Join: fn([], 'concrete', (ps) => join(strs(ps)), 'any'),
  Match: fn(['any', 'any'], 'concrete', ([pat, name]) => match(s1(pat), s1(name))),
  Split: fn(['any'], 'concrete', ([p]) => new GoSlice(split(s1(p)), 'string')),
};

export const FILEPATH: Record<string, GoFunc> = {
  ...PATH,
  FromSlash: fn(['any'], 'concrete', ([p]) => s1(p)),
  ToSlash: fn(['any'], 'concrete', ([p]) => s1(p)),
  VolumeName: fn(['any'], 'concrete', () => ''),
  Rel: fn(['any', 'any'], 'concrete', ([b, t]) => rel(s1(b), s1(t))),
};
