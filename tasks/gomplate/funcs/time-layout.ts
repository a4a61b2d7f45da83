// Go's time layouts ("2006-01-02T15:04:05Z07:00"): Time.Format and time.Parse, ported
// from Go's time/format.go so that every layout element, default and error text is
// Go's. Both work on bytes (a latin1 JS string holds one byte per char), as Go does.
import { GoTime } from '../gotime.js';
import { fromBytes, toBytes } from '../gostring.js';

const enum Std {
  None,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekDay,
  WeekDay,
  Day,
  UnderDay,
  ZeroDay,
  UnderYearDay,
  ZeroYearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601SecondsTZ,
  ISO8601ShortTZ,
  ISO8601ColonTZ,
  ISO8601ColonSecondsTZ,
  NumTZ,
  NumSecondsTz,
  NumShortTZ,
  NumColonTZ,
  NumColonSecondsTZ,
  FracSecond0,
  FracSecond9,
}

interface Chunk {
  prefix: string;
  std: Std;
  suffix: string;
  /** fractional seconds: digit count and separator */
  digits?: number;
  sep?: string;
}

export const LONG_MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );
export const LONG_DAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));
const STD0X = [
  Std.ZeroMonth,
  Std.ZeroDay,
  Std.ZeroHour12,
  Std.ZeroMinute,
  Std.ZeroSecond,
  Std.Year,
];

const isDigitAt = (s: string, i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';
const lowerAt = (s: string, i: number) => i < s.length && s[i]! >= 'a' && s[i]! <= 'z';

/** Go's nextStdChunk: the text before the first layout element, the element, the rest. */
function nextStdChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, pre = i): Chunk => ({
    prefix: layout.slice(0, pre),
    std,
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const has = (w: string) => layout.startsWith(w, i);
    switch (c) {
      case 'J':
        if (has('Jan')) {
          if (has('January')) return at(i, Std.LongMonth, 7);
          if (!lowerAt(layout, i + 3)) return at(i, Std.Month, 3);
        }
        break;
      case 'M':
        if (has('Mon')) {
          if (has('Monday')) return at(i, Std.LongWeekDay, 6);
          if (!lowerAt(layout, i + 3)) return at(i, Std.WeekDay, 3);
        }
        if (has('MST')) return at(i, Std.TZ, 3);
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1]! >= '1' && layout[i + 1]! <= '6')
          return at(i, STD0X[layout.charCodeAt(i + 1) - 0x31]!, 2);
        if (has('002')) return at(i, Std.ZeroYearDay, 3);
        break;
      case '1':
        if (has('15')) return at(i, Std.Hour, 2);
        return at(i, Std.NumMonth, 1);
      case '2':
        if (has('2006')) return at(i, Std.LongYear, 4);
        return at(i, Std.Day, 1);
      case '_':
        if (has('_2')) {
          // _2006 is a literal _ and a long year
          if (has('_2006'))
            return { ...at(i + 1, Std.LongYear, 4), prefix: layout.slice(0, i + 1) };
          return at(i, Std.UnderDay, 2);
        }
        if (has('__2')) return at(i, Std.UnderYearDay, 3);
        break;
      case '3':
        return at(i, Std.Hour12, 1);
      case '4':
        return at(i, Std.Minute, 1);
      case '5':
        return at(i, Std.Second, 1);
      case 'P':
        if (has('PM')) return at(i, Std.PM, 2);
        break;
      case 'p':
        if (has('pm')) return at(i, Std.pm, 2);
        break;
      case '-':
        if (has('-070000')) return at(i, Std.NumSecondsTz, 7);
        if (has('-07:00:00')) return at(i, Std.NumColonSecondsTZ, 9);
        if (has('-0700')) return at(i, Std.NumTZ, 5);
        if (has('-07:00')) return at(i, Std.NumColonTZ, 6);
        if (has('-07')) return at(i, Std.NumShortTZ, 3);
        break;
      case 'Z':
        if (has('Z070000')) return at(i, Std.ISO8601SecondsTZ, 7);
        if (has('Z07:00:00')) return at(i, Std.ISO8601ColonSecondsTZ, 9);
        if (has('Z0700')) return at(i, Std.ISO8601TZ, 5);
        if (has('Z07:00')) return at(i, Std.ISO8601ColonTZ, 6);
        if (has('Z07')) return at(i, Std.ISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const ch = layout[i + 1]!;
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j))
            return {
              prefix: layout.slice(0, i),
              std: ch === '0' ? Std.FracSecond0 : Std.FracSecond9,
              suffix: layout.slice(j),
              digits: j - (i + 1),
              sep: c,
            };
        }
        break;
    }
  }
  return { prefix: layout, std: Std.None, suffix: '' };
}

