// data.TOML/ToTOML, conv.URL and tmpl.* against the real gomplate v4.3.3: gomplate's
// documented examples, then seeded random documents, values and template sets. Output
// bytes and error messages must be identical.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render } from '../../tasks/gomplate/index.js';
import { toBuffer } from '../../tasks/gomplate/gostring.js';
import { ensureGomplate, renderBatch } from './gomplate.js';
import { tmplCalls, tomlCalls, urlCalls } from './toml-url-tmpl-calls.js';

const EXAMPLES = [
  // data.TOML / data.ToTOML (the docs' first example reads .hello from the top level,
  // which fails in gomplate too: the key is data.hello)
  '{{ $t := `[data]\nhello = "world"` }}Hello {{ (toml $t).data.hello }}',
  '{{ `{"foo":"bar"}` | data.JSON | data.ToTOML }}',
  // conv.URL
  '{{ $u := conv.URL "https://example.com:443/foo/bar" }}\nThe scheme is {{ $u.Scheme }}\nThe host is {{ $u.Host }}\nThe path is {{ $u.Path }}\n',
  '{{ (conv.URL "https://user:supersecret@example.com").Redacted }}',
  '{{ (conv.URL "https://a:b@x.y:8/p?q=1#f").Host }}',
  '{{ $u := conv.URL "https://example.com:443/foo/bar" }}{{ $u.Hostname }} {{ $u.Port }} {{ $u.Path }}',
  '{{ $u := conv.URL "https://example.com/search?q=gomplate&page=2" }}{{ $u.Query.Get "q" }} {{ $u.Query }} {{ $u.RawQuery }}',
  // tmpl
  '{{define "T1"}}hello, world!{{end}}{{ tmpl.Exec "T1" | strings.ToUpper }}',
  '{{define "T1"}}hello, {{.}}{{end}}{{ tmpl.Exec "T1" "world!" | strings.Title }}',
  '{{ tmpl.Inline "{{print `hello world`}}" }}',
  '\n{{ $tstring := "{{ print .value ` world` }}" }}\n{{ $context := dict "value" "hello" }}\n{{ tpl "T1" $tstring $context }}\n{{ template "T1" (dict "value" "goodbye") }}\n',
  'this template is in {{ tmpl.Path }} ({{ tmpl.PathDir }})',
];

/** A TOML document with every kind of value, table and array of tables. */
const FULL_TOML = `# This is a TOML document.
title = "TOML Example"

[owner]
name = "Tom Preston-Werner"
dob = 1979-05-27T07:32:00-08:00 # First class dates

[database]
server = "192.168.1.1"
ports = [ 8001, 8001, 8002 ]
connection_max = 5000
enabled = true
temp_targets = { cpu = 79.5, case = 72.0 }

[servers]

  # Indentation (tabs and/or spaces) is allowed but not required
  [servers.alpha]
  ip = "10.0.0.1"
  dc = "eqdc10"

  [servers.beta]
  ip = "10.0.0.2"
  dc = "eqdc10"

[clients]
data = [ ["gamma", "delta"], [1, 2] ]

# Line breaks are OK when inside arrays
hosts = [
  "alpha",
  "omega"
]

[[products]]
name = "Hammer"
sku = 738594937

[[products]]

[[products]]
name = "Nail"
sku = 284758393
color = "gray"

[a.b.c]
d = 0x_ff
"quoted key" = 'literal \\ string'
multi = """
Roses are red
Violets are blue"""
lit = '''
The first newline is
trimmed in raw strings.'''
ld = 1979-05-27
lt = 07:32:00.999
ldt = 1979-05-27T07:32:00
`;

const FIXED = [
  `{{ $d := toml \`${FULL_TOML}\` }}{{ $d }}\n{{ toTOML $d }}\n{{ toJSON $d }}\n{{ printf "%T %T %T %T" $d.products $d.owner.dob $d.database.ports $d.database.connection_max }}`,
  `{{ (toml \`${FULL_TOML}\`).products | len }}`,
  '{{ toml "a = 1\\nb = [" }}',
  '{{ toml "[a]\\nx = 1\\n[a]" }}',
  '{{ toml "a = 1\\na = 2" }}',
  '{{ toml "a.b = 1\\n[a]\\nc = 2" }}',
  '{{ toml "[[a]]\\n[a]" }}',
  '{{ toml "a = 1\\n[[a]]" }}',
  '{{ toml "a = [1]\\n[[a]]" }}',
  '{{ toml "a = { b = 1 }\\n[a]\\nc = 1" }}',
  '{{ toml "\\u00e9 = 1" }}',
  '{{ toml "a = \\"\\x01\\"" }}',
  '{{ toml "a = 1\\u0000" }}',
  '{{ toml 42 }} {{ toml nil }} {{ toml "" }}',
  '{{ toTOML (toml "a = [[], 1]") }}',
  '{{ toTOML (toml "a = [{}, {b=[]}]") }} {{ printf "%#v" (toml "a = []").a }} {{ toJSON (toml "a = []") }}',
  '{{ toTOML "x" }}',
  '{{ toTOML nil }}',
  '{{ toTOML 1 }}',
  '{{ toTOML (coll.Slice (dict "a" 1)) }}',
  '{{ toTOML (dict "a" (dict "b" (dict "c" (coll.Slice (dict "d" 1) (dict "e" (dict "f" 2)))))) }}',
  '{{ toTOML (dict "x" (coll.Slice (coll.Slice 1 2) (coll.Slice))) }}',
  '{{ toTOML (dict "k" (coll.Slice (dict "a" 1 "b" (dict "c" 2) "n" nil))) }}',
];

