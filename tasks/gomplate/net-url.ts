// Go's net/url (1.26): Parse, the URL's String and escaped forms, userinfo, ParseQuery,
// JoinPath. Works on byte strings (one char per byte, as Go indexes strings); `q` is
// strconv.Quote of a byte string, for error messages.
import { clean } from './funcs/path.js';
import { parseAddr } from './netip.js';

export type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'query' | 'fragment';

export class UrlError extends Error {}

export interface Userinfo {
  username: string;
  password: string;
  passwordSet: boolean;
}

export interface Url {
  scheme: string;
  opaque: string;
  user: Userinfo | null;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

const isAlnum = (c: string) => /^[a-zA-Z0-9]$/.test(c);
const ishex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const unhex = (c: string) => Number.parseInt(c, 16);

export function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case 'path':
        return c === '?';
      case 'pathSegment':
        return c === '/' || c === ';' || c === ',' || c === '?';
      case 'userPassword':
        return c === '@' || c === '/' || c === '?' || c === ':';
      case 'query':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

const hexByte = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

export function unescape(s: string, mode: Mode, q: (s: string) => string): string {
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === '%') {
      n++;
      if (i + 2 >= s.length || !ishex(s[i + 1]) || !ishex(s[i + 2])) {
        throw new UrlError(`invalid URL escape ${q(s.slice(i, i + 3))}`);
      }
      if (mode === 'host' && unhex(s[i + 1]!) < 8 && s.slice(i, i + 3) !== '%25')
        throw new UrlError(`invalid URL escape ${q(s.slice(i, i + 3))}`);
      if (mode === 'zone') {
        const v = String.fromCharCode(unhex(s[i + 1]!) * 16 + unhex(s[i + 2]!));
        if (s.slice(i, i + 3) !== '%25' && v !== ' ' && shouldEscape(v, 'host'))
          throw new UrlError(`invalid URL escape ${q(s.slice(i, i + 3))}`);
      }
      i += 3;
    } else if (c === '+') {
      hasPlus = mode === 'query';
      i++;
    } else {
      if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode))
        throw new UrlError(`invalid character ${q(c)} in host name`);
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  let t = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      t += String.fromCharCode(unhex(s[i + 1]!) * 16 + unhex(s[i + 2]!));
      i += 2;
    } else if (c === '+') t += mode === 'query' ? ' ' : '+';
    else t += c;
  }
  return t;
}

export function escape(s: string, mode: Mode): string {
  let t = '';
  for (const c of s) {
    if (c === ' ' && mode === 'query') t += '+';
    else if (shouldEscape(c, mode)) t += hexByte(c);
    else t += c;
  }
  return t;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function validUserinfo(s: string): boolean {
  // Go ranges over runes: any non-ASCII rune is invalid too
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseHost(host: string, q: (s: string) => string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new UrlError('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort))
      throw new UrlError(`invalid port ${q(colonPort)} after host`);
    const port = unescape(colonPort, 'host', q);
    const hostname = host.slice(1, close);
    const zoneIdx = hostname.indexOf('%25');
    const unescaped =
      zoneIdx >= 0
        ? unescape(hostname.slice(0, zoneIdx), 'host', q) +
          unescape(hostname.slice(zoneIdx), 'zone', q)
        : unescape(hostname, 'host', q);
    let family: 'v4' | 'v6';
    try {
      family = parseAddr(unescaped, q);
    } catch (e) {
      throw new UrlError(`invalid host: ${(e as Error).message}`);
    }
    if (family === 'v4') throw new UrlError('invalid IP-literal');
    return '[' + unescaped + ']' + port;
  }
  let i = host.indexOf(':');
  if (i !== -1) {
    // the port starts at the last colon: gomplate's go.mod predates Go 1.26, so its
    // urlstrictcolons default is 0 and http(s) URLs are read like the others
    i = host.lastIndexOf(':');
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort))
      throw new UrlError(`invalid port ${q(colonPort)} after host`);
  }
  return unescape(host, 'host', q);
}

