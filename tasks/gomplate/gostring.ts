// Go strings are byte sequences; JS strings are UTF-16. We keep Go strings as JS strings
// and represent each byte of invalid UTF-8 as a lone surrogate U+DC80..U+DCFF
// ("surrogateescape"), so byte-level operations (len, slice, index, %x, Quote) stay
// exact while ordinary text costs nothing.

const ESC_BASE = 0xdc00;

/** Number of UTF-8 bytes of a Go string. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** The bytes of a Go string. */
export function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(byteLength(s));
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 63);
        out[o++] = 0x80 | ((cp >> 6) & 63);
        out[o++] = 0x80 | (cp & 63);
        i++;
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      out[o++] = c - ESC_BASE;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 63);
    out[o++] = 0x80 | (c & 63);
  }
  return out;
}

/**
 * Decodes one UTF-8 rune at i like Go's utf8.DecodeRune: returns [rune, size], with
 * rune -1 for an invalid byte (Go's RuneError of size 1).
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  if (c0 < 0x80) return [c0, 1];
  const n = b.length - i;
  if (c0 >= 0xc2 && c0 <= 0xdf && n >= 2) {
    const c1 = b[i + 1]!;
    if ((c1 & 0xc0) === 0x80) return [((c0 & 31) << 6) | (c1 & 63), 2];
  } else if (c0 >= 0xe0 && c0 <= 0xef && n >= 3) {
    const c1 = b[i + 1]!;
    const c2 = b[i + 2]!;
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf;
    if (c1 >= lo && c1 <= hi && (c2 & 0xc0) === 0x80)
      return [((c0 & 15) << 12) | ((c1 & 63) << 6) | (c2 & 63), 3];
  } else if (c0 >= 0xf0 && c0 <= 0xf4 && n >= 4) {
    const c1 = b[i + 1]!;
    const lo = c0 === 0xf0 ? 0x90 : 0x80;
    const hi = c0 === 0xf4 ? 0x8f : 0xbf;
    if (c1 >= lo && c1 <= hi && (b[i + 2]! & 0xc0) === 0x80 && (b[i + 3]! & 0xc0) === 0x80) {
      const cp = ((c0 & 7) << 18) | ((c1 & 63) << 12) | ((b[i + 2]! & 63) << 6) | (b[i + 3]! & 63);
      return [cp, 4];
    }
  }
  return [-1, 1];
}

/** Builds a Go string from bytes; invalid UTF-8 bytes become escaped units. */
export function fromBytes(b: Uint8Array): string {
  let out = '';
  let run = 0;
  const parts: string[] = [];
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      run++;
      i++;
      continue;
    }
    if (run) {
      parts.push(Buffer.from(b.subarray(i - run, i)).toString('latin1'));
      run = 0;
    }
    const [r, size] = decodeRune(b, i);
    parts.push(r < 0 ? String.fromCharCode(ESC_BASE + c) : String.fromCodePoint(r));
    i += size;
  }
  if (run) parts.push(Buffer.from(b.subarray(b.length - run)).toString('latin1'));
  out = parts.join('');
  return out;
}

/** Go string from a Node Buffer (e.g. a file's bytes). */
export function fromBuffer(buf: Uint8Array): string {
  return fromBytes(buf);
}

/** Encodes a Go string to a Buffer for writing (escaped units become their raw bytes). */
export function toBuffer(s: string): Buffer {
  return Buffer.from(toBytes(s));
}

function needsByteCompare(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return true;
  return false;
}

/** Bytewise comparison of Go strings (-1, 0, 1). */
export function compareGo(a: string, b: string): number {
  if (a === b) return 0;
  if (!needsByteCompare(a) && !needsByteCompare(b)) return a < b ? -1 : 1;
  const x = toBytes(a);
  const y = toBytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** Runes of a Go string: code points, with -1 - byte for each invalid byte. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00));
        i++;
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) out.push(-1 - (c - ESC_BASE));
    else if (c >= 0xd800 && c <= 0xdfff) out.push(0xfffd);
    else out.push(c);
  }
  return out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

/** Go's unicode.IsSpace. */
export function isUnicodeSpace(r: number): boolean {
  switch (r) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
  }
  return r >= 0x2000 && r <= 0x200a;
}
