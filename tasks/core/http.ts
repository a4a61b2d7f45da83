import { TaskError } from './errors.js';

/**
 * Every HTTP call of a run (Vault, Keycloak, the hub API) is bounded by one timeout,
 * TASKS_HTTP_TIMEOUT seconds (default 30): a server that accepts and never answers
 * costs that long, not the five minutes of fetch's header timeout.
 */
export const DEFAULT_HTTP_TIMEOUT_S = 30;

export function httpTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.TASKS_HTTP_TIMEOUT?.trim();
  if (!raw) return DEFAULT_HTTP_TIMEOUT_S * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new TaskError(
      `TASKS_HTTP_TIMEOUT must be a positive number of seconds (got "${raw}")`,
      'fix it in the environment',
    );
  return Math.round(seconds * 1000);
}

const TIMEOUT_CODES =
  /^(ETIMEDOUT|ESOCKETTIMEDOUT|ECONNABORTED|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;

/** Whether an HTTP client's error means "no answer in time" (fetch, request, undici). */
export function isHttpTimeout(err: unknown): boolean {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (let e = err as any, depth = 0; e && depth < 4; e = e.cause ?? e.error, depth++) {
    if (e.name === 'TimeoutError' || TIMEOUT_CODES.test(String(e.code ?? ''))) return true;
  }
  return false;
}

/** The one message for a call that got no answer: the service, its URL, the bound. */
export function httpTimeoutError(
  service: string,
  url: string,
  ms: number,
  what?: string,
): TaskError {
  return new TaskError(
    `${service} at ${url} did not answer within ${ms / 1000}s${what ? ` (${what})` : ''}`,
    `check that ${service} is up and reachable from here; TASKS_HTTP_TIMEOUT sets the bound in seconds`,
  );
}
