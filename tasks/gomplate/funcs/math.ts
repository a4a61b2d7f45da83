// gomplate's math namespace and its top-level aliases (add, sub, mul, div, rem, pow, seq):
// integer arithmetic in int64 unless an argument is (or parses as) a float.
import { GoFloat, GoInt, GoSlice, type GoValue } from '../values.js';
import { parseFloat64, parseInt64 } from '../strconv-parse.js';
import { floatToInt64, toFloat64Strict, toInt64 } from './convert.js';
import { type Arg, type GoFunc, FuncError, fn } from './types.js';

const i64 = (n: bigint): GoInt => new GoInt(BigInt.asIntN(64, n), 'int64');
const f64 = (n: number): GoFloat => new GoFloat(n);

function parses(f: (s: string) => unknown, s: string): boolean {
  try {
    f(s);
    return true;
  } catch {
    return false;
  }
}

export function isInt(n: GoValue): boolean {
  if (n instanceof GoInt) return true;
  return typeof n === 'string' && parses(parseInt64, n);
}

export function isFloat(n: GoValue): boolean {
  if (n instanceof GoFloat) return true;
  return typeof n === 'string' && parses(parseFloat64, n) && !isInt(n);
}

/** Wraps conversion errors the way each math function words them. */
function num<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`${prefix}: ${e.message}`);
    throw e;
  }
}
const asInt = (v: Arg, p = 'expected a number') => num(p, () => toInt64(v as GoValue));
const asFloat = (v: Arg, p = 'expected a number') => num(p, () => toFloat64Strict(v as GoValue));

function fold(
  args: Arg[],
  fl: (a: number, b: number) => number,
  int: (a: bigint, b: bigint) => bigint,
  unit: [number, bigint],
): GoValue {
  if (args.some((a) => isFloat(a as GoValue)))
    return f64(args.map((a) => asFloat(a, 'expected number inputs')).reduce(fl, unit[0]));
  return i64(args.map((a) => asInt(a, 'expected number inputs')).reduce(int, unit[1]));
}

function seq(start: bigint, end: bigint, step: bigint): GoSlice {
  if (step === 0n) return new GoSlice([], 'int64');
  if (end < start && step > 0n) step = -step;
  if (end > start && step < 0n) step = -step;
  end -= (end - start) % step;
  const out: GoValue[] = [i64(start)];
  for (let last = start; last !== end;) {
    last += step;
    out.push(i64(last));
  }
  return new GoSlice(out, 'int64');
}

function extreme(
  a: Arg,
  rest: Arg[],
  pickFloat: (x: number, y: number) => number,
  more: boolean,
): GoValue {
  if (isFloat(a as GoValue) || rest.some((b) => isFloat(b as GoValue))) {
    let m = asFloat(a);
    for (const b of rest) m = pickFloat(m, asFloat(b));
    return f64(m);
  }
  let m = asInt(a);
  for (const b of rest) {
    const n = asInt(b);
    if (more ? n > m : n < m) m = n;
  }
  return i64(m);
}

/** Go's math.Max/Min: NaN wins, and +0 beats -0 for Max (-0 for Min). */
const goMax = (x: number, y: number) =>
  Number.isNaN(x) || Number.isNaN(y)
    ? NaN
    : x === 0 && y === 0
      ? Object.is(x, -0)
        ? y
        : x
      : Math.max(x, y);
const goMin = (x: number, y: number) =>
  Number.isNaN(x) || Number.isNaN(y)
    ? NaN
    : x === 0 && y === 0
      ? Object.is(x, -0)
        ? x
        : y
      : Math.min(x, y);

/** Go's math.Round: half away from zero, keeping the sign of zero. */
function goRound(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const t = Math.trunc(x);
  const r = Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
  return r === 0 && x < 0 ? -0 : r;
}

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let f = x * 2 ** -e;
  while (Math.abs(f) < 0.5) {
    f *= 2;
    e--;
  }
  while (Math.abs(f) >= 1) {
    f /= 2;
    e++;
  }
  return [f, e];
}

