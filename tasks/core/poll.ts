import { CommandError } from './errors.js';

export interface PollOptions<T> {
  timeoutMs: number;
  /** first interval; doubles up to maxIntervalMs */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** one look: the result when done, undefined when not yet */
  attempt: () => Promise<T | undefined>;
  /** the error for a wait that ran out, given the last attempt's error if it failed */
  timedOut: (lastError: Error | undefined) => Error;
  /** which errors are worth another look; by default a command that failed (kubectl, helm) */
  transient?: (err: unknown) => boolean;
}

/**
 * A bounded wait. A transient failure inside it (an API server that restarts, a
 * dropped connection) is looked at again until the wait's own deadline, not fatal at
 * the first hiccup; the last look happens at the deadline, and if it failed, the
 * final error says why.
 */
export async function pollUntil<T>(o: PollOptions<T>): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  const transient = o.transient ?? ((err: unknown) => err instanceof CommandError);
  let interval = o.intervalMs ?? 1000;
  for (;;) {
    let lastError: Error | undefined;
    try {
      const result = await o.attempt();
      if (result !== undefined) return result;
    } catch (err) {
      if (!transient(err)) throw err;
      lastError = err as Error;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw o.timedOut(lastError);
    await new Promise((r) => setTimeout(r, Math.min(interval, left)));
    interval = Math.min(interval * 2, o.maxIntervalMs ?? 5000);
  }
}