function parseAuthority(authority: string, q: (s: string) => string): [Userinfo | null, string] {
  const i = authority.lastIndexOf('@');
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1), q);
  if (i < 0) return [null, host];
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const c = userinfo.indexOf(':');
  if (c < 0)
    return [
      { username: unescape(userinfo, 'userPassword', q), password: '', passwordSet: false },
      host,
    ];
  return [
    {
      username: unescape(userinfo.slice(0, c), 'userPassword', q),
      password: unescape(userinfo.slice(c + 1), 'userPassword', q),
      passwordSet: true,
    },
    host,
  ];
}

function setPath(u: Url, p: string, q: (s: string) => string): void {
  u.path = unescape(p, 'path', q);
  u.rawPath = escape(u.path, 'path') === p ? '' : p;
}

function parseNoFragment(raw: string, q: (s: string) => string): Url {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError('net/url: invalid control character in URL');
  const u: Url = {
    scheme: '',
    opaque: '',
    user: null,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  let rest: string;
  [u.scheme, rest] = getScheme(raw);
  u.scheme = u.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const k = rest.indexOf('?');
    if (k >= 0) [rest, u.rawQuery] = [rest.slice(0, k), rest.slice(k + 1)];
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    const segment = rest.split('/')[0]!;
    if (segment.includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const k = authority.indexOf('/');
    if (k >= 0) [authority, rest] = [authority.slice(0, k), authority.slice(k)];
    [u.user, u.host] = parseAuthority(authority, q);
  } else if (u.scheme !== '' && rest.startsWith('/')) u.omitHost = true;
  setPath(u, rest, q);
  return u;
}

/** url.Parse; errors are `parse "URL": reason`. */
export function parseUrl(raw: string, q: (s: string) => string): Url {
  const h = raw.indexOf('#');
  const [base, frag] = h < 0 ? [raw, ''] : [raw.slice(0, h), raw.slice(h + 1)];
  let u: Url;
  try {
    u = parseNoFragment(base, q);
  } catch (e) {
    if (e instanceof UrlError) throw new UrlError(`parse ${q(base)}: ${e.message}`);
    throw e;
  }
  if (frag === '') return u;
  try {
    u.fragment = unescape(frag, 'fragment', q);
    u.rawFragment = escape(u.fragment, 'fragment') === frag ? '' : frag;
  } catch (e) {
    if (e instanceof UrlError) throw new UrlError(`parse ${q(raw)}: ${e.message}`);
    throw e;
  }
  return u;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

const noQuote = (s: string) => s;

export function escapedPath(u: Url): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path', noQuote) === u.path) return u.rawPath;
    } catch {
      // not a valid encoding of the path: escape the path itself
    }
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

export function escapedFragment(u: Url): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment')) {
    try {
      if (unescape(u.rawFragment, 'fragment', noQuote) === u.fragment) return u.rawFragment;
    } catch {
      // as for the path
    }
  }
  return escape(u.fragment, 'fragment');
}

export function userString(ui: Userinfo | null): string {
  if (!ui) return '';
  let s = escape(ui.username, 'userPassword');
  if (ui.passwordSet) s += ':' + escape(ui.password, 'userPassword');
  return s;
}

export function urlString(u: Url): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (!(u.omitHost && u.host === '' && !u.user)) {
        if (u.host !== '' || u.path !== '' || u.user) buf += '//';
        if (u.user) buf += userString(u.user) + '@';
        if (u.host !== '') buf += escape(u.host, 'host');
      }
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf.length === 0 && path.split('/')[0]!.includes(':')) buf += './';
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedFragment(u);
  return buf;
}

export function redacted(u: Url): string {
  if (u.user?.passwordSet) return urlString({ ...u, user: { ...u.user, password: 'xxxxx' } });
  return urlString(u);
}

export function requestURI(u: Url): string {
  let result = u.opaque;
  if (result === '') {
    result = escapedPath(u);
    if (result === '') result = '/';
  } else if (result.startsWith('//')) result = u.scheme + ':' + result;
  if (u.forceQuery || u.rawQuery !== '') result += '?' + u.rawQuery;
  return result;
}