function ldexp(f: number, e: number): number {
  while (e > 1000) {
    f *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    f *= 2 ** -1000;
    e += 1000;
  }
  return f * 2 ** e;
}

const isOddInt = (y: number) =>
  Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;

/** Go's math.Pow, step by step (JS's Math.pow rounds differently in the last place). */
function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return Object.is(x, -0) && isOddInt(y) ? -Infinity : Infinity;
    return Object.is(x, -0) && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

export const MATH: Record<string, GoFunc> = {
  IsInt: fn(['any'], 'concrete', ([n]) => isInt(n as GoValue)),
  IsFloat: fn(['any'], 'concrete', ([n]) => isFloat(n as GoValue)),
  IsNum: fn(['any'], 'concrete', ([n]) => isInt(n as GoValue) || isFloat(n as GoValue)),
  Abs: fn(['any'], 'any', ([n]) => {
    const m = Math.abs(asFloat(n));
    return isInt(n as GoValue) ? i64(floatToInt64(m)) : f64(m);
  }),
  Add: fn(
    [],
    'any',
    (a) =>
      fold(
        a,
        (x, y) => x + y,
        (x, y) => x + y,
        [0, 0n],
      ),
    'any',
  ),
  Mul: fn(
    [],
    'any',
    (a) =>
      fold(
        a,
        (x, y) => x * y,
        (x, y) => x * y,
        [1, 1n],
      ),
    'any',
  ),
  Sub: fn(['any', 'any'], 'any', ([a, b]) =>
    isFloat(a as GoValue) || isFloat(b as GoValue)
      ? f64(asFloat(a) - asFloat(b))
      : i64(asInt(a) - asInt(b)),
  ),
  Div: fn(['any', 'any'], 'any', ([a, b]) => {
    const x = asFloat(a);
    const y = asFloat(b);
    if (y === 0) throw new FuncError('error: division by 0');
    return f64(x / y);
  }),
  Rem: fn(['any', 'any'], 'any', ([a, b]) => {
    const x = asInt(a);
    const y = asInt(b);
    if (y === 0n) throw new FuncError('runtime error: integer divide by zero');
    return i64(x % y);
  }),
  Pow: fn(['any', 'any'], 'any', ([a, b]) => {
    const r = goPow(asFloat(a), asFloat(b));
    return isFloat(a as GoValue) ? f64(r) : i64(floatToInt64(r));
  }),
  Seq: fn(
    [],
    'concrete',
    (n) => {
      if (n.length < 1 || n.length > 3)
        throw new FuncError(`expected 1, 2, or 3 arguments, got ${n.length}`);
      if (n.length === 1) return seq(1n, asInt(n[0]!), 1n);
      return seq(asInt(n[0]!), asInt(n[1]!), n.length === 3 ? asInt(n[2]!) : 1n);
    },
    'any',
  ),
  Max: fn(['any'], 'any', ([a, ...b]) => extreme(a!, b, goMax, true), 'any'),
  Min: fn(['any'], 'any', ([a, ...b]) => extreme(a!, b, goMin, false), 'any'),
  Ceil: fn(['any'], 'any', ([n]) => f64(Math.ceil(asFloat(n, 'n must be a number')))),
  Floor: fn(['any'], 'any', ([n]) => f64(Math.floor(asFloat(n, 'n must be a number')))),
  Round: fn(['any'], 'any', ([n]) => f64(goRound(asFloat(n, 'n must be a number')))),
};

export const MATH_TOP: Record<string, GoFunc> = {
  add: MATH.Add!,
  sub: MATH.Sub!,
  mul: MATH.Mul!,
  div: MATH.Div!,
  rem: MATH.Rem!,
  pow: MATH.Pow!,
  seq: MATH.Seq!,
};
