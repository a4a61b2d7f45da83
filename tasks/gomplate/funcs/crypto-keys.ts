// gomplate's experimental crypto functions (they fail unless --experimental or
// GOMPLATE_EXPERIMENTAL is set, as in gomplate): RSA, ECDSA and ed25519 keys in Go's PEM
// forms, RSA PKCS#1 v1.5 encryption and AES-CBC with gomplate's zero-padded key and
// PKCS#7-style padding, all on Node's crypto (the same DER and PEM bytes as Go's x509).
import {
  type KeyObject,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  constants,
} from 'node:crypto';
import { fromBytes } from '../gostring.js';
import { quote } from '../strconv-quote.js';
import { GoSlice, type GoValue } from '../values.js';
import { byteSlice, valueBytes } from './base64.js';
import { toBool, toGoString, toInt64 } from './convert.js';
import { type FuncContext, FuncError, type GoFunc, fn } from './types.js';

function checkExperimental(ctx: FuncContext): void {
  let on = ctx.experimental === true;
  if (!on && ctx.env.GOMPLATE_EXPERIMENTAL) on = toBool(ctx.env.GOMPLATE_EXPERIMENTAL);
  if (!on) throw new FuncError('experimental function, but experimental mode not enabled');
}

const experimental =
  (f: GoFunc['call']): GoFunc['call'] =>
  (args, ctx) => {
    checkExperimental(ctx);
    return f(args, ctx);
  };

const pem = (k: KeyObject, type: 'pkcs1' | 'sec1' | 'pkcs8' | 'spki') =>
  k.export({ type, format: 'pem' }) as string;

const hasPem = (s: string) => /-----BEGIN [^\n]*-----/.test(s);

/** A private key of the kind a function expects, or Go's error texts. */
function privateKey(text: string, kind: 'rsa' | 'ec' | 'ed25519', noKey: string): KeyObject {
  if (!hasPem(text)) throw new FuncError(noKey);
  let k: KeyObject;
  try {
    k = createPrivateKey(text);
  } catch (e) {
    throw new FuncError(`invalid private key: ${(e as Error).message}`);
  }
  if (k.asymmetricKeyType !== kind)
    throw new FuncError(`invalid private key: not a ${kind} key (${k.asymmetricKeyType})`);
  return k;
}

function bytesArg(v: unknown): Buffer {
  if (v instanceof GoSlice && v.elem === 'uint8') return Buffer.from(valueBytes(v));
  throw new FuncError('wrong type for value; expected []uint8');
}

function intArg(v: unknown, what: string): number {
  try {
    return Number(toInt64(v as GoValue));
  } catch (e) {
    throw new FuncError(`${what} must be an integer: ${(e as Error).message}`);
  }
}

const CURVES: Record<string, string> = {
  P224: 'secp224r1',
  P256: 'prime256v1',
  P384: 'secp384r1',
  P521: 'secp521r1',
};

/** parseAESArgs: the key copied into keyBits/8 zero bytes, and the message. */
function aesArgs(key: string, args: GoValue[]): [Buffer, Buffer] {
  let bits = 256;
  let msg: GoValue;
  if (args.length === 1) msg = args[0]!;
  else if (args.length === 2) {
    bits = intArg(args[0], 'keyBits');
    msg = args[1]!;
  } else throw new FuncError(`wrong number of args: want 2 or 3, got ${args.length}`);
  if (bits < 0 || bits / 8 > 2 ** 31)
    throw new FuncError('runtime error: makeslice: len out of range');
  const k = Buffer.alloc(Math.trunc(bits / 8));
  Buffer.from(valueBytes(key)).copy(k);
  if (![16, 24, 32].includes(k.length))
    throw new FuncError(`crypto/aes: invalid key size ${k.length}`);
  return [k, Buffer.from(valueBytes(msg))];
}

const aesName = (k: Buffer) => `aes-${k.length * 8}-cbc`;

function encryptAES(k: Buffer, msg: Buffer): Buffer {
  if (msg.length === 0) return msg;
  const pl = 16 - (msg.length % 16);
  const padded = Buffer.concat([msg, Buffer.alloc(pl, pl)]);
  const iv = randomBytes(16);
  const c = createCipheriv(aesName(k), k, iv).setAutoPadding(false);
  return Buffer.concat([iv, c.update(padded), c.final()]);
}

function decryptAES(k: Buffer, msg: Buffer): Buffer {
  if (msg.length === 0) return msg;
  if (msg.length < 16)
    throw new FuncError(
      `runtime error: slice bounds out of range [:16] with capacity ${msg.length}`,
    );
  const body = msg.subarray(16);
  if (body.length % 16 !== 0) throw new FuncError('crypto/cipher: input not full blocks');
  const d = createDecipheriv(aesName(k), k, msg.subarray(0, 16)).setAutoPadding(false);
  const out = Buffer.concat([d.update(body), d.final()]);
  if (out.length === 0) throw new FuncError('runtime error: index out of range [-1]');
  // Go only slices the padding off, whatever its bytes say
  const pl = out[out.length - 1]!;
  if (pl > out.length)
    throw new FuncError(`runtime error: slice bounds out of range [:${out.length - pl}]`);
  return out.subarray(0, out.length - pl);
}

