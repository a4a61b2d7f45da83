// Seeded random TOML documents, values to encode as TOML, URLs and template-set calls,
// for the differential test of data.TOML/ToTOML, conv.URL and tmpl.* against gomplate.
import { rng } from './template-gen.js';

const KEYS = ['a', 'b', '"b c"', "'lit'", 'x.y', 'x . z', '"é"', '1', '-_', '""', 'a."b"', 'A'];

const VALUES = [
  '1',
  '+7',
  '-0',
  '0',
  '1_000',
  '0xDEAD_beef',
  '0o17',
  '0b101',
  '9223372036854775807',
  '-9223372036854775808',
  '1.5',
  '-0.0',
  '1e3',
  '1E-2',
  '6.626e-34',
  '5e+22',
  'inf',
  '-inf',
  '+nan',
  'nan',
  '3.14_15',
  'true',
  'false',
  '"a\\tb\\n"',
  '"\\u00e9\\U0001F600"',
  '"q \\" \\\\"',
  "'raw \\n'",
  '"""\nml\n"""',
  '"""a \\\n   b"""',
  '"""one\ntwo \\\n\n  three"""',
  '""""x"""""',
  "'''\nraw ml'''",
  "''''a'''''",
  '1979-05-27T07:32:00Z',
  '1979-05-27T00:32:00.999999-07:00',
  '1979-05-27 07:32:00+01:30',
  '1979-05-27t07:32:00z',
  '1979-05-27T07:32:00',
  '1979-05-27',
  '07:32:00',
  '00:32:00.5',
  '[1, 2]',
  '[ ]',
  '[1, "a", 2.5]',
  '[ [1], ["a"] ]',
  '[\n  1, # one\n  2,\n]',
  '{ a = 1, b = "x" }',
  '{}',
  '{ x.y = 1, z = [1] }',
  '{ a = { b = true } }',
  '[{ a = 1 }, { a = 2 }]',
];

/** Values the library rejects, each with its own message. */
const BAD_VALUES = [
  '01',
  '1__0',
  '_1',
  '0x_1',
  '0b2',
  '0x',
  '+0x1',
  '9223372036854775808',
  '1e400',
  '1.',
  '.5',
  '00.1',
  '1.e2',
  'tru',
  'yes',
  '"\\uD800"',
  '"bad \\x"',
  '"\\ "',
  '"unterminated',
  '"tab\tin"',
  '1979-13-27',
  '1979-05-27T25:00:00',
  '[1,]',
  '[,]',
  '[1 2]',
  '{a=1,}',
  '{ a = 1\n}',
  '',
  '=',
];

const HEADERS = ['[t]', '[t.u]', '[ "q" . r ]', '[[arr]]', '[[arr.sub]]', '[a]', '[x]', '[t] # c'];
const BAD_HEADERS = ['[]', '[a', '[[x]', '[é]', '[a.]'];

const EXTRA = ['# comment', '', '   ', 'k = 1 # trailing'];
const BAD_LINES = ['k = 1 junk', 'key', '= 1', '.a = 1'];

function tomlDoc(r: () => number, pick: <T>(xs: readonly T[]) => T): string {
  const n = 1 + Math.floor(r() * 5);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const bad = r() < 0.05;
    if (x < 0.2) lines.push(pick(bad ? BAD_HEADERS : HEADERS));
    else if (x < 0.3) lines.push(pick(bad ? BAD_LINES : EXTRA));
    else lines.push(`${pick(KEYS)} = ${pick(bad ? BAD_VALUES : VALUES)}`);
  }
  return lines.join(r() < 0.1 ? '\r\n' : '\n');
}

/** Values for toTOML built in the template: maps, arrays of tables, scalars, nils. */
const ENC_VALUES = [
  '1',
  '-2',
  '2.5',
  '1e21',
  '0.000001',
  '"s"',
  '"q\\"\\\\\\t\\u0001é"',
  'true',
  'nil',
  '(coll.Slice)',
  '(coll.Slice 1 2)',
  '(coll.Slice 1 nil)',
  '(coll.Slice (coll.Slice 1) (coll.Slice "a"))',
  '(coll.Slice (dict "k" 1) (dict "k" 2 "j" (dict "z" 1)))',
  '(coll.Slice (dict "k" nil "a" 1))',
  '(coll.Slice (dict "x" 1) 2)',
  '(dict)',
  '(dict "in" (dict "deep" 1) "v" 2)',
  '(strings.Split "," "a,b")',
  '(time.Unix 1234567890)',
  '(time.Parse "2006-01-02T15:04:05Z07:00" "2001-02-03T04:05:06.5+02:00")',
  '(time.Hour 2)',
  '(math.Div 1 3)',
  '(base64.DecodeBytes "aGk=")',
];

const ENC_KEYS = ['"a"', '"b"', '"B"', '"é"', '"a b"', '""', '"1"', '"x.y"', '"_-"', '"t"'];

function encValue(r: () => number, pick: <T>(xs: readonly T[]) => T, depth: number): string {
  if (depth < 2 && r() < 0.35) {
    const n = Math.floor(r() * 4);
    const pairs = Array.from(
      { length: n },
      () => `${pick(ENC_KEYS)} ${encValue(r, pick, depth + 1)}`,
    );
    return `(dict ${pairs.join(' ')})`;
  }
  if (depth < 2 && r() < 0.15)
    return `(coll.Slice ${encValue(r, pick, depth + 1)} ${encValue(r, pick, depth + 1)})`;
  return pick(ENC_VALUES);
}