function compare(
  templates: string[],
  names: string[],
  expected: { output: Buffer; error: string | null }[],
): string[] {
  const failures: string[] = [];
  templates.forEach((t, i) => {
    let output: string;
    let error: string | null = null;
    try {
      output = render(t, { name: names[i]! });
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      error = toBuffer(e.gomplateMessage).toString('utf8');
      output = e.partial;
    }
    const got = toBuffer(isWhitespaceOnly(output) ? '' : output);
    const exp = expected[i]!;
    if (!got.equals(exp.output) || error !== exp.error)
      failures.push(
        `${t}\n  engine:   ${JSON.stringify(got.toString())} ${error}\n  gomplate: ${JSON.stringify(exp.output.toString())} ${exp.error}`,
      );
  });
  return failures;
}

async function against(templates: string[]): Promise<{ failures: string[]; errors: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-toml-'));
  try {
    const { names, results } = await renderBatch(ensureGomplate(), templates, dir, {}, [], 100, 4);
    return {
      failures: compare(templates, names, results),
      errors: results.filter((x) => x.error !== null).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const diff = suite('TOML, URL and tmpl functions against the real gomplate');

diff("gomplate's documented examples render identically", async () => {
  const { failures, errors } = await against(EXAMPLES);
  assert.is(failures.length, 0, failures.join('\n'));
  assert.is(errors, 0);
});

diff('a full TOML document and the error cases render (or fail) identically', async () => {
  const { failures } = await against(FIXED);
  assert.is(failures.length, 0, failures.join('\n'));
});

diff('800 random TOML documents and values render (or fail) identically', async () => {
  const templates = tomlCalls(800);
  const { failures, errors } = await against(templates);
  assert.is(failures.length, 0, `${failures.length} differ:\n` + failures.slice(0, 12).join('\n'));
  assert.ok(errors > 80 && errors < 500, String(errors));
});

diff('600 random URLs and their fields render (or fail) identically', async () => {
  const { failures, errors } = await against(urlCalls(600));
  assert.is(failures.length, 0, `${failures.length} differ:\n` + failures.slice(0, 12).join('\n'));
  assert.ok(errors > 50 && errors < 500, String(errors));
});

diff('300 random template-set calls render (or fail) identically', async () => {
  const { failures, errors } = await against(tmplCalls(300));
  assert.is(failures.length, 0, `${failures.length} differ:\n` + failures.slice(0, 12).join('\n'));
  assert.ok(errors > 10 && errors < 250, String(errors));
});

diff('.toml datasources read like data.TOML, errors included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-tomlds-'));
  try {
    writeFileSync(join(dir, 'ok.toml'), 'a = 1\n[t]\nb = "x"\n[[l]]\n');
    writeFileSync(join(dir, 'bad.toml'), 'a = \n');
    const ds = { o: 'ok.toml', b: 'bad.toml' };
    const templates = [
      '{{ ds "o" }} {{ (ds "o").t.b }} {{ include "o" | len }} {{ printf "%T" (ds "o").l }}',
      '{{ ds "b" }}',
    ];
    const args = Object.entries(ds).flatMap(([k, v]) => ['-d', `${k}=${v}`]);
    const { names, results } = await renderBatch(
      ensureGomplate(),
      templates,
      dir,
      {},
      args,
      100,
      1,
    );
    templates.forEach((t, i) => {
      let got: string;
      try {
        got = render(t, { name: names[i]!, cwd: dir, datasources: ds });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        got = 'ERR ' + e.gomplateMessage;
      }
      const want =
        results[i]!.error !== null ? 'ERR ' + results[i]!.error : results[i]!.output.toString();
      assert.is(got, want, t);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

diff.run();
