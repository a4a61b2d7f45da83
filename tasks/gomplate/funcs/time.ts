// gomplate's time namespace, the deterministic part (Now, Since and Until read the clock
// and are refused), and the time.Time methods a template calls. The local zone is UTC.
import { GoTime } from '../gotime.js';
import { parseInt64 } from '../strconv-parse.js';
import { GoFloat, GoInt, GoStruct, type GoValue, goInt } from '../values.js';
import { toGoString, toInt64 } from './convert.js';
import { DURATION_UNITS, duration, durationArg, parseDuration, wrap64 } from './duration.js';
import {
  LONG_DAYS,
  LONG_MONTHS,
  type Location,
  TimeParseError,
  UTC,
  civilToUnix,
  formatTime,
  parseTime,
} from './time-layout.js';
import { type FuncContext, FuncError, type GoFunc, fn } from './types.js';

const LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
};

const timeErr = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    if (e instanceof TimeParseError) throw new FuncError(e.message);
    throw e;
  }
};

/**
 * time.LoadLocation for the zones this engine knows: UTC and Local (= UTC). Names Go
 * would reject get Go's error; a real IANA zone is refused, naming the limit.
 */
function loadLocation(name: string): Location {
  if (name === '' || name === 'UTC' || name === 'Local') return UTC;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\'))
    throw new FuncError('time: invalid location name');
  let known = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name);
  if (known) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
    } catch {
      known = false;
    }
  }
  if (!known) throw new FuncError(`unknown time zone ${name}`);
  throw new FuncError(
    `time zone ${JSON.stringify(name)} is not supported by this engine (UTC and Local only)`,
  );
}

function padRight(s: string, n: number): string {
  return (s + '0'.repeat(n)).slice(0, n);
}

/** gomplate's parseNum: "sec[.frac]" strings, ints, nil; floats refused. */
function parseNum(v: GoValue): [bigint, bigint] {
  const int = (s: string) => {
    try {
      return parseInt64(s);
    } catch (e) {
      throw new FuncError((e as Error).message);
    }
  };
  if (typeof v === 'string') {
    const ss = v.split('.');
    if (ss.length > 2)
      throw new FuncError(`can not parse '${v}' as a number - too many decimal points`);
    if (ss.length === 1) return [int(v), 0n];
    return [int(ss[0]!), int(padRight(ss[1]!, 9))];
  }
  // Stringers are parsed from their String()
  if (v instanceof GoStruct) return parseNum(v.printed);
  if (v instanceof GoTime) return parseNum(v.toString());
  if (v instanceof GoInt) {
    if (v.t === 'int') return [v.v, 0n];
    if (v.t === 'uint64') {
      if (v.v > (1n << 63n) - 1n)
        throw new FuncError(`can not parse ${v.v} - would overflow int64`);
      return [v.v, 0n];
    }
    return [0n, 0n];
  }
  if (v instanceof GoFloat)
    throw new FuncError(
      `can not parse floating point number (${v.v.toFixed(6)}) - use a string instead`,
    );
  return [0n, 0n];
}

/** time.Unix(sec, nsec): nsec outside [0, 1e9) carries into the seconds. */
function unixTime(sec: bigint, nsec: bigint): GoTime {
  if (nsec < 0n || nsec >= 1_000_000_000n) {
    const n = nsec / 1_000_000_000n;
    sec += n;
    nsec -= n * 1_000_000_000n;
    if (nsec < 0n) {
      nsec += 1_000_000_000n;
      sec--;
    }
  }
  return new GoTime(Number(sec), Number(nsec), 0, 'UTC');
}

const durationOf = (unit: bigint) =>
  fn(['any'], 'concrete', ([n]) => {
    let i: bigint;
    try {
      i = toInt64(n as GoValue);
    } catch (e) {
      throw new FuncError(`expected a number: ${(e as Error).message}`);
    }
    return duration(wrap64(unit * i));
  });

export const TIME: Record<string, GoFunc> = {
  ZoneName: fn([], 'concrete', () => 'UTC'),
  ZoneOffset: fn([], 'concrete', () => goInt(0)),
  Parse: fn(['string', 'any'], 'concrete', ([layout, v]) =>
    timeErr(() => parseTime(layout as string, toGoString(v as GoValue), UTC)),
  ),
  ParseLocal: fn(['string', 'any'], 'concrete', ([layout, v], ctx: FuncContext) =>
    timeErr(() =>
      parseTime(layout as string, toGoString(v as GoValue), loadLocation(ctx.env.TZ ?? 'Local')),
    ),
  ),
  ParseInLocation: fn(['string', 'string', 'any'], 'concrete', ([layout, loc, v]) =>
    timeErr(() =>
      parseTime(layout as string, toGoString(v as GoValue), loadLocation(loc as string)),
    ),
  ),
  Unix: fn(['any'], 'concrete', ([v]) => {
    const [sec, nsec] = parseNum(v as GoValue);
    return unixTime(sec, nsec);
  }),
  Nanosecond: durationOf(DURATION_UNITS.NS),
  Microsecond: durationOf(DURATION_UNITS.US),
  Millisecond: durationOf(DURATION_UNITS.MS),
  Second: durationOf(DURATION_UNITS.S),
  Minute: durationOf(DURATION_UNITS.M),
  Hour: durationOf(DURATION_UNITS.H),
  ParseDuration: fn(['any'], 'concrete', ([v]) =>
    duration(parseDuration(toGoString(v as GoValue))),
  ),
};
for (const [name, layout] of Object.entries(LAYOUTS)) TIME[name] = fn([], 'concrete', () => layout);

