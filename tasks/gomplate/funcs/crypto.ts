// gomplate's crypto namespace, the deterministic part: SHA hashes (hex and bytes), PBKDF2
// and WPAPSK, on Node's crypto.
import { createHash, pbkdf2Sync } from 'node:crypto';
import { type GoValue, goInt } from '../values.js';
import { byteSlice, valueBytes } from './base64.js';
import { toInt64 } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

const HASHES: Record<string, string> = {
  SHA1: 'sha1',
  SHA224: 'sha224',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
  SHA512_224: 'sha512-224',
  SHA512_256: 'sha512-256',
};

/** gomplate's StrToHash names. */
function hashName(s: string): string {
  const names: Record<string, string[]> = {
    SHA1: ['SHA1', 'SHA-1'],
    SHA224: ['SHA224', 'SHA-224'],
    SHA256: ['SHA256', 'SHA-256'],
    SHA384: ['SHA384', 'SHA-384'],
    SHA512: ['SHA512', 'SHA-512'],
    SHA512_224: ['SHA512_224', 'SHA512/224', 'SHA-512_224', 'SHA-512/224'],
    SHA512_256: ['SHA512_256', 'SHA512/256', 'SHA-512_256', 'SHA-512/256'],
  };
  for (const [k, aliases] of Object.entries(names)) if (aliases.includes(s)) return HASHES[k]!;
  throw new FuncError(`no such hash ${s}`);
}

const digest = (alg: string, v: unknown) =>
  createHash(alg)
    .update(valueBytes(v as GoValue))
    .digest();

function toIntArg(v: unknown, what: string): number {
  try {
    return Number(toInt64(v as GoValue));
  } catch (e) {
    throw new FuncError(`${what} must be an integer: ${(e as Error).message}`);
  }
}

function pbkdf2(
  password: unknown,
  salt: unknown,
  iter: unknown,
  keylen: unknown,
  alg: string,
): string {
  const i = toIntArg(iter, 'iter');
  const kl = toIntArg(keylen, 'keylen');
  // Go's pbkdf2.Key: at least one round whatever iter says; the message's typo is Go's
  if (kl <= 0) throw new FuncError('pkbdf2: keyLength must be larger than 0');
  const pw = valueBytes(password as GoValue);
  return pbkdf2Sync(pw, valueBytes(salt as GoValue), Math.max(i, 1), kl, alg).toString('hex');
}

export const CRYPTO: Record<string, GoFunc> = {
  PBKDF2: fn(
    ['any', 'any', 'any', 'any'],
    'concrete',
    ([pw, salt, iter, kl, ...h]) =>
      pbkdf2(pw, salt, iter, kl, h.length ? hashName(h[0] as string) : 'sha1'),
    'string',
  ),
  WPAPSK: fn(['any', 'any'], 'concrete', ([ssid, pw]) =>
    pbkdf2(pw, ssid, goInt(4096), goInt(32), 'sha1'),
  ),
};
for (const [name, alg] of Object.entries(HASHES)) {
  CRYPTO[name] = fn(['any'], 'concrete', ([v]) => digest(alg, v).toString('hex'));
  CRYPTO[`${name}Bytes`] = fn(['any'], 'concrete', ([v]) => byteSlice(digest(alg, v)));
}
