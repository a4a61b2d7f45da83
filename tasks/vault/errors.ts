import { httpTimeoutError, isHttpTimeout, TaskError } from '../core/index.js';

interface NodeVaultError {
  message?: string;
  code?: string;
  response?: { statusCode?: number; body?: { errors?: unknown[] } };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO|SSL/;
const UNREACHABLE_CODES =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH/;

/**
 * Vault's `errors` list as one line. Vault wraps several errors in a
 * multi-line text ("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n").
 */
export function vaultErrorDetail(err: unknown): string {
  const errors = (err as NodeVaultError)?.response?.body?.errors ?? [];
  return errors
    .flatMap((e) => String(e).split('\n'))
    .map((line) => line.replace(/^\s*\*\s*/, '').trim())
    .filter((line) => line && !/^\d+ errors? occurred:$/.test(line))
    .join('; ');
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * One clear line per Vault failure class. The request's own error objects
 * carry the token in their config, so they are never shown as they are.
 */
export function vaultError(
  err: unknown,
  addr: string,
  what: string,
  timeoutMs?: number,
): TaskError {
  if (timeoutMs && isHttpTimeout(err)) return httpTimeoutError('Vault', addr, timeoutMs, what);
  const e = (err ?? {}) as NodeVaultError;
  const status = e.response?.statusCode;
  const detail = vaultErrorDetail(err);
  const why = detail ? `: ${detail}` : '';
  if (status === 403) {
    return new TaskError(
      `Vault denied ${what} (403${why || ': permission denied'})`,
      'the token is missing, expired or lacks a policy for this path',
    );
  }
  if (status === 404)
    return new TaskError(
      `Vault could not ${what}: not found (404${why})`,
      'check the path; KV secrets live under mount secret/',
    );
  if (status === 503) {
    const sealed = /sealed/i.test(detail);
    return new TaskError(
      `Vault at ${addr} is ${sealed ? 'sealed' : 'unavailable'} (503${why})`,
      sealed ? 'unseal it, then run again' : undefined,
    );
  }
  if (status === 400) return new TaskError(`Vault rejected ${what} (400${why})`);
  if (status) return new TaskError(`Vault answered ${status} to ${what}${why}`);
  const code = e.code ?? '';
  if (TLS_CODES.test(code)) {
    return new TaskError(
      `TLS error talking to Vault at ${addr} (${code})`,
      'set VAULT_CACERT to the CA file, or VAULT_SKIP_VERIFY=true for a test instance',
    );
  }
  if (UNREACHABLE_CODES.test(code)) {
    return new TaskError(
      `cannot reach Vault at ${addr} (${code})`,
      'check VAULT_HOST/VAULT_ADDR, or run `npx tasks utils:check-connection`',
    );
  }
  if (code === 'ECONNABORTED')
    return new TaskError(`Vault at ${addr} did not answer in time (${what})`);
  return new TaskError(`Vault request failed (${what}): ${oneLine(e.message ?? String(err))}`);
}

export const isNotFound = (err: unknown): boolean =>
  (err as NodeVaultError)?.response?.statusCode === 404;
