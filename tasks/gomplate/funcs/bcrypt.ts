// bcrypt (Provos and Mazières 1999) as golang.org/x/crypto/bcrypt writes it, which is what
// gomplate's crypto.Bcrypt returns: "$2a$", the cost in two digits, a random 16-byte salt
// and 23 bytes of hash, both in bcrypt's own base64.
import { randomBytes } from 'node:crypto';
import { toBytes } from '../gostring.js';
import type { GoValue } from '../values.js';
import { Blowfish } from './blowfish.js';
import { toGoString, toInt64 } from './convert.js';
import { FuncError, type GoFunc, fn } from './types.js';

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MIN_COST = 4n;
const MAX_COST = 31n;
/** what a cost below the minimum becomes (Go's bcrypt.DefaultCost, gomplate's default) */
const DEFAULT_COST = 10n;
/** "OrpheanBeholderScryDoubt", encrypted 64 times: its first 23 bytes are the hash */
const MAGIC = new TextEncoder().encode('OrpheanBeholderScryDoubt');

/** bcrypt's base64: its own alphabet, no padding. */
export function encode64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const chars = Math.ceil((Math.min(3, b.length - i) * 8) / 6);
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >>> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of a bcrypt base64 text; bits left over in a last partial byte are dropped. */
export function decode64(s: string): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of s) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new FuncError(`illegal base64 data at input byte ${out.length}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** The 23 hash bytes of `password` (at most 72 bytes) under `salt` (16 bytes). */
export function bcryptRaw(password: Uint8Array, cost: number, salt: Uint8Array): Uint8Array {
  // the key is the password and its C string terminator
  const key = new Uint8Array(password.length + 1);
  key.set(password);
  const c = new Blowfish();
  c.expand(key, salt);
  for (let i = 2 ** cost; i > 0; i--) {
    c.expand(key);
    c.expand(salt);
  }
  const data = new DataView(MAGIC.buffer.slice(0));
  const block = new Uint32Array(2);
  for (let at = 0; at < 24; at += 8) {
    block[0] = data.getUint32(at);
    block[1] = data.getUint32(at + 4);
    for (let k = 0; k < 64; k++) c.encrypt(block);
    data.setUint32(at, block[0]!);
    data.setUint32(at + 4, block[1]!);
  }
  return new Uint8Array(data.buffer, 0, 23);
}

/** The whole "$2a$cc$salthash" text (Go's GenerateFromPassword with a given salt). */
export function bcryptHash(password: Uint8Array, cost: bigint, salt: Uint8Array): string {
  if (password.length > 72) throw new FuncError('bcrypt: password length exceeds 72 bytes');
  if (cost < MIN_COST) cost = DEFAULT_COST;
  if (cost > MAX_COST)
    throw new FuncError(
      `crypto/bcrypt: cost ${cost} is outside allowed inclusive range ${MIN_COST}..${MAX_COST}`,
    );
  const encSalt = encode64(salt);
  const hash = encode64(bcryptRaw(password, Number(cost), decode64(encSalt)));
  return `$2a$${String(cost).padStart(2, '0')}$${encSalt}${hash}`;
}

/** gomplate's crypto.Bcrypt [cost] input. */
function gomplateBcrypt(args: GoValue[]): string {
  let cost = DEFAULT_COST;
  let input: GoValue;
  if (args.length === 1) input = args[0]!;
  else if (args.length === 2) {
    try {
      cost = toInt64(args[0]!);
    } catch (e) {
      throw new FuncError(`bcrypt cost must be an integer: ${(e as Error).message}`);
    }
    input = args[1]!;
  } else throw new FuncError(`wrong number of args: want 1 or 2, got ${args.length}`);
  return bcryptHash(toBytes(toGoString(input)), cost, randomBytes(16));
}

export const BCRYPT: GoFunc = fn([], 'concrete', (a) => gomplateBcrypt(a as GoValue[]), 'any');
