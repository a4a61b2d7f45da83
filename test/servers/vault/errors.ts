// Vault answers every error as {"errors": [...]}. The exact strings below are what Vault 1.17
// sends (checked against Vault's source and recorded responses), because clients and the
// project's error mapping read them.
export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly body?: Record<string, unknown>, // a full body instead of {errors} (KV 404 with metadata)
  ) {
    super(errors.join('; ') || `HTTP ${status}`);
  }
}

/** No token at all. */
export const MISSING_TOKEN = 'permission denied';
/** Unknown, revoked or expired token (Vault >= 1.15 adds "invalid token"; shape of go-multierror). */
export const INVALID_TOKEN = '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n';
/** A valid token whose policies do not allow the operation. */
export const ACL_DENIED = '1 error occurred:\n\t* permission denied\n\n';

export const badRequest = (message: string) => new VaultError(400, [message]);
export const forbidden = (message: string) => new VaultError(403, [message]);
/** Vault's answer when a read finds nothing: 404 with an empty errors list. */
export const notFound = () => new VaultError(404, []);
export const unsupportedPath = () => new VaultError(404, ['unsupported path']);
export const unsupportedOperation = () => new VaultError(405, ['unsupported operation']);
export const sealedError = () => new VaultError(503, ['Vault is sealed']);
export const noRoute = (path: string) =>
  new VaultError(404, [`no handler for route "${path}". route entry not found.`]);
