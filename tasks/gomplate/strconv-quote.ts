// Go's strconv quoting (quote.go): Quote, QuoteToASCII, QuoteRune, Unquote, UnquoteChar
// and character constants, over Go strings (bytes; invalid UTF-8 kept as \x escapes).
import { decodeRune, fromBytes, isPrint, toBytes } from './gostring.js';

const HEX = '0123456789abcdef';

function appendEscapedRune(out: string[], r: number, quote: number, ascii = false): void {
  if (r === quote || r === 0x5c) {
    out.push('\\', String.fromCodePoint(r));
    return;
  }
  if (ascii ? r < 0x80 && isPrint(r) : isPrint(r)) {
    out.push(String.fromCodePoint(r));
    return;
  }
  switch (r) {
    case 7:
      out.push('\\a');
      return;
    case 8:
      out.push('\\b');
      return;
    case 12:
      out.push('\\f');
      return;
    case 10:
      out.push('\\n');
      return;
    case 13:
      out.push('\\r');
      return;
    case 9:
      out.push('\\t');
      return;
    case 11:
      out.push('\\v');
      return;
  }
  if (r < 0x20 || r === 0x7f) out.push('\\x' + HEX[r >> 4] + HEX[r & 15]);
  else if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) out.push('\\ufffd');
  else if (r < 0x10000) out.push('\\u' + r.toString(16).padStart(4, '0'));
  else out.push('\\U' + r.toString(16).padStart(8, '0'));
}

/** Go strconv.Quote; with `ascii`, strconv.QuoteToASCII (%+q). */
export function quote(s: string, ascii = false): string {
  // fast path: printable ASCII without quote or backslash
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return '"' + s + '"';
  const b = toBytes(s);
  const out: string[] = ['"'];
  for (let i = 0; i < b.length;) {
    const [r, size] = decodeRune(b, i);
    if (r < 0) out.push('\\x' + HEX[b[i]! >> 4] + HEX[b[i]! & 15]);
    else appendEscapedRune(out, r, 0x22, ascii);
    i += size;
  }
  out.push('"');
  return out.join('');
}

/** Go strconv.QuoteRune (used by %q on integers); `ascii` for QuoteRuneToASCII. */
export function quoteRune(r: number, ascii = false): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  const out: string[] = ["'"];
  appendEscapedRune(out, r, 0x27, ascii);
  out.push("'");
  return out.join('');
}

export class SyntaxError_ extends Error {}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Go strconv.UnquoteChar over bytes. Returns [value, multibyte, nextIndex]; throws on
 * bad syntax.
 */
export function unquoteChar(b: Uint8Array, i: number, q: number): [number, boolean, number] {
  const c = b[i]!;
  if (c === q && (q === 0x27 || q === 0x22)) throw new SyntaxError_('invalid syntax');
  if (c >= 0x80) {
    const [r, size] = decodeRune(b, i);
    return [r < 0 ? 0xfffd : r, true, i + size];
  }
  if (c !== 0x5c) return [c, false, i + 1];
  if (i + 1 >= b.length) throw new SyntaxError_('invalid syntax');
  const e = b[i + 1]!;
  let j = i + 2;
  switch (e) {
    case 0x61:
      return [7, false, j];
    case 0x62:
      return [8, false, j];
    case 0x66:
      return [12, false, j];
    case 0x6e:
      return [10, false, j];
    case 0x72:
      return [13, false, j];
    case 0x74:
      return [9, false, j];
    case 0x76:
      return [11, false, j];
    case 0x78:
    case 0x75:
    case 0x55: {
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      if (b.length - j < n) throw new SyntaxError_('invalid syntax');
      let v = 0;
      for (let k = 0; k < n; k++) {
        const x = hexVal(b[j + k]!);
        if (x < 0) throw new SyntaxError_('invalid syntax');
        v = v * 16 + x;
      }
      j += n;
      if (e === 0x78) return [v, false, j];
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
      return [v, true, j];
    }
    case 0x5c:
      return [0x5c, false, j];
    case 0x27:
    case 0x22:
      if (e !== q) throw new SyntaxError_('invalid syntax');
      return [e, false, j];
  }
  if (e >= 0x30 && e <= 0x37) {
    let v = e - 0x30;
    if (b.length - j < 2) throw new SyntaxError_('invalid syntax');
    for (let k = 0; k < 2; k++) {
      const x = b[j + k]! - 0x30;
      if (x < 0 || x > 7) throw new SyntaxError_('invalid syntax');
      v = (v << 3) | x;
    }
    j += 2;
    if (v > 255) throw new SyntaxError_('invalid syntax');
    return [v, false, j];
  }
  throw new SyntaxError_('invalid syntax');
}

function pushUtf8(out: number[], r: number): void {
  const s = toBytes(String.fromCodePoint(r));
  for (const x of s) out.push(x);
}

/** Go strconv.Unquote for "…" and `…` literals (the lexer already checked their shape). */
export function unquote(lit: string): string {
  const q = lit.charCodeAt(0);
  const body = lit.slice(1, -1);
  if (lit.length < 2 || lit.charCodeAt(lit.length - 1) !== q)
    throw new SyntaxError_('invalid syntax');
  if (q === 0x60) {
    if (body.includes('`')) throw new SyntaxError_('invalid syntax');
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (body.includes('\n')) throw new SyntaxError_('invalid syntax');
  if (!body.includes('\\') && !body.includes('"')) return body;
  const b = toBytes(body);
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    const [v, multibyte, next] = unquoteChar(b, i, q);
    if (v < 0x80 || !multibyte) out.push(v);
    else pushUtf8(out, v);
    i = next;
  }
  return fromBytes(Uint8Array.from(out));
}

/** Value of a character constant like 'a' or '\n' (Go parse.newNumber rules). */
export function unquoteCharConstant(text: string): number {
  const b = toBytes(text);
  const [v, , next] = unquoteChar(b, 1, 0x27);
  if (next !== b.length - 1 || b[next] !== 0x27) {
    throw new SyntaxError_(`malformed character constant: ${text}`);
  }
  return v;
}
