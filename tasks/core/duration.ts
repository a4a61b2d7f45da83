/**
 * Go durations as the old recipes and Vault accept them: `90s`, `5m`, `1h30m`,
 * `24h`, `1.5h`, or a plain number of seconds (`3600`). Returns whole seconds,
 * or undefined when the text is not a duration.
 */
const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  let matched = false;
  while (index < s.length) {
    part.lastIndex = index;
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    index = part.lastIndex;
    matched = true;
  }
  return matched ? Math.floor(total) : undefined;
}

/** `86400` → `24h`, `5400` → `1h30m` — for summaries. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
