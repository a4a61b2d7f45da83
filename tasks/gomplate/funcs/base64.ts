// gomplate's base64 namespace: standard padded encoding; decoding tries the standard
// alphabet, then the URL one, with Go's encoding/base64 rules (CR/LF skipped, padding
// required) and its "illegal base64 data at input byte N" errors.
import { fromBytes, toBytes } from '../gostring.js';
import { GoInt, GoSlice, type GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { type GoFunc, FuncError, fn } from './types.js';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The bytes of a value as gomplate's toBytes takes them ([]byte as is, else ToString). */
export function valueBytes(v: GoValue): Uint8Array {
  if (v === null) return new Uint8Array(0);
  if (v instanceof GoSlice && v.elem === 'uint8')
    return Uint8Array.from(v.items.map((x) => Number((x as GoInt).v)));
  return toBytes(toGoString(v));
}

/** A []byte value. */
export const byteSlice = (b: Uint8Array): GoSlice =>
  new GoSlice(
    Array.from(b, (x) => new GoInt(BigInt(x), 'uint8')),
    'uint8',
  );

class Corrupt extends Error {
  constructor(readonly at: number) {
    super(`illegal base64 data at input byte ${at}`);
  }
}

/** Go's Encoding.DecodeString, quantum by quantum. */
function decode(src: Uint8Array, alphabet: string): Uint8Array {
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) map[alphabet.charCodeAt(i)] = i;
  const out: number[] = [];
  const nl = (c: number) => c === 10 || c === 13;
  let si = 0;
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let err: Corrupt | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw new Corrupt(si - j);
      }
      const c = src[si++]!;
      if (map[c]! >= 0) {
        dbuf[j] = map[c]!;
        continue;
      }
      if (nl(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d) throw new Corrupt(si - 1);
      if (j < 2) throw new Corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && nl(src[si]!)) si++;
        if (si === src.length) throw new Corrupt(src.length);
        if (src[si] !== 0x3d) throw new Corrupt(si - 1);
        si++;
      }
      while (si < src.length && nl(src[si]!)) si++;
      if (si < src.length) err = new Corrupt(si);
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    out.push(...bytes.slice(0, dlen - 1));
    if (err) throw err;
    if (dlen < 4) return Uint8Array.from(out);
  }
}

function decodeEither(v: GoValue): Uint8Array {
  const src = toBytes(toGoString(v));
  try {
    return decode(src, STD);
  } catch {
    try {
      return decode(src, URL);
    } catch (e) {
      throw new FuncError((e as Error).message);
    }
  }
}

export const BASE64: Record<string, GoFunc> = {
  Encode: fn(['any'], 'concrete', ([v]) =>
    Buffer.from(valueBytes(v as GoValue)).toString('base64'),
  ),
  Decode: fn(['any'], 'concrete', ([v]) => fromBytes(decodeEither(v as GoValue))),
  DecodeBytes: fn(['any'], 'concrete', ([v]) => byteSlice(decodeEither(v as GoValue))),
};
