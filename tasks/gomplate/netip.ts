// Go's net/netip.ParseAddr, as net/url checks a bracketed host: whether the text is an
// IPv4 or IPv6 address, or the parse error with Go's message. Works on byte strings
// (one char per byte); `q` quotes them as Go's strconv.Quote.

export class AddrError extends Error {}

function fail(q: (s: string) => string, inp: string, msg: string, at = ''): never {
  throw new AddrError(`ParseAddr(${q(inp)}): ${msg}${at ? ` (at ${q(at)})` : ''}`);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function parseIPv4Fields(q: (s: string) => string, inp: string, off: number, end: number): void {
  const s = inp.slice(off, end);
  let val = 0;
  let pos = 0;
  let digLen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (isDigit(c)) {
      if (digLen === 1 && val === 0) fail(q, inp, 'IPv4 field has octet with leading zero');
      val = val * 10 + Number(c);
      digLen++;
      if (val > 255) fail(q, inp, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.')
        fail(q, inp, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) fail(q, inp, 'IPv4 address too long');
      pos++;
      val = 0;
      digLen = 0;
    } else fail(q, inp, 'unexpected character', s.slice(i));
  }
  if (pos < 3) fail(q, inp, 'IPv4 address too short');
}

function parseIPv6(q: (s: string) => string, inp: string): void {
  let s = inp;
  let zone = '';
  const z = s.indexOf('%');
  if (z !== -1) {
    [s, zone] = [s.slice(0, z), s.slice(z + 1)];
    if (zone === '') fail(q, inp, 'zone must be a non-empty string');
  }
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return;
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const d = Number.parseInt(s[off]!, 16);
      if (!/[0-9a-fA-F]/.test(s[off]!)) break;
      acc = acc * 16 + d;
      if (off > 3) fail(q, inp, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) fail(q, inp, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) fail(q, inp, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12)
        fail(q, inp, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16)
        fail(q, inp, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      let end = inp.length;
      if (zone.length > 0) end -= zone.length + 1;
      parseIPv4Fields(q, inp, end - s.length, end);
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') fail(q, inp, 'unexpected character, want colon', s);
    else if (s.length === 1) fail(q, inp, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) fail(q, inp, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) fail(q, inp, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) fail(q, inp, 'address string too short');
  } else if (ellipsis >= 0) fail(q, inp, 'the :: must expand to at least one field of zeros');
}

/** netip.ParseAddr: the address family, or an AddrError. */
export function parseAddr(s: string, q: (s: string) => string): 'v4' | 'v6' {
  for (const c of s) {
    if (c === '.') {
      parseIPv4Fields(q, s, 0, s.length);
      return 'v4';
    }
    if (c === ':') {
      parseIPv6(q, s);
      return 'v6';
    }
    if (c === '%') fail(q, s, 'missing IPv6 address');
  }
  fail(q, s, 'unable to parse IP');
}
