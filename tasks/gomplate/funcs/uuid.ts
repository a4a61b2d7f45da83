// gomplate's uuid namespace (github.com/google/uuid). V1 and V4 are random by nature, so
// only their shape can be compared; IsValid and Parse follow uuid.Parse byte for byte, and
// Parse's uuid.UUID prints as its String with its String, URN, Version and Variant.
import { randomBytes, randomUUID } from 'node:crypto';
import { fromBytes, toBytes } from '../gostring.js';
import { GoStruct, type GoValue, goInt } from '../values.js';
import { quote } from '../strconv-quote.js';
import { toGoString } from './convert.js';
import { FuncError, type GoFunc, fn } from './types.js';

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

const hexPairs = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** uuid.Parse: the 16 bytes, or google/uuid's error. */
function parseUUID(s: string): Uint8Array {
  let b = toBytes(s);
  const bad = () => new FuncError('invalid UUID format');
  const out = new Uint8Array(16);
  const hex = (i: number) => {
    if (!isHex(b[i]!) || !isHex(b[i + 1]!)) throw bad();
    return parseInt(String.fromCharCode(b[i]!, b[i + 1]!), 16);
  };
  if (b.length === 32) {
    for (let i = 0; i < 16; i++) out[i] = hex(i * 2);
    return out;
  }
  if (b.length === 45) {
    const prefix = b.subarray(0, 9);
    if (!/^urn:uuid:$/i.test(String.fromCharCode(...prefix)))
      throw new FuncError(`invalid urn prefix: ${quote(fromBytes(prefix))}`);
    b = b.subarray(9);
  } else if (b.length === 38) b = b.subarray(1);
  else if (b.length !== 36) throw new FuncError(`invalid UUID length: ${b.length}`);
  if ([8, 13, 18, 23].some((i) => b[i] !== 0x2d)) throw bad();
  hexPairs.forEach((x, i) => (out[i] = hex(x)));
  return out;
}

function variantName(b8: number): string {
  if ((b8 & 0xc0) === 0x80) return 'RFC4122';
  if ((b8 & 0xe0) === 0xc0) return 'Microsoft';
  if ((b8 & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

function uuidValue(u: Uint8Array): GoStruct {
  const h = Buffer.from(u).toString('hex');
  const str = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  const val = (v: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', v);
  const version = u[6]! >> 4;
  const members = (name: string): GoFunc | undefined => {
    switch (name) {
      case 'String':
        return val(() => str);
      case 'URN':
        return val(() => 'urn:uuid:' + str);
      case 'Version':
        return val(
          () =>
            new GoStruct('uuid.Version', `VERSION_${version}`, () => undefined, BigInt(version)),
        );
      case 'Variant':
        return val(() => new GoStruct('uuid.Variant', variantName(u[8]!), () => undefined));
      case 'ClockSequence':
        return val(() => goInt(((u[8]! << 8) | u[9]!) & 0x3fff));
    }
    return undefined;
  };
  return new GoStruct('uuid.UUID', str, members);
}

export const UUID: Record<string, GoFunc> = {
  Parse: fn(['any'], 'concrete', ([v]) => uuidValue(parseUUID(toGoString(v as GoValue)))),
  V1: fn([], 'concrete', () => v1()),
  V4: fn([], 'concrete', () => randomUUID()),
  Nil: fn([], 'concrete', () => '00000000-0000-0000-0000-000000000000'),
  IsValid: fn(['any'], 'concrete', ([v]) => uuidParses(toGoString(v as GoValue))),
};
