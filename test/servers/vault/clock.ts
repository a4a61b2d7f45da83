// A clock that only moves when a test moves it, so token expiry and renewal caps are
// deterministic. It starts at the wall-clock second the server started.
export interface Clock {
  now(): number; // milliseconds since the epoch
  advance(seconds: number): void;
}

export function createClock(startMs = Math.floor(Date.now() / 1000) * 1000): Clock {
  let current = startMs;
  return {
    now: () => current,
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new Error(`clock.advance: seconds must be a non-negative number, got ${seconds}`);
      }
      current += Math.round(seconds * 1000);
    },
  };
}

/** Go's time.Time JSON form (RFC 3339 with trailing fractional zeros removed), always UTC. */
export function rfc3339(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const [whole, frac = ''] = iso.slice(0, -1).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}Z` : `${whole}Z`;
}
