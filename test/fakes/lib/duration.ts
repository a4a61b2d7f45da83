// Go's time.ParseDuration, for --timeout / --request-timeout / -increment values: the real
// CLIs reject "20" (no unit) and "5 m", so the fakes must too.
const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or an error text exactly as Go's time package words it. */
export function parseGoDuration(text: string): number | { error: string } {
  const bad = { error: `time: invalid duration "${text}"` };
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return bad;
  let total = 0;
  while (rest) {
    const m = /^(\d*\.?\d*)([a-zµμ]*)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return bad;
    if (m[2] === '') return { error: `time: missing unit in duration "${text}"` };
    if (!(m[2] in UNITS)) return { error: `time: unknown unit "${m[2]}" in duration "${text}"` };
    total += Number(m[1]) * UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** kubectl's --request-timeout also takes a bare number of seconds. */
export function parseRequestTimeout(text: string): number | { error: string } {
  return /^\d+$/.test(text) ? Number(text) * 1000 : parseGoDuration(text);
}