/** Refused: their result depends on the clock. */
export const TIME_UNSUPPORTED = ['Now', 'Since', 'Until'];

const NS_PER_S = 1_000_000_000n;

const nanos = (t: GoTime) => BigInt(t.sec) * NS_PER_S + BigInt(t.nsec);

function fromNanos(n: bigint, t: GoTime): GoTime {
  let sec = n / NS_PER_S;
  let ns = n % NS_PER_S;
  if (ns < 0n) {
    ns += NS_PER_S;
    sec--;
  }
  return new GoTime(Number(sec), Number(ns), t.offset, t.zone);
}

function timeArg(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  throw new FuncError('wrong type for value; expected time.Time');
}

function addDate(t: GoTime, y: bigint, m: bigint, d: bigint): GoTime {
  const f = t.fields();
  // Date normalises month and day overflow, as Go's Date does
  let mo = BigInt(f.mo) + m - 1n;
  let yr = BigInt(f.y) + y + mo / 12n;
  mo %= 12n;
  if (mo < 0n) {
    mo += 12n;
    yr--;
  }
  const base = civilToUnix(Number(yr), Number(mo) + 1, 1, f.h, f.mi, f.s);
  const sec = base + (f.d - 1 + Number(d)) * 86400 - t.offset;
  return new GoTime(sec, t.nsec, t.offset, t.zone);
}

/** Go's Time.Truncate/Round for a positive duration (times since year 1 are positive). */
function roundTime(t: GoTime, d: bigint, round: boolean): GoTime {
  if (d <= 0n) return new GoTime(t.sec, t.nsec, t.offset, t.zone);
  const abs = nanos(t) + 62135596800n * NS_PER_S;
  const r = ((abs % d) + d) % d;
  let n = nanos(t) - r;
  if (round && r + r >= d) n += d;
  return fromNanos(n, t);
}

function yearDay(t: GoTime): number {
  const f = t.fields();
  return Math.round((civilToUnix(f.y, f.mo, f.d) - civilToUnix(f.y, 1, 1)) / 86400) + 1;
}

function month(n: number): GoStruct {
  return new GoStruct('time.Month', LONG_MONTHS[n - 1]!, () => undefined, BigInt(n));
}

function weekday(n: number): GoStruct {
  return new GoStruct('time.Weekday', LONG_DAYS[n]!, () => undefined, BigInt(n));
}

export function timeMethod(t: GoTime, name: string): GoFunc | undefined {
  const f = t.fields();
  const val = (v: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', v);
  switch (name) {
    case 'Year':
      return val(() => goInt(f.y));
    case 'Month':
      return val(() => month(f.mo));
    case 'Day':
      return val(() => goInt(f.d));
    case 'Hour':
      return val(() => goInt(f.h));
    case 'Minute':
      return val(() => goInt(f.mi));
    case 'Second':
      return val(() => goInt(f.s));
    case 'Nanosecond':
      return val(() => goInt(t.nsec));
    case 'YearDay':
      return val(() => goInt(yearDay(t)));
    case 'Weekday':
      return val(() => weekday(f.wd));
    case 'Unix':
      return val(() => goInt(t.sec, 'int64'));
    case 'UnixMilli':
      return val(() =>
        goInt(nanos(t) / 1_000_000n - (nanos(t) % 1_000_000n < 0n ? 1n : 0n), 'int64'),
      );
    case 'UnixMicro':
      return val(() => goInt(nanos(t) / 1000n - (nanos(t) % 1000n < 0n ? 1n : 0n), 'int64'));
    case 'UnixNano':
      return val(() => goInt(wrap64(nanos(t)), 'int64'));
    case 'String':
      return val(() => t.toString());
    case 'IsZero':
      return val(() => t.sec === -62135596800 && t.nsec === 0);
    case 'UTC':
    case 'Local':
      return val(() => new GoTime(t.sec, t.nsec, 0, 'UTC'));
    case 'Format':
      return fn(['string'], 'concrete', ([layout]) => formatTime(t, layout as string));
    case 'Add':
      return fn(['any'], 'concrete', ([d]) => fromNanos(nanos(t) + durationArg(d), t));
    case 'AddDate':
      return fn(['int', 'int', 'int'], 'concrete', ([y, m, d]) =>
        addDate(t, (y as GoInt).v, (m as GoInt).v, (d as GoInt).v),
      );
    case 'Sub':
      return fn(['any'], 'concrete', ([u]) => {
        const diff = nanos(t) - nanos(timeArg(u));
        const max = (1n << 63n) - 1n;
        return duration(diff > max ? max : diff < -max - 1n ? -max - 1n : diff);
      });
    case 'Before':
      return fn(['any'], 'concrete', ([u]) => nanos(t) < nanos(timeArg(u)));
    case 'After':
      return fn(['any'], 'concrete', ([u]) => nanos(t) > nanos(timeArg(u)));
    case 'Equal':
      return fn(['any'], 'concrete', ([u]) => nanos(t) === nanos(timeArg(u)));
    case 'Compare':
      return fn(['any'], 'concrete', ([u]) => {
        const a = nanos(t);
        const b = nanos(timeArg(u));
        return goInt(a < b ? -1 : a > b ? 1 : 0);
      });
    case 'Truncate':
      return fn(['any'], 'concrete', ([d]) => roundTime(t, durationArg(d), false));
    case 'Round':
      return fn(['any'], 'concrete', ([d]) => roundTime(t, durationArg(d), true));
  }
  return undefined;
}
