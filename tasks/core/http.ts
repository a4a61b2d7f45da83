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

/** An HTTP client's error and its causes (fetch puts the system error in `cause`, request in `error`). */
interface ErrorLink {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { status?: number; statusCode?: number };
}

function* chain(err: unknown): Generator<ErrorLink> {
  let e = err as (ErrorLink & { cause?: unknown; error?: unknown }) | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    yield e;
    e = (e.cause ?? e.error) as typeof e;
  }
}

const TIMEOUT_CODES =
  /^(ETIMEDOUT|ESOCKETTIMEDOUT|ECONNABORTED|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/;
const TLS = /CERT|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** Whether an HTTP client's error means "no answer in time" (fetch, request, undici). */
export function isHttpTimeout(err: unknown): boolean {
  for (const e of chain(err))
    if (e.name === 'TimeoutError' || TIMEOUT_CODES.test(String(e.code ?? ''))) return true;
  return false;
}

const failedWith = (err: unknown, codes: RegExp): boolean => {
  const links = [...chain(err)];
  // A server that answered (any status) was reached.
  if (links.some((e) => e.response?.status ?? e.response?.statusCode)) return false;
  return links.some((e) => codes.test(String(e.code ?? '')) || codes.test(String(e.message ?? '')));
};

/** The server was never reached: refused, no such host, no route, or the connection timed out. */
export const isUnreachable = (err: unknown): boolean => failedWith(err, UNREACHABLE);

/** The TLS handshake failed (a certificate not trusted, a protocol mismatch). */
export const isTlsFailure = (err: unknown): boolean => failedWith(err, TLS);

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
