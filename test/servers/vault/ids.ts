import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62 string, the character set of Vault's token ids and accessors. */
export function base62(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    if (bytes[i] < 248) out += ALPHABET[bytes[i] % 62]; // 248 = 4*62: no modulo bias
  }
  return out.length === length ? out : out + base62(length - out.length);
}

/** A service token id in Vault's current "hvs." form. */
export const newTokenId = () => `hvs.${base62(24)}`;
export const newAccessor = () => base62(24);