/** Go's appendInt: at least `width` digits, a minus sign before them. */
function appendInt(x: number, width: number): string {
  const neg = x < 0;
  const d = String(Math.abs(x)).padStart(width, '0');
  return neg ? '-' + d : d;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
}

/** Seconds since the epoch of a civil date-time (proleptic Gregorian, any year). */
export function civilToUnix(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, 0);
  return Math.floor(dt.getTime() / 1000);
}

function appendNano(nsec: number, std: Std, digits: number, sep: string): string {
  const trim = std === Std.FracSecond9;
  if (trim && (digits === 0 || nsec === 0)) return '';
  let b = sep + String(nsec).padStart(9, '0');
  if (digits < 9) b = b.slice(0, 1 + digits);
  if (trim) {
    b = b.replace(/0+$/, '');
    if (b === sep) b = '';
  }
  return b;
}

/** Time.Format(layout). */
export function formatTime(t: GoTime, layoutText: string): string {
  let layout = Buffer.from(toBytes(layoutText)).toString('latin1');
  const f = t.fields();
  const yday = Math.round((civilToUnix(f.y, f.mo, f.d) - civilToUnix(f.y, 1, 1)) / 86400) + 1;
  let out = '';
  for (;;) {
    const c = nextStdChunk(layout);
    out += c.prefix;
    if (c.std === Std.None) break;
    layout = c.suffix;
    out += formatStd(t, f, yday, c);
  }
  return fromBytes(Buffer.from(out, 'latin1'));
}

function formatStd(t: GoTime, f: ReturnType<GoTime['fields']>, yday: number, c: Chunk): string {
  switch (c.std) {
    case Std.Year:
      return appendInt(((f.y % 100) + 100) % 100, 2);
    case Std.LongYear:
      return appendInt(f.y, 4);
    case Std.Month:
      return SHORT_MONTHS[f.mo - 1]!;
    case Std.LongMonth:
      return LONG_MONTHS[f.mo - 1]!;
    case Std.NumMonth:
      return appendInt(f.mo, 0);
    case Std.ZeroMonth:
      return appendInt(f.mo, 2);
    case Std.WeekDay:
      return SHORT_DAYS[f.wd]!;
    case Std.LongWeekDay:
      return LONG_DAYS[f.wd]!;
    case Std.Day:
      return appendInt(f.d, 0);
    case Std.UnderDay:
      return (f.d < 10 ? ' ' : '') + appendInt(f.d, 0);
    case Std.ZeroDay:
      return appendInt(f.d, 2);
    case Std.UnderYearDay:
      return (yday < 100 ? ' ' : '') + (yday < 10 ? ' ' : '') + appendInt(yday, 0);
    case Std.ZeroYearDay:
      return appendInt(yday, 3);
    case Std.Hour:
      return appendInt(f.h, 2);
    case Std.Hour12:
      return appendInt(f.h % 12 === 0 ? 12 : f.h % 12, 0);
    case Std.ZeroHour12:
      return appendInt(f.h % 12 === 0 ? 12 : f.h % 12, 2);
    case Std.Minute:
      return appendInt(f.mi, 0);
    case Std.ZeroMinute:
      return appendInt(f.mi, 2);
    case Std.Second:
      return appendInt(f.s, 0);
    case Std.ZeroSecond:
      return appendInt(f.s, 2);
    case Std.PM:
      return f.h >= 12 ? 'PM' : 'AM';
    case Std.pm:
      return f.h >= 12 ? 'pm' : 'am';
    case Std.ISO8601TZ:
    case Std.ISO8601ColonTZ:
    case Std.ISO8601SecondsTZ:
    case Std.ISO8601ShortTZ:
    case Std.ISO8601ColonSecondsTZ:
    case Std.NumTZ:
    case Std.NumColonTZ:
    case Std.NumSecondsTz:
    case Std.NumShortTZ:
    case Std.NumColonSecondsTZ: {
      const iso = c.std >= Std.ISO8601TZ && c.std <= Std.ISO8601ColonSecondsTZ;
      if (iso && t.offset === 0) return 'Z';
      const colon = [
        Std.ISO8601ColonTZ,
        Std.NumColonTZ,
        Std.ISO8601ColonSecondsTZ,
        Std.NumColonSecondsTZ,
      ].includes(c.std);
      const short = c.std === Std.NumShortTZ || c.std === Std.ISO8601ShortTZ;
      const secs = [
        Std.ISO8601SecondsTZ,
        Std.NumSecondsTz,
        Std.NumColonSecondsTZ,
        Std.ISO8601ColonSecondsTZ,
      ].includes(c.std);
      let zone = Math.trunc(t.offset / 60);
      let abs = t.offset;
      let b = '+';
      if (zone < 0) {
        b = '-';
        zone = -zone;
        abs = -abs;
      }
      b += appendInt(Math.trunc(zone / 60), 2);
      if (colon) b += ':';
      if (!short) b += appendInt(zone % 60, 2);
      if (secs) b += (colon ? ':' : '') + appendInt(abs % 60, 2);
      return b;
    }
    case Std.TZ: {
      if (t.zone !== '') return t.zone;
      let zone = Math.trunc(t.offset / 60);
      let b = '+';
      if (zone < 0) {
        b = '-';
        zone = -zone;
      }
      return b + appendInt(Math.trunc(zone / 60), 2) + appendInt(zone % 60, 2);
    }
    case Std.FracSecond0:
    case Std.FracSecond9:
      return appendNano(t.nsec, c.std, c.digits!, c.sep!);
  }
  return '';
}

