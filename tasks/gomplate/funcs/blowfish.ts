// The Blowfish cipher as bcrypt uses it (Schneier 1993; Provos and Mazières' expensive key
// schedule): Node's crypto has no Blowfish. Words are big-endian; keys and salts are
// read cyclically, four bytes at a time.
import { PI_HEX } from './blowfish-pi.js';

let initial: Uint32Array | undefined;

/** P (18 words) followed by S0..S3 (256 words each), as one array. */
function piState(): Uint32Array {
  if (!initial) {
    initial = new Uint32Array(PI_HEX.length / 8);
    for (let i = 0; i < initial.length; i++)
      initial[i] = Number.parseInt(PI_HEX.slice(i * 8, i * 8 + 8), 16);
  }
  return initial;
}

const S0 = 18;
const S1 = S0 + 256;
const S2 = S1 + 256;
const S3 = S2 + 256;

export class Blowfish {
  /** P at 0..17, then the S-boxes: one typed array keeps the inner loop on one buffer */
  readonly st = new Uint32Array(piState());

  /** Encrypts the block (l, r) in place in `out` (out[0] = l, out[1] = r). */
  encrypt(out: Uint32Array): void {
    const s = this.st;
    let l = out[0]!;
    let r = out[1]!;
    l ^= s[0]!;
    for (let i = 1; i <= 16; i += 2) {
      r ^=
        ((((s[S0 + (l >>> 24)]! + s[S1 + ((l >>> 16) & 0xff)]!) | 0) ^
          s[S2 + ((l >>> 8) & 0xff)]!) +
          s[S3 + (l & 0xff)]!) ^
        s[i]!;
      l ^=
        ((((s[S0 + (r >>> 24)]! + s[S1 + ((r >>> 16) & 0xff)]!) | 0) ^
          s[S2 + ((r >>> 8) & 0xff)]!) +
          s[S3 + (r & 0xff)]!) ^
        s[i + 1]!;
    }
    r ^= s[17]!;
    out[0] = r;
    out[1] = l;
  }

  /**
   * Mixes `key` into P, then re-keys P and the S-boxes with the chained encryption of a
   * block that, when `salt` is given, is XORed with its next two words before each step.
   */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    const s = this.st;
    const k = { pos: 0 };
    for (let i = 0; i < 18; i++) s[i] = s[i]! ^ nextWord(key, k);
    const block = new Uint32Array(2);
    const sp = { pos: 0 };
    for (let i = 0; i < s.length; i += 2) {
      if (salt) {
        block[0] = block[0]! ^ nextWord(salt, sp);
        block[1] = block[1]! ^ nextWord(salt, sp);
      }
      this.encrypt(block);
      s[i] = block[0]!;
      s[i + 1] = block[1]!;
    }
  }
}

function nextWord(b: Uint8Array, at: { pos: number }): number {
  let w = 0;
  for (let i = 0; i < 4; i++) {
    w = (w << 8) | b[at.pos]!;
    at.pos = at.pos + 1 === b.length ? 0 : at.pos + 1;
  }
  return w >>> 0;
}
