// gomplate's conv.URL/urlParse: a *url.URL (Go's net/url.Parse) whose fields and methods
// templates reach: .Scheme .Host .Path .RawQuery .Fragment .User … , String, Hostname,
// Port, Query (url.Values with Get/Has/Encode), JoinPath, Redacted, RequestURI.
import { fromBytes, toBytes } from '../gostring.js';
import {
  type Url,
  type Userinfo,
  encodeQuery,
  escapedFragment,
  escapedPath,
  joinPath,
  parseQuery,
  parseUrl,
  redacted,
  requestURI,
  resolveReference,
  splitHostPort,
  urlString,
  userString,
} from '../net-url.js';
import { quote } from '../strconv-quote.js';
import { GoMap, GoSlice, GoStruct, type GoValue, goInt } from '../values.js';
import { toGoString } from './convert.js';
import { FuncError, type GoFunc, fn } from './types.js';

/** Go string <-> byte string (one char per byte), as net/url indexes strings. */
const bytes = (s: string) => Buffer.from(toBytes(s)).toString('latin1');
const str = (b: string) => fromBytes(Buffer.from(b, 'latin1'));
const q = (b: string) => quote(str(b));

const val = (f: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', f);

/** A method templates could name that the engine does not implement: says so when called. */
const notSupported = (name: string) =>
  fn(
    [],
    'concrete',
    () => {
      throw new FuncError(`${name} is not supported by this engine`);
    },
    'any',
  );

function userinfo(ui: Userinfo | null): GoStruct {
  const members = (name: string): object | undefined => {
    switch (name) {
      case 'Username':
        return val(() => str(ui?.username ?? ''));
      case 'String':
        return val(() => str(userString(ui)));
      case 'Password':
        return notSupported('url.Userinfo.Password');
    }
    return undefined;
  };
  return new GoStruct('*url.Userinfo', str(userString(ui)), members, undefined, true, !ui);
}

function values(m: Map<string, string[]>): GoMap {
  const out = new GoMap(new Map(), '[]string', {
    typeName: 'url.Values',
    methods: (name) => {
      switch (name) {
        case 'Get':
          return fn(['string'], 'concrete', ([k]) =>
            out.m.has(k as string) ? ((out.m.get(k as string) as GoSlice).items[0] ?? '') : '',
          );
        case 'Has':
          return fn(['string'], 'concrete', ([k]) => out.m.has(k as string));
        case 'Encode':
          return val(() => {
            const cur = new Map<string, string[]>();
            for (const [k, v] of out.m)
              cur.set(
                bytes(k),
                (v as GoSlice).items.map((x) => bytes(x as string)),
              );
            return str(encodeQuery(cur));
          });
      }
      return undefined;
    },
  });
  for (const [k, vs] of m) out.m.set(str(k), new GoSlice(vs.map(str), 'string'));
  return out;
}

export function urlValue(u: Url): GoStruct {
  const members = (name: string): object | undefined => {
    switch (name) {
      case 'Scheme':
        return val(() => str(u.scheme));
      case 'Opaque':
        return val(() => str(u.opaque));
      case 'User':
        return val(() => userinfo(u.user));
      case 'Host':
        return val(() => str(u.host));
      case 'Path':
        return val(() => str(u.path));
      case 'RawPath':
        return val(() => str(u.rawPath));
      case 'OmitHost':
        return val(() => u.omitHost);
      case 'ForceQuery':
        return val(() => u.forceQuery);
      case 'RawQuery':
        return val(() => str(u.rawQuery));
      case 'Fragment':
        return val(() => str(u.fragment));
      case 'RawFragment':
        return val(() => str(u.rawFragment));
      case 'String':
        return val(() => str(urlString(u)));
      case 'Redacted':
        return val(() => str(redacted(u)));
      case 'EscapedPath':
        return val(() => str(escapedPath(u)));
      case 'EscapedFragment':
        return val(() => str(escapedFragment(u)));
      case 'Hostname':
        return val(() => str(splitHostPort(u.host)[0]));
      case 'Port':
        return val(() => str(splitHostPort(u.host)[1]));
      case 'IsAbs':
        return val(() => u.scheme !== '');
      case 'RequestURI':
        return val(() => str(requestURI(u)));
      case 'Query':
        return val(() => values(parseQuery(u.rawQuery)));
      case 'JoinPath':
        return fn(
          [],
          'concrete',
          (elem) => urlValue(joinPath(u, (elem as string[]).map(bytes))),
          'string',
        );
      case '__url':
        return { url: u };
      case 'Parse':
        return fn(['string'], 'concrete', ([ref]) => {
          try {
            return urlValue(resolveReference(u, parseUrl(bytes(ref as string), q)));
          } catch (e) {
            throw new FuncError((e as Error).message);
          }
        });
      case 'ResolveReference':
        return fn(['any'], 'concrete', ([ref]) => {
          const r =
            ref instanceof GoStruct
              ? (ref.members('__url') as { url?: Url } | undefined)?.url
              : undefined;
          if (!r) throw new FuncError('wrong type for value; expected *url.URL');
          return urlValue(resolveReference(u, r));
        });
      case 'UnmarshalBinary':
      case 'AppendBinary':
        return notSupported(`url.URL.${name}`);
      case 'MarshalBinary':
        return val(
          () =>
            new GoSlice(
              [...Buffer.from(urlString(u), 'latin1')].map((b) => goInt(b, 'uint8')),
              'uint8',
            ),
        );
    }
    return undefined;
  };
  return new GoStruct('*url.URL', str(urlString(u)), members);
}

export function parseUrlValue(v: GoValue): GoStruct {
  try {
    return urlValue(parseUrl(bytes(toGoString(v)), q));
  } catch (e) {
    throw new FuncError((e as Error).message);
  }
}

export const CONV_URL: Record<string, GoFunc> = {
  URL: fn(['any'], 'concrete', ([v]) => parseUrlValue(v as GoValue)),
};

export const CONV_URL_TOP: Record<string, GoFunc> = { urlParse: CONV_URL.URL! };