function ed25519FromSeed(encoding: string, seed: string): string {
  let b: Buffer;
  if (encoding === 'base64') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(seed) || seed.length % 4 !== 0)
      throw new FuncError('could not decode given seed: illegal base64 data');
    b = Buffer.from(seed, 'base64');
  } else if (encoding === 'hex') {
    if (!/^([0-9a-fA-F]{2})*$/.test(seed))
      throw new FuncError('could not decode given seed: invalid hex seed');
    b = Buffer.from(seed, 'hex');
  } else
    throw new FuncError(
      `invalid encoding given: ${encoding} - only 'hex' or 'base64' are valid options`,
    );
  if (b.length !== 32)
    throw new FuncError(`generateKeyFromSeed: incorrect seed size - given: ${b.length} wanted 32`);
  // PKCS#8 for Ed25519 is a fixed 16-byte header and the seed (RFC 8410)
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), b]);
  return pem(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), 'pkcs8');
}

export const CRYPTO_KEYS: Record<string, GoFunc> = {
  RSAGenerateKey: fn(
    [],
    'concrete',
    experimental((args) => {
      if (args.length > 1)
        throw new FuncError(`wrong number of args: want 0 or 1, got ${args.length}`);
      const bits = args.length ? intArg(args[0], 'bits') : 4096;
      if (bits < 2048) throw new FuncError('RSA key size must be at least 2048 bits');
      return pem(generateKeyPairSync('rsa', { modulusLength: bits }).privateKey, 'pkcs1');
    }),
    'any',
  ),
  RSADerivePublicKey: fn(
    ['string'],
    'concrete',
    experimental(([k]) =>
      pem(
        createPublicKey(privateKey(k as string, 'rsa', 'failed to read key: no key found')),
        'spki',
      ),
    ),
  ),
  RSAEncrypt: fn(
    ['string', 'any'],
    'concrete',
    experimental(([k, msg]) => {
      const key = k as string;
      if (!hasPem(key)) throw new FuncError(`failed to read key ${quote(key)}: no key found`);
      let pub: KeyObject;
      try {
        pub = createPublicKey(key);
      } catch (e) {
        throw new FuncError(`failed to parse public key: ${(e as Error).message}`);
      }
      const out = publicEncrypt(
        { key: pub, padding: constants.RSA_PKCS1_PADDING },
        Buffer.from(valueBytes(msg as GoValue)),
      );
      return byteSlice(out);
    }),
  ),
  RSADecrypt: fn(
    ['string', 'any'],
    'concrete',
    experimental(([k, msg]) => fromBytes(rsaDecrypt(k as string, bytesArg(msg)))),
  ),
  RSADecryptBytes: fn(
    ['string', 'any'],
    'concrete',
    experimental(([k, msg]) => byteSlice(rsaDecrypt(k as string, bytesArg(msg)))),
  ),
  ECDSAGenerateKey: fn(
    [],
    'concrete',
    experimental((args) => {
      if (args.length > 1)
        throw new FuncError(`wrong number of args: want 0 or 1, got ${args.length}`);
      let c = 'P256';
      if (args.length)
        c = toGoString(args[0] as GoValue)
          .toUpperCase()
          .replace(/-/g, '');
      const curve = CURVES[c];
      if (!curve) throw new FuncError(`unknown curve: ${c}`);
      return pem(generateKeyPairSync('ec', { namedCurve: curve }).privateKey, 'sec1');
    }),
    'any',
  ),
  ECDSADerivePublicKey: fn(
    ['string'],
    'concrete',
    experimental(([k]) =>
      pem(
        createPublicKey(privateKey(k as string, 'ec', 'failed to read key: no key found')),
        'spki',
      ),
    ),
  ),
  Ed25519GenerateKey: fn(
    [],
    'concrete',
    experimental(() => pem(generateKeyPairSync('ed25519').privateKey, 'pkcs8')),
  ),
  Ed25519GenerateKeyFromSeed: fn(
    ['string', 'string'],
    'concrete',
    experimental(([enc, seed]) => ed25519FromSeed(enc as string, seed as string)),
  ),
  Ed25519DerivePublicKey: fn(
    ['string'],
    'concrete',
    experimental(([k]) => {
      const text = k as string;
      if (!hasPem(text))
        throw new FuncError(
          'ed25519DecodeFromPEM: could not decode private key: decode: failed to read key',
        );
      return pem(createPublicKey(privateKey(text, 'ed25519', '')), 'spki');
    }),
  ),
  EncryptAES: fn(
    ['string'],
    'concrete',
    experimental(([k, ...rest]) =>
      byteSlice(encryptAES(...aesArgs(k as string, rest as GoValue[]))),
    ),
    'any',
  ),
  DecryptAES: fn(
    ['string'],
    'concrete',
    experimental(([k, ...rest]) =>
      fromBytes(decryptAES(...aesArgs(k as string, rest as GoValue[]))),
    ),
    'any',
  ),
  DecryptAESBytes: fn(
    ['string'],
    'concrete',
    experimental(([k, ...rest]) =>
      byteSlice(decryptAES(...aesArgs(k as string, rest as GoValue[]))),
    ),
    'any',
  ),
};

function rsaDecrypt(key: string, msg: Buffer): Buffer {
  if (!hasPem(key)) throw new FuncError(`failed to read key ${quote(key)}: no key found`);
  const k = privateKey(key, 'rsa', '');
  const fail = () => new FuncError('failed to decrypt: crypto/rsa: decryption error');
  // Node refuses PKCS#1 v1.5 decryption (CVE-2023-46809): decrypt raw, unpad as Go does
  let em: Buffer;
  try {
    em = privateDecrypt({ key: k, padding: constants.RSA_NO_PADDING }, msg);
  } catch {
    throw fail();
  }
  if (em[0] !== 0 || em[1] !== 2) throw fail();
  const sep = em.indexOf(0, 2);
  if (sep < 10) throw fail();
  return em.subarray(sep + 1);
}