export function tomlCalls(n: number, seed = 20251207): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const x = r();
    if (x < 0.55) {
      const doc = tomlDoc(r, pick);
      return r() < 0.5
        ? `{{ $d := toml \`${doc}\` }}{{ $d }}|{{ toTOML $d }}`
        : `{{ $d := data.TOML \`${doc}\` }}{{ printf "%#v" $d }}|{{ toJSON $d }}`;
    }
    const v =
      r() < 0.8
        ? `(dict ${pick(ENC_KEYS)} ${encValue(r, pick, 0)} ${pick(ENC_KEYS)} ${encValue(r, pick, 0)})`
        : encValue(r, pick, 0);
    return `{{ toTOML ${v} }}`;
  });
}

const TMPL_BODIES = [
  '[{{ . }}]',
  '{{ .x }}',
  '{{ index . 0 }}',
  '{{ template "V" . }}',
  '',
  '{{ tmpl.Path }}',
];
const TMPL_DATA = ['', ' 1', ' nil', ' "s"', ' (dict "x" 2)', ' (coll.Slice 5)', ' 1 2'];

/** Named templates, inline templates and the template set they share. */
export function tmplCalls(n: number, seed = 20251208): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const body = pick(TMPL_BODIES);
    const def = r() < 0.7 ? `{{ define "T" }}${body}{{ end }}` : '';
    const inner = JSON.stringify(pick(TMPL_BODIES));
    switch (Math.floor(r() * 5)) {
      case 0:
        return `${def}{{ tmpl.Exec "T"${pick(TMPL_DATA)} }}`;
      case 1:
        return `${def}{{ tpl ${inner}${pick(TMPL_DATA)} }}`;
      case 2:
        return `${def}{{ tmpl.Inline "T" ${inner}${pick(TMPL_DATA)} }}|{{ template "T" ${pick(['1', '.', '"z"'])} }}`;
      case 3:
        return `${def}{{ tmpl.Exec "T"${pick(TMPL_DATA)} | len }} {{ tmpl.PathDir }}`;
      default:
        return `${def}{{ tpl "U" ${inner} }}{{ tmpl.Exec "U"${pick(TMPL_DATA)} }}`;
    }
  });
}

const SCHEMES = [
  '',
  'http:',
  'https:',
  'HTTP:',
  'mailto:',
  'file:',
  'git+ssh:',
  '1x:',
  ':',
  'a.b-c:',
];
const AUTHORITIES = [
  '',
  '//',
  '//x.y',
  '//x.y:8080',
  '//x.y:',
  '//x.y:8a',
  '//a:b@x.y',
  '//a@b@x.y',
  '//us%20er:p%40ss@h',
  '//a b@h',
  '//é@h',
  '//[::1]:80',
  '//[fe80::1%25en0]',
  '//[::1%en0]',
  '//[1.2.3.4]',
  '//[::ffff:1.2.3.4]',
  '//[1::2::3]',
  '//[12345::]',
  '//[::1',
  '//x[::1]',
  '//h:1:2',
  '//%41%42',
  '//h%2',
  '//a%3Cb',
  '//xn--é.com',
  '///',
];
const PATHS = [
  '',
  '/',
  '/p',
  '/a/b/',
  '/p%2Fq',
  '/a b',
  '/é',
  '/%zz',
  '/%',
  'rel',
  'a:b/c',
  './x',
  '/x;y=1',
  '*',
  '/~_!$',
];
const QUERIES = [
  '',
  '?',
  '?q=1',
  '?q=1&q=2&r',
  '?a=b%20c+d',
  '?a=%zz&b=2',
  '?x;y=1&z=3',
  '??',
  '?k=é',
];
const FRAGMENTS = ['', '#', '#f', '#a b', '#%41', '#%zz', '#é!()*', '#x#y'];

const URL_EXPRS = [
  '',
  '.Scheme',
  '.Opaque',
  '.User',
  '.User.Username',
  '.Host',
  '.Path',
  '.RawPath',
  '.OmitHost',
  '.ForceQuery',
  '.RawQuery',
  '.Fragment',
  '.RawFragment',
  '.String',
  '.Redacted',
  '.EscapedPath',
  '.EscapedFragment',
  '.Hostname',
  '.Port',
  '.IsAbs',
  '.RequestURI',
  '.Query',
  '(.Query.Get "q")',
  '(.Query.Has "r")',
  '.Query.Encode',
  '(.JoinPath "a" "../b/")',
  '(.JoinPath)',
  '(printf "%T" .User)',
  '(.Parse "../g;x?y#s")',
  '(.Parse "//h/./a")',
  '(.Parse "")',
  '(.ResolveReference (urlParse "a/./b/../c?"))',
];

/** URLs from parts (valid and not) and the fields and methods read from them. */
export function urlCalls(n: number, seed = 20251209): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const raw = pick(SCHEMES) + pick(AUTHORITIES) + pick(PATHS) + pick(QUERIES) + pick(FRAGMENTS);
    const exprs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(URL_EXPRS));
    const fn = r() < 0.5 ? 'conv.URL' : 'urlParse';
    return `{{ with ${fn} ${JSON.stringify(raw)} }}${exprs.map((e) => `{{ ${e || '.'} }}`).join('|')}{{ end }}`;
  });
}