export function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(host.slice(colon)))
    [host, port] = [host.slice(0, colon), host.slice(colon + 1)];
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** url.ParseQuery's values (errors dropped, as URL.Query does), keys in first-seen order. */
export function parseQuery(query: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of query === '' ? [] : query.split('&')) {
    if (part.includes(';') || part === '') continue;
    const eq = part.indexOf('=');
    const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    let key: string;
    let value: string;
    try {
      key = unescape(k, 'query', noQuote);
      value = unescape(v, 'query', noQuote);
    } catch {
      continue;
    }
    m.set(key, [...(m.get(key) ?? []), value]);
  }
  return m;
}

/** url.Values.Encode: keys sorted, each value escaped. */
export function encodeQuery(m: Map<string, string[]>): string {
  const parts: string[] = [];
  for (const k of [...m.keys()].sort()) {
    const ke = escape(k, 'query');
    for (const v of m.get(k)!) parts.push(ke + '=' + escape(v, 'query'));
  }
  return parts.join('&');
}

/** URL.JoinPath (the error of setPath is dropped, as Go's JoinPath does). */
export function joinPath(u: Url, elem: string[]): Url {
  const all = [escapedPath(u), ...elem];
  let p: string;
  const join = (xs: string[]) => {
    const nonEmpty = xs.filter((x) => x !== '');
    return nonEmpty.length === 0 ? '' : clean(nonEmpty.join('/'));
  };
  if (!all[0]!.startsWith('/')) {
    all[0] = '/' + all[0];
    p = join(all).slice(1);
  } else p = join(all);
  if (all[all.length - 1]!.endsWith('/') && !p.endsWith('/')) p += '/';
  const out = { ...u };
  try {
    setPath(out, p, noQuote);
  } catch {
    // Go keeps the URL with its old path fields when the joined path does not unescape
  }
  return out;
}

/** RFC 3986's remove_dot_segments over a base and a reference path (Go's resolvePath). */
function resolvePath(base: string, ref: string): string {
  let full: string;
  if (ref === '') full = base;
  else if (ref[0] !== '/') full = base.slice(0, base.lastIndexOf('/') + 1) + ref;
  else full = ref;
  if (full === '') return '';
  let dst = '/';
  let elem = '';
  let first = true;
  const parts = full.split('/');
  for (elem of parts) {
    if (elem === '.') {
      first = false;
      continue;
    }
    if (elem === '..') {
      const i = dst.slice(1).lastIndexOf('/');
      dst = i >= 0 ? dst.slice(0, i + 1) : dst.slice(0, 1);
      first = dst.length === 1;
    } else {
      if (!first) dst += '/';
      dst += elem;
      first = false;
    }
  }
  if (elem === '.' || elem === '..') dst += '/';
  return dst.length > 1 && dst[1] === '/' ? dst.slice(1) : dst;
}

/** The setPath of ResolveReference, whose error Go ignores (the fields stay as they were). */
function trySetPath(u: Url, p: string): void {
  try {
    setPath(u, p, noQuote);
  } catch {
    // as Go: an unescapable path leaves the copied fields
  }
}

/** URL.ResolveReference. */
export function resolveReference(u: Url, ref: Url): Url {
  const url = { ...ref };
  if (ref.scheme === '') url.scheme = u.scheme;
  if (ref.scheme !== '' || ref.host !== '' || ref.user) {
    trySetPath(url, resolvePath(escapedPath(ref), ''));
    return url;
  }
  if (ref.opaque !== '') return { ...url, user: null, host: '', path: '' };
  if (ref.path === '' && !ref.forceQuery && ref.rawQuery === '') {
    url.rawQuery = u.rawQuery;
    if (ref.fragment === '') {
      url.fragment = u.fragment;
      url.rawFragment = u.rawFragment;
    }
  }
  if (ref.path === '' && u.opaque !== '')
    return { ...url, opaque: u.opaque, user: null, host: '', path: '' };
  url.host = u.host;
  url.user = u.user;
  trySetPath(url, resolvePath(escapedPath(u), escapedPath(ref)));
  return url;
}
