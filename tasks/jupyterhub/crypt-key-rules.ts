import { kernelRandomBytes } from '../utils/random.js';

/**
 * What JupyterHub's CryptKeeper takes as a key (jupyterhub/crypto.py, `_validate_key`):
 * 32 bytes, written as 64 hex characters, as 44 characters of base64 (URL-safe or
 * standard, padded), or as 32 ASCII characters taken as they are. A refused key stops
 * the hub at start-up, so every key is checked before it is written.
 */
export const KEY_RULE =
  'CryptKeeper takes 32 bytes: 64 hex characters (what new keys are), 44 characters of base64, or 32 ASCII characters';

const HEX64 = /^[0-9a-fA-F]{64}$/;
// 43 base64 characters and one `=`: 32 bytes. (CryptKeeper's decoder also skips stray
// characters; a key relying on that is refused here, the stricter reading.)
const BASE64_32 = /^[A-Za-z0-9+/_-]{43}=$/;
const ASCII = /^[\x00-\x7f]*$/;

/** Why CryptKeeper would refuse this key (its length, never its value), or undefined. */
export function keyProblem(key: string): string | undefined {
  if (!ASCII.test(key)) return 'not ASCII';
  if (key.length === 64) return HEX64.test(key) ? undefined : '64 characters, not all hex';
  if (key.length === 44)
    return BASE64_32.test(key) ? undefined : '44 characters, not base64 of 32 bytes';
  if (key.length === 32) return undefined;
  return `${key.length} characters`;
}

export const isValidKey = (key: string): boolean => keyProblem(key) === undefined;

/**
 * The keys of a stored value: `;`-separated, blanks around them ignored, empty ones
 * skipped. The hub reads the value the same way (the extraConfig snippet `crypt-keys`).
 */
export const splitKeys = (value: string): string[] =>
  value
    .split(';')
    .map((k) => k.trim())
    .filter(Boolean);

/** A new key: 32 random bytes, hex. */
export const newCryptKey = (): string => kernelRandomBytes(32).toString('hex');

/** "key 2 of 3 (48 characters)" for each refused key; empty when all are valid. */
export function refusedKeys(keys: readonly string[]): string[] {
  return keys.flatMap((k, i) => {
    const why = keyProblem(k);
    return why ? [`key ${i + 1} of ${keys.length} (${why})`] : [];
  });
}
