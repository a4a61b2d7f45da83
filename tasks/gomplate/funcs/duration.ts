// time.Duration: an int64 of nanoseconds whose String is "1h2m3.5s", with the methods
// templates call, and time.ParseDuration with Go's grammar and error texts.
import { GoFloat, GoInt, GoStruct, type GoValue, goInt } from '../values.js';
import { fromBytes, toBytes } from '../gostring.js';
import { timeQuote } from './time-layout.js';
import { type GoFunc, FuncError, fn } from './types.js';

const NS = 1n;
const US = 1000n;
const MS = 1000_000n;
const S = 1000_000_000n;
const M = 60n * S;
const H = 60n * M;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

/** Go's fmtFrac: the fraction of v/10^prec without trailing zeros (no '.' when 0). */
function frac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  return [print ? '.' + out : '', v];
}

/** Duration.String(). */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < S) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < US) {
      prec = 0;
      unit = 'ns';
    } else if (u < MS) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [f, rest] = frac(u, prec);
    out = String(rest) + f + unit;
  } else {
    const [f, secs] = frac(u, 9);
    u = secs;
    out = String(u % 60n) + f + 's';
    u /= 60n;
    if (u > 0n) {
      out = String(u % 60n) + 'm' + out;
      u /= 60n;
      if (u > 0n) out = String(u) + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

/** Wraps an int64 to its two's-complement range, as Go's arithmetic does. */
export const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);

/** A Duration argument: a Duration, or an integer (a constant converts in Go). */
export function durationArg(v: unknown): bigint {
  if (v instanceof GoStruct && v.typeName === 'time.Duration') return v.num!;
  if (v instanceof GoInt) return v.v;
  throw new FuncError(
    `wrong type for value; expected time.Duration; got ${v instanceof GoFloat ? 'float64' : typeof v === 'string' ? 'string' : 'interface {}'}`,
  );
}

function durRound(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 < d ? d1 : MIN;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 > d ? d1 : MAX;
}

function floatPart(d: bigint, unit: bigint): GoFloat {
  const whole = d / unit;
  const rest = d % unit;
  return new GoFloat(Number(whole) + Number(rest) / Number(unit));
}

function members(d: bigint): (name: string) => GoFunc | undefined {
  const val = (v: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', v);
  return (name) => {
    switch (name) {
      case 'String':
        return val(() => durationString(d));
      case 'Nanoseconds':
        return val(() => goInt(d, 'int64'));
      case 'Microseconds':
        return val(() => goInt(d / US, 'int64'));
      case 'Milliseconds':
        return val(() => goInt(d / MS, 'int64'));
      case 'Seconds':
        return val(() => floatPart(d, S));
      case 'Minutes':
        return val(() => floatPart(d, M));
      case 'Hours':
        return val(() => floatPart(d, H));
      case 'Abs':
        return val(() => duration(d >= 0n ? d : d === MIN ? MAX : -d));
      case 'Round':
        return fn(['any'], 'concrete', ([m]) => duration(durRound(d, durationArg(m))));
      case 'Truncate':
        return fn(['any'], 'concrete', ([m]) => {
          const mm = durationArg(m);
          return duration(mm <= 0n ? d : d - (d % mm));
        });
    }
    return undefined;
  };
}

export function duration(d: bigint): GoStruct {
  return new GoStruct('time.Duration', durationString(d), members(d), d);
}

const UNITS: Record<string, bigint> = {
  ns: NS,
  us: US,
  µs: US,
  μs: US,
  ms: MS,
  s: S,
  m: M,
  h: H,
};

/** time.ParseDuration, on bytes like Go. */
export function parseDuration(text: string): bigint {
  const orig = Buffer.from(toBytes(text)).toString('latin1');
  const q = timeQuote;
  const invalid = () => new FuncError(`time: invalid duration ${q(orig)}`);
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    let v = 0n;
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > (1n << 63n) / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > 1n << 63n) throw invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > MAX / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > 1n << 63n) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    if (k === 0) throw new FuncError(`time: missing unit in duration ${q(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[fromBytes(Buffer.from(u, 'latin1'))];
    if (unit === undefined)
      throw new FuncError(`time: unknown unit ${q(u)} in duration ${q(orig)}`);
    if (v > (1n << 63n) / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // float64, as Go computes it: nanosecond-accurate for fractions of hours
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > 1n << 63n) throw invalid();
    }
    d += v;
    if (d > 1n << 63n) throw invalid();
  }
  if (neg) return wrap64(-d);
  if (d > MAX) throw invalid();
  return d;
}

export const DURATION_UNITS = { NS, US, MS, S, M, H };

/** A Duration from a value, as a GoValue (for conversions elsewhere). */
export const isDuration = (v: GoValue | undefined): v is GoStruct =>
  v instanceof GoStruct && v.typeName === 'time.Duration';
