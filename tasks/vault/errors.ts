import { TaskError } from '../core/errors.js';

interface NodeVaultError {
  message?: string;
  code?: string;
  response?: { statusCode?: number; body?: { errors?: string[] } };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO/;

/**
 * One clear line per Vault failure class. The request's own error objects
 * carry the token in their config, so they are never shown as they are.
 */
export function vaultError(err: unknown, addr: string, what: string): TaskError {
  const e = (err ?? {}) as NodeVaultError;
  const status = e.response?.statusCode;
  const detail = e.response?.body?.errors?.filter(Boolean).join('; ');
  if (status === 403) {
    return new TaskError(`Vault denied ${what} (403 permission denied)`, 'the token is missing, expired or lacks a policy for this path');
  }
  if (status === 404) return new TaskError(`Vault has nothing at ${what} (404)`);
  if (status === 503) return new TaskError(`Vault at ${addr} is sealed or unavailable (503)`, 'unseal it, then run again');
  if (status === 400) return new TaskError(`Vault rejected ${what} (400${detail ? `: ${detail}` : ''})`);
  if (status) return new TaskError(`Vault answered ${status} to ${what}${detail ? `: ${detail}` : ''}`);
  const code = e.code ?? '';
  if (TLS_CODES.test(code)) {
    return new TaskError(`TLS error talking to Vault at ${addr} (${code})`, 'set VAULT_CACERT to the CA file, or VAULT_SKIP_VERIFY=true for a test instance');
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH/.test(code)) {
    return new TaskError(`cannot reach Vault at ${addr} (${code})`, 'check VAULT_HOST/VAULT_ADDR, or run `npx tasks utils:check-connection`');
  }
  return new TaskError(`Vault request failed (${what}): ${e.message ?? String(err)}`);
}

export const isNotFound = (err: unknown): boolean => (err as NodeVaultError)?.response?.statusCode === 404;
export const isUnreachable = (err: unknown): boolean =>
  !(err as NodeVaultError)?.response && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH/.test((err as NodeVaultError)?.code ?? '');
