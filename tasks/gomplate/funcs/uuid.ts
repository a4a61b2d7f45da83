// gomplate's uuid namespace (github.com/google/uuid). V1 and V4 are random by nature, so
// only their shape can be compared; IsValid follows uuid.Parse byte for byte. Parse itself
// returns a uuid.UUID, a typed array with methods this engine does not model: refused.
import { randomBytes, randomUUID } from 'node:crypto';
import { toBytes } from '../gostring.js';
import type { GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { type GoFunc, fn } from './types.js';

const isHex = (b: number) =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** Whether google/uuid's Parse accepts s (lengths and offsets in bytes, like Go). */
export function uuidParses(s: string): boolean {
  let b = toBytes(s);
  if (b.length === 32) return b.every(isHex);
  if (b.length === 45) {
    if (!/^urn:uuid:$/i.test(String.fromCharCode(...b.subarray(0, 9)))) return false;
    b = b.subarray(9);
  } else if (b.length === 38)
    b = b.subarray(1); // google/uuid never looks at the braces
  else if (b.length !== 36) return false;
  const dash = [8, 13, 18, 23];
  if (dash.some((i) => b[i] !== 0x2d)) return false;
  return [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34].every(
    (i) => isHex(b[i]!) && isHex(b[i + 1]!),
  );
}

// 100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch
const GREGORIAN_OFFSET = 122192928000000000n;

/** A version 1 UUID: the current time, a random clock sequence and a random node. */
function v1(): string {
  const t = BigInt(Date.now()) * 10000n + GREGORIAN_OFFSET;
  const r = randomBytes(8);
  const h = (n: bigint, w: number) => n.toString(16).padStart(w, '0');
  const timeLow = t & 0xffffffffn;
  const timeMid = (t >> 32n) & 0xffffn;
  const timeHi = ((t >> 48n) & 0x0fffn) | 0x1000n;
  const seq = (BigInt(r.readUInt16BE(0)) & 0x3fffn) | 0x8000n;
  // a random node has the multicast bit set, so it can never be a real MAC (RFC 4122 4.5)
  r[2] = r[2]! | 0x01;
  const node = r.subarray(2, 8).toString('hex');
  return `${h(timeLow, 8)}-${h(timeMid, 4)}-${h(timeHi, 4)}-${h(seq, 4)}-${node}`;
}

export const UUID: Record<string, GoFunc> = {
  V1: fn([], 'concrete', () => v1()),
  V4: fn([], 'concrete', () => randomUUID()),
  Nil: fn([], 'concrete', () => '00000000-0000-0000-0000-000000000000'),
  IsValid: fn(['any'], 'concrete', ([v]) => uuidParses(toGoString(v as GoValue))),
};
