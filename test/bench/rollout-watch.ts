// When did the hub and proxy Deployments become ready, as a `kubectl get -w` saw it? The
// bench runs the watch beside an install on the real stack and stamps each line as it
// arrives; these functions turn the lines into the moment the wait could have returned.

/** The `-o jsonpath` template: one line per watch event, fields split by `|`. */
export const WATCH_TEMPLATE =
  '{.metadata.name}|{.metadata.generation}|{.status.observedGeneration}|{.spec.replicas}' +
  '|{.status.replicas}|{.status.updatedReplicas}|{.status.availableReplicas}{"\\n"}';

export interface DeploymentEvent {
  /** when the bench read the line (ms, its monotonic clock) */
  at: number;
  name: string;
  /** rolled out as `kubectl rollout status` judges it */
  complete: boolean;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? 0 : Number(s));

/** One watch line (WATCH_TEMPLATE) read at `at`; undefined for a line of another shape. */
export function parseWatchLine(line: string, at: number): DeploymentEvent | undefined {
  const f = line.trim().split('|');
  if (f.length !== 7 || !f[0]) return undefined;
  const [name, generation, observed, wanted, replicas, updated, available] = f;
  // kubectl's rollout status rule: the controller saw this generation, every replica is of
  // it, no old replica is left, every updated one is available. spec.replicas unset is 1.
  const want = wanted === '' ? 1 : num(wanted);
  const complete =
    num(observed) >= num(generation) &&
    num(updated) >= want &&
    num(replicas) <= num(updated) &&
    num(available) >= num(updated);
  return { at, name: name!, complete };
}

export interface ReadyLatency {
  /** when the last of `names` became (and stayed) rolled out; undefined: never seen */
  readyAt?: number;
  /** every one of `names` was rolled out for good before the wait began */
  alreadyReady: boolean;
  /**
   * waitReturnedAt − max(readyAt, waitStartedAt); negative when the bench's own watch
   * (a process as slow to be scheduled as the wait's) saw it after the wait returned
   */
  latencyMs?: number;
}

/** How late the bench's watch may see what the wait saw (both are kubectl processes). */
export const WATCH_SLACK_MS = 1000;

/**
 * The moment every named Deployment was rolled out for good — each one's last transition
 * to complete with no incomplete event after it — and how long after that (or after the
 * wait began, when they never stopped being ready) the wait returned. Events up to
 * WATCH_SLACK_MS after the return count.
 */
export function readyLatency(
  events: readonly DeploymentEvent[],
  names: readonly string[],
  waitStartedAt: number,
  waitReturnedAt: number,
): ReadyLatency {
  let readyAt = -Infinity;
  for (const name of names) {
    const mine = events.filter((e) => e.name === name && e.at <= waitReturnedAt + WATCH_SLACK_MS);
    const last = mine.at(-1);
    if (!last?.complete) return { alreadyReady: false };
    // The start of the final run of complete events is when this one became ready.
    let i = mine.length - 1;
    while (i > 0 && mine[i - 1]!.complete) i--;
    // Complete since the watch began: ready before anything here happened.
    if (i > 0) readyAt = Math.max(readyAt, mine[i]!.at);
  }
  const alreadyReady = readyAt <= waitStartedAt;
  const from = alreadyReady ? waitStartedAt : readyAt;
  return {
    ...(Number.isFinite(readyAt) && { readyAt }),
    alreadyReady,
    latencyMs: waitReturnedAt - from,
  };
}
