// Vault's duration fields (parseutil.ParseDurationSecond): a number of seconds, a string of
// digits (seconds), or a Go duration string such as "24h" or "1h30m" (Vault also takes "d").
// Results are whole seconds, like Vault's TTL fields.

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
};

export class DurationError extends Error {}

/** Go's time.ParseDuration (plus Vault's "d"), returning nanoseconds. */
function parseGoDuration(input: string): number {
  const bad = () => new DurationError(`time: invalid duration "${input}"`);
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad();
  let total = 0;
  const part = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h|d)/;
  while (s !== '') {
    const m = part.exec(s);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*\.?\d*$/.test(s))
        throw new DurationError(`time: missing unit in duration "${input}"`);
      throw bad();
    }
    total += Number(m[1]) * UNIT_NS[m[2]];
    s = s.slice(m[0].length);
  }
  return sign * total;
}

/** Parses a Vault duration field to whole seconds; throws DurationError with Go's messages. */
export function parseDurationSeconds(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DurationError(`invalid duration ${value}`);
    return Math.trunc(value);
  }
  if (typeof value === 'boolean') throw new DurationError(`could not parse duration from boolean`);
  if (typeof value !== 'string') throw new DurationError(`could not parse duration`);
  const s = value.trim();
  if (/^[+-]?\d+$/.test(s)) return parseInt(s, 10);
  if (/(ns|us|µs|μs|ms|s|m|h|d)$/.test(s)) return Math.trunc(parseGoDuration(s) / 1e9);
  throw new DurationError(`strconv.ParseInt: parsing "${s}": invalid syntax`);
}

/** Go's time.Duration.String() for whole seconds: 768h0m0s, 1h30m0s, 59m50s, 5s, 0s. */
export function goDuration(seconds: number): string {
  const neg = seconds < 0 ? '-' : '';
  let s = Math.abs(Math.trunc(seconds));
  if (s === 0) return '0s';
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${neg}${h}h${m}m${s}s`;
  if (m > 0) return `${neg}${m}m${s}s`;
  return `${neg}${s}s`;
}

/** Vault's humanDuration used in TTL warnings: "768h", "1h30m", "167h59m50s". */
export function humanDuration(seconds: number): string {
  let s = goDuration(seconds);
  if (s === '0s') return s;
  if (s.endsWith('m0s')) s = s.slice(0, -2);
  const idx = s.indexOf('h0m');
  if (idx > 0) s = s.slice(0, idx + 1) + s.slice(idx + 3);
  return s;
}