/** time's own quote: ASCII kept (with \" and \\), every other byte as \xNN. */
export function timeQuote(latin1: string): string {
  let b = '"';
  for (const ch of latin1) {
    const c = ch.charCodeAt(0);
    if (c >= 0x80 || c < 0x20) b += '\\x' + c.toString(16).padStart(2, '0');
    else b += (ch === '"' || ch === '\\' ? '\\' : '') + ch;
  }
  return b + '"';
}

/** time.ParseError's text. */
export class TimeParseError extends Error {}

function parseError(layout: string, value: string, le: string, ve: string, msg = ''): Error {
  const text = msg
    ? `parsing time ${timeQuote(value)}${msg}`
    : `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(ve)} as ${timeQuote(le)}`;
  return new TimeParseError(fromBytes(Buffer.from(text, 'latin1')));
}

class Bad extends Error {}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  while (i < 3 && isDigitAt(s, i)) n = n * 10 + Number(s[i++]);
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

/** Go's leadingInt: digits at the start (overflow → error). */
export function leadingInt(s: string): [bigint, string] {
  let i = 0;
  let x = 0n;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c < '0' || c > '9') break;
    if (x > (1n << 63n) / 10n) throw new Bad();
    x = x * 10n + BigInt(c.charCodeAt(0) - 48);
    if (x > 1n << 63n) throw new Bad();
  }
  return [x, s.slice(i)];
}

/** time's atoi: an optional sign and digits, nothing else. */
function atoi(s: string): number {
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const [q, rem] = leadingInt(s);
  if (rem !== '') throw new Bad();
  return neg && q !== 0n ? -Number(q) : Number(q);
}

function lookup(tab: string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase())
      return [i, val.slice(v.length)];
  }
  throw new Bad();
}

function skip(value: string, prefix: string): [string, boolean] {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return [value, false];
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}

function parseNanoseconds(value: string, nbytes: number): [number, string] {
  if (value[0] !== '.' && value[0] !== ',') throw new Bad();
  if (nbytes > 10) nbytes = 10;
  const ns = atoi(value.slice(1, nbytes));
  if (ns < 0) return [0, 'fractional second'];
  return [ns * 10 ** (10 - nbytes), ''];
}

