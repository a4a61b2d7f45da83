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

export interface HttpRequest {
  /** who answers, for messages ("the JupyterHub API") */
  service: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** sent as JSON */
  body?: unknown;
  /** where the service is, for the "cannot reach" message (default: the URL's origin) */
  at?: string;
  /** the hint when the service cannot be reached */
  unreachableHint?: string;
}

export interface HttpAnswer {
  status: number;
  /** the parsed JSON body; a non-JSON body as { message } */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/**
 * One bounded JSON request (the only `fetch` of the project). Any HTTP status is an
 * answer; only "no answer" (timeout, refused) is an error, naming the service.
 */
export async function httpJson(req: HttpRequest, timeoutMs: number): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: {
        ...req.headers,
        ...(req.body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if (isHttpTimeout(err)) throw httpTimeoutError(req.service, req.url, timeoutMs);
    throw new TaskError(
      `cannot reach ${req.service} at ${req.at ?? new URL(req.url).origin} (${(err as Error).cause ?? (err as Error).message})`,
      req.unreachableHint,
    );
  }
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = { message: text.slice(0, 200) };
  }
  return { status: res.status, json };
}
