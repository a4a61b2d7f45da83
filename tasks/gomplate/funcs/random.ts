// gomplate's random namespace. gomplate draws from Go's unseeded math/rand/v2, so its
// output can only be compared by shape; the character sets, bounds checks and errors
// follow gomplate's random package. RenderOptions.randomSeed makes a render repeatable
// (gomplate has no such option: it exists for tests).
import { quote } from '../strconv-quote.js';
import { NumError, parseInt64 } from '../strconv-parse.js';
import { GoFloat, GoInt, GoSlice, type GoValue } from '../values.js';
import { toFloat64Strict, toGoString, toInt64 } from './convert.js';
import { allMatches, compileRe2 } from './re2.js';
import { type FuncContext, FuncError, type GoFunc, fn } from './types.js';

const DEFAULT_SET = '-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

const rnd = (ctx: FuncContext) => ctx.random ?? Math.random;

/** mulberry32: a small seeded source for RenderOptions.randomSeed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function num(v: unknown, what: string, conv: (v: GoValue) => bigint | number) {
  try {
    return conv(v as GoValue);
  } catch (e) {
    throw new FuncError(`${what}: ${(e as Error).message}`);
  }
}
const count = (v: unknown) =>
  Number(BigInt.asIntN(64, num(v, 'count must be an integer', toInt64) as bigint));

/** unicode.IsGraphic code points in [lower, upper]. */
function graphic(lower: number, upper: number): number[] {
  const out: number[] = [];
  for (let r = Math.max(lower, 0); r <= Math.min(upper, 0x10ffff); r++)
    if (GRAPHIC.test(String.fromCodePoint(r))) out.push(r);
  return out;
}

function rndString(ctx: FuncContext, n: number, chars: number[]): string {
  // Go's make([]rune, n) panics past maxAlloc (2^48 bytes on 64-bit); below that, a
  // count no machine could hold is refused here instead of exhausting the heap
  if (n < 0 || n > 2 ** 46) throw new FuncError('runtime error: makeslice: len out of range');
  if (n > 1e8) throw new FuncError(`random: count ${n} is too large for this engine`);
  if (n > 0 && chars.length === 0) throw new FuncError('invalid argument to IntN');
  let s = '';
  for (let i = 0; i < n; i++)
    s += String.fromCodePoint(chars[Math.floor(rnd(ctx)() * chars.length)]!);
  return s;
}

function bounds(ctx: FuncContext, n: number, lower: number, upper: number): string {
  const chars = graphic(lower, upper);
  // Go's %q of a rune: invalid ones print as U+FFFD, and the quote marks swap roles
  const q = (r: number) => {
    if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
    if (r === 0x27) return "\\'";
    if (r === 0x22) return '"';
    return quote(String.fromCodePoint(r)).slice(1, -1);
  };
  if (chars.length === 0)
    throw new FuncError(`no printable codepoints found between U'${q(lower)}' and U'${q(upper)}'`);
  return rndString(ctx, n, chars);
}

function matching(ctx: FuncContext, n: number, pattern: string): string {
  if (pattern === '')
    return rndString(
      ctx,
      n,
      [...DEFAULT_SET].map((c) => c.codePointAt(0)!),
    );
  const re = compileRe2(pattern);
  const chars = graphic(0, 0x10ffff).filter(
    (r) => allMatches(re, String.fromCodePoint(r), 1).length > 0,
  );
  return rndString(ctx, n, chars);
}

/** A bound written as a number: strconv.ParseInt(s, 0, 32), its error the call's. */
function bound(s: string): number {
  try {
    return Number(parseInt64(s, 0, 32));
  } catch (e) {
    if (e instanceof NumError) throw new FuncError(e.message);
    throw e;
  }
}

/** String's two bounds: single characters, or numbers (strconv.ParseInt base 0). */
function codePoints(args: unknown[]): [number, number] {
  const [a, b] = args;
  if (typeof a === 'string' && typeof b === 'string') {
    if ([...a].length === 1 && [...b].length === 1) return [a.codePointAt(0)!, b.codePointAt(0)!];
    return [bound(a), bound(b)];
  }
  const l = num(a, 'lower must be an integer', toInt64) as bigint;
  const u = num(b, 'upper must be an integer', toInt64) as bigint;
  return [Number(BigInt.asIntN(32, l)), Number(BigInt.asIntN(32, u))];
}

const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;

export const RANDOM: Record<string, GoFunc> = {
  ASCII: fn(['any'], 'concrete', ([c], ctx) => bounds(ctx, count(c), 0x20, 0x7e)),
  Alpha: fn(['any'], 'concrete', ([c], ctx) => matching(ctx, count(c), '[[:alpha:]]')),
  AlphaNum: fn(['any'], 'concrete', ([c], ctx) => matching(ctx, count(c), '[[:alnum:]]')),
  String: fn(
    ['any'],
    'concrete',
    ([c, ...args], ctx) => {
      const n = count(c);
      if (n === 0) throw new FuncError('count must be greater than 0');
      if (args.length === 2) {
        const [l, u] = codePoints(args);
        return bounds(ctx, n, l, u);
      }
      return matching(ctx, n, args.length === 1 ? toGoString(args[0] as GoValue) : '');
    },
    'any',
  ),
  Item: fn(['any'], 'any', ([v], ctx) => {
    if (!(v instanceof GoSlice))
      throw new FuncError('expected an array or slice, but got a reflect.Value');
    if (v.items.length === 0) throw new FuncError('expected a non-empty array or slice');
    return v.items[v.items.length === 1 ? 0 : Math.floor(rnd(ctx)() * v.items.length)]!;
  }),
  Number: fn(
    [],
    'concrete',
    (args, ctx) => {
      let min = 0n;
      let max = 100n;
      if (args.length === 1) max = num(args[0], 'max must be a number', toInt64) as bigint;
      if (args.length === 2) {
        min = num(args[0], 'min must be a number', toInt64) as bigint;
        max = num(args[1], 'max must be a number', toInt64) as bigint;
      }
      [min, max] = [BigInt.asIntN(64, min), BigInt.asIntN(64, max)];
      if (min > max) throw new FuncError(`min must not be greater than max (was ${min}, ${max})`);
      if (min === MIN64) min++;
      const spread = BigInt.asIntN(64, max - min);
      if (spread >= MAX64 >> 1n)
        throw new FuncError(
          `spread between min and max too high - must not be greater than 63-bit maximum (${max} - ${min} = ${spread})`,
        );
      // Go's int64 arithmetic wraps here, and rand.Int64N panics on a non-positive bound
      const n = BigInt.asIntN(64, spread + 1n);
      if (n <= 0n) throw new FuncError('invalid argument to Int64N');
      return new GoInt(BigInt(Math.floor(rnd(ctx)() * Number(n))) + min, 'int64');
    },
    'any',
  ),
  Float: fn(
    [],
    'concrete',
    (args, ctx) => {
      let min = 0;
      let max = 1;
      if (args.length === 1) max = num(args[0], 'max must be a number', toFloat64Strict) as number;
      if (args.length === 2) {
        min = num(args[0], 'min must be a number', toFloat64Strict) as number;
        max = num(args[1], 'max must be a number', toFloat64Strict) as number;
      }
      return new GoFloat(min + rnd(ctx)() * (max - min));
    },
    'any',
  ),
};