function parseSignedOffset(value: string): number {
  if (value[0] !== '-' && value[0] !== '+') return 0;
  let x: bigint;
  let rem: string;
  try {
    [x, rem] = leadingInt(value.slice(1));
  } catch {
    return 0;
  }
  if (rem === value.slice(1) || x > 12n) return 0;
  return value.length - rem.length;
}

function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT'))
    return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n]! >= 'A' && value[n]! <= 'Z') n++;
  if (n === 3) return 3;
  if (n === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (n === 5 && value[4] === 'T') return 5;
  return 0;
}

/** A fixed location: its name ('' prints the offset) and offset east of UTC. */
export interface Location {
  name: string;
  offset: number;
}

export const UTC: Location = { name: 'UTC', offset: 0 };

/**
 * time.ParseInLocation (Parse is loc = UTC). The local zone is UTC (the engine's
 * assumption, as in containers and CI), so a UTC offset or name takes `loc`.
 */
export function parseTime(layoutText: string, valueText: string, loc: Location): GoTime {
  const alayout = Buffer.from(toBytes(layoutText)).toString('latin1');
  const avalue = Buffer.from(toBytes(valueText)).toString('latin1');
  let layout = alayout;
  let value = avalue;
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | undefined;
  let zoneOffset = -1;
  let zoneName = '';
  for (;;) {
    const chunk = nextStdChunk(layout);
    const { prefix, std, suffix } = chunk;
    const stdstr = layout.slice(prefix.length, layout.length - suffix.length);
    const [v, ok] = skip(value, prefix);
    value = v;
    if (!ok) throw parseError(alayout, avalue, prefix, value);
    if (std === Std.None) {
      if (value.length !== 0)
        throw parseError(alayout, avalue, '', value, `: extra text: ${timeQuote(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let rangeErr = '';
    try {
      switch (std) {
        case Std.Year: {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          year = atoi(p);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case Std.LongYear: {
          if (value.length < 4 || !isDigitAt(value, 0)) throw new Bad();
          const p = value.slice(0, 4);
          value = value.slice(4);
          year = atoi(p);
          break;
        }
        case Std.Month:
          [month, value] = lookup(SHORT_MONTHS, value);
          month++;
          break;
        case Std.LongMonth:
          [month, value] = lookup(LONG_MONTHS, value);
          month++;
          break;
        case Std.NumMonth:
        case Std.ZeroMonth:
          [month, value] = getnum(value, std === Std.ZeroMonth);
          if (month <= 0 || month > 12) rangeErr = 'month';
          break;
        case Std.WeekDay:
          value = lookup(SHORT_DAYS, value)[1];
          break;
        case Std.LongWeekDay:
          value = lookup(LONG_DAYS, value)[1];
          break;
        case Std.Day:
        case Std.UnderDay:
        case Std.ZeroDay:
          if (std === Std.UnderDay && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, std === Std.ZeroDay);
          break;
        case Std.UnderYearDay:
        case Std.ZeroYearDay:
          for (let i = 0; i < 2; i++)
            if (std === Std.UnderYearDay && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, std === Std.ZeroYearDay);
          break;
        case Std.Hour:
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = 'hour';
          break;
        case Std.Hour12:
        case Std.ZeroHour12:
          [hour, value] = getnum(value, std === Std.ZeroHour12);
          if (hour < 0 || hour > 12) rangeErr = 'hour';
          break;
        case Std.Minute:
        case Std.ZeroMinute:
          [min, value] = getnum(value, std === Std.ZeroMinute);
          if (min < 0 || min >= 60) rangeErr = 'minute';
          break;
        case Std.Second:
        case Std.ZeroSecond: {
          [sec, value] = getnum(value, std === Std.ZeroSecond);
          if (sec < 0 || sec >= 60) {
            rangeErr = 'second';
            break;
          }
          // a fraction in the value but none in the layout is taken anyway
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
            const next = nextStdChunk(layout).std;
            if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            [nsec, rangeErr] = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case Std.PM:
        case Std.pm: {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [P, A] = std === Std.PM ? ['PM', 'AM'] : ['pm', 'am'];
          if (p === P) pmSet = true;
          else if (p === A) amSet = true;
          else throw new Bad();
          break;
        }
        case Std.ISO8601TZ:
        case Std.ISO8601ShortTZ:
        case Std.ISO8601ColonTZ:
        case Std.ISO8601SecondsTZ:
        case Std.ISO8601ColonSecondsTZ:
        case Std.NumTZ:
        case Std.NumShortTZ:
        case Std.NumColonTZ:
        case Std.NumSecondsTz:
        case Std.NumColonSecondsTZ: {
          if (std <= Std.ISO8601ColonSecondsTZ && value[0] === 'Z') {
            value = value.slice(1);
            z = UTC;
            break;
          }
          let parts: [string, string, string, string];
          if (std === Std.ISO8601ColonTZ || std === Std.NumColonTZ) {
            if (value.length < 6 || value[3] !== ':') throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), '00'];
            value = value.slice(6);
          } else if (std === Std.NumShortTZ || std === Std.ISO8601ShortTZ) {
            if (value.length < 3) throw new Bad();
            parts = [value[0]!, value.slice(1, 3), '00', '00'];
            value = value.slice(3);
          } else if (std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ) {
            if (value.length < 9 || value[3] !== ':' || value[6] !== ':') throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9)];
            value = value.slice(9);
          } else if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz) {
            if (value.length < 7) throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7)];
            value = value.slice(7);
          } else {
            if (value.length < 5) throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), '00'];
            value = value.slice(5);
          }
          // Go reads on after a bad field (as 0) so that a range error still wins
          let bad = false;
          const num = (p: string) => {
            if (bad) return 0;
            try {
              return getnum(p, true)[0];
            } catch {
              bad = true;
              return 0;
            }
          };
          const hr = num(parts[1]);
          const mm = num(parts[2]);
          const ss = num(parts[3]);
          if (hr > 24) rangeErr = 'time zone offset hour';
          if (mm > 60) rangeErr = 'time zone offset minute';
          if (ss > 60) rangeErr = 'time zone offset second';
          zoneOffset = (hr * 60 + mm) * 60 + ss;
          if (parts[0] === '-') zoneOffset = -zoneOffset;
          else if (parts[0] !== '+') bad = true;
          if (bad) throw new Bad();
          break;
        }
        case Std.TZ: {
          if (value.startsWith('UTC')) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw new Bad();
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case Std.FracSecond0: {
          const ndigit = 1 + chunk.digits!;
          if (value.length < ndigit) throw new Bad();
          [nsec, rangeErr] = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case Std.FracSecond9: {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1))
            break;
          let i = 0;
          while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
          [nsec, rangeErr] = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      if (rangeErr === '') throw parseError(alayout, avalue, stdstr, hold);
    }
    if (rangeErr !== '')
      throw parseError(alayout, avalue, stdstr, value, `: ${rangeErr} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365)
      throw parseError(alayout, avalue, '', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m]! < yday) m++;
      d = yday - DAYS_BEFORE[m - 1]!;
    }
    if (month >= 0 && month !== m)
      throw parseError(alayout, avalue, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d)
      throw parseError(alayout, avalue, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year))
    throw parseError(alayout, avalue, '', value, ': day out of range');

  const wall = civilToUnix(year, month, day, hour, min, sec);
  const name = (s: string) => fromBytes(Buffer.from(s, 'latin1'));
  if (z) return inLoc(wall - z.offset, nsec, z);
  if (zoneOffset !== -1) {
    const sec = wall - zoneOffset;
    // the local zone (UTC) with this offset and name: it is `loc`'s rule for Local
    if (zoneOffset === 0 && (zoneName === '' || zoneName === 'UTC'))
      return new GoTime(sec, nsec, 0, 'UTC');
    return new GoTime(sec, nsec, zoneOffset, name(zoneName));
  }
  if (zoneName !== '') {
    if (zoneName === 'UTC') return new GoTime(wall, nsec, 0, 'UTC');
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = atoi(zoneName.slice(3)) * 3600;
    // Go keeps the UTC instant and only labels it with the GMT offset
    return new GoTime(wall, nsec, offset, name(zoneName));
  }
  return inLoc(wall - loc.offset, nsec, loc);
}

function inLoc(sec: number, nsec: number, loc: Location): GoTime {
  return new GoTime(sec, nsec, loc.offset, loc.name);
}
