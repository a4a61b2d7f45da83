// Issue 18's lists, item by item: what text/template gained between Go 1.19 and Go 1.26,
// and the cases once found differing from Go. Each template has Go's answer written
// down, and both the real gomplate (v4.3.3, built with Go 1.26) and the engine must give
// exactly it: the written answer keeps the comparison from passing on a shared mistake.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, render } from '../../tasks/gomplate/index.js';
import { toBuffer } from '../../tasks/gomplate/gostring.js';
import { runRenderCommand } from '../../tasks/template/render-command.js';
import { testContext } from '../support/context.js';
import { ensureGomplate, renderBatch } from './gomplate.js';
import { writeFiles } from './oracle.js';

// Output files go through the core, as the recipe's do (a real run: nothing is planned).
const files = testContext().ctx.effects;

/** [template, Go's output] or [template, { err: Go's error, the template's name as T }]. */
type Case = [string, string | Buffer | { err: string }];

const GO_1_26: Case[] = [
  // Go 1.22: range over an integer, counting in the integer's own type
  ['{{ range 3 }}{{ . }}{{ end }}', '012'],
  ['{{ range $i := (conv.ToInt64 "2") }}{{ printf "%T" $i }}{{ end }}', 'int64int64'],
  ['{{ range $e := -2 }}x{{ else }}none{{ end }}', 'none'],
  [
    '{{ range $i, $e := 3 }}{{ end }}',
    {
      err: 'template: T:1:19: executing "T" at <3>: can\'t use 3 to iterate over more than one variable',
    },
  ],
  [
    '{{ range 3.5 }}{{ end }}',
    { err: 'template: T:1:9: executing "T" at <3.5>: range can\'t iterate over 3.5' },
  ],
  // Go 1.22: range assigns to variables already declared
  ['{{ $x := 0 }}{{ range $x = 3 }}{{ end }}{{ $x }}', '2'],
  [
    '{{ $i := 9 }}{{ $e := 9 }}{{ range $i, $e = coll.Slice "a" "b" }}{{ end }}{{ $i }}{{ $e }}',
    '1b',
  ],
  // Go 1.23: else with
  ['{{ with 0 }}a{{ else with "" }}b{{ else with 3 }}c{{ . }}{{ end }}', 'c3'],
  ['{{ with 0 }}a{{ else with 2 }}b{{ . }}{{ else }}c{{ end }}', 'b2'],
  // Go 1.18 (after the old reference's text/template port): break and continue
  [
    '{{ range $i := 5 }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $i }}{{ end }}',
    '02',
  ],
  ['{{ if true }}{{ break }}{{ end }}', { err: 'template: T:1: {{break}} outside {{range}}' }],
  [
    '{{ range 2 }}{{ continue 1 }}{{ end }}',
    { err: 'template: T:1: unexpected "1" in {{continue}}' },
  ],
  // Runaway recursion: Go's error, at Go's place (the engine cuts off earlier; see exec.ts)
  [
    '{{ define "R" }}{{ template "R" }}{{ end }}{{ template "R" }}',
    {
      err: 'template: T:1:28: executing "R" at <{{template "R"}}>: exceeded maximum template depth (100000)',
    },
  ],
  // Go 1.26's error for call names the callee
  [
    '{{ call 1 }}',
    {
      err: 'template: T:1:3: executing "T" at <call 1>: error calling call: non-function 1 of type int',
    },
  ],
];

const PRINTF: Case[] = [
  ['{{ printf "%b" 2.5 }}', '5629499534213120p-51'],
  ['{{ printf "%+q" "é" }}', '"\\u00e9"'],
  ['{{ printf "%.T|%7.1T" nil nil }}', '<nil>|  <nil>'],
  ['{{ printf "%#12v|%#10v|% #v" "Z" 0.000001 0 }}', '         "Z"|     1e-06| 0'],
  ['{{ printf "%#U" \'\\n\' }}', 'U+000A'],
  ['{{ printf "%x|%X" (conv.ToFloat64 "NaN") (conv.ToFloat64 "Inf") }}', 'NaN|+Inf'],
  ['{{ printf "%+x|%X" (conv.ToFloat64 "NaN") (conv.ToFloat64 "-Inf") }}', '+NaN|-Inf'],
  ['{{ printf "%+.d|%.O|%#O" 0 0 7 }}', '||0o07'],
  ['{{ printf "%#08x|%#o|%#b|%x|% 05d" 255 8 5 -255 42 }}', '0x000000ff|010|0b101|-ff| 0042'],
  // a time.Time (a YAML timestamp) under each verb
  [
    '{{ $t := (ds "d").ts }}{{ printf "%#v" $t }}',
    'time.Date(2001, time.December, 14, 0, 0, 0, 0, time.UTC)',
  ],
  [
    '{{ $t := (ds "d").ts }}{{ printf "%v|%s|%q" $t $t $t }}',
    '2001-12-14 00:00:00 +0000 UTC|2001-12-14 00:00:00 +0000 UTC|"2001-12-14 00:00:00 +0000 UTC"',
  ],
  ['{{ $t := (ds "d").ts }}{{ printf "%d" $t }}', '{0 63143884800 0}'],
  [
    '{{ $t := (ds "d").ts }}{{ printf "%x" $t }}',
    '323030312d31322d31342030303a30303a3030202b3030303020555443',
  ],
  [
    '{{ printf "%#v" (coll.Slice 1 "a" 2.5 nil) }}|{{ printf "%#5v" (dict "k" 1) }}',
    '[]interface {}{1, "a", 2.5, interface {}(nil)}|map[string]interface {}{  "k":    1}',
  ],
  // a string cut inside a character: the bytes, not U+FFFD
  ['{{ "\\xe6\\x97\\xa5\\xe6" }}', Buffer.from('e697a5e6', 'hex')],
];

const FILES = { 'd.yaml': 'ts: 2001-12-14\n' };
const DS = { d: 'd.yaml' };

const semantics = suite('go-semantics');

async function check(cases: Case[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-sem-'));
  try {
    writeFiles(dir, FILES);
    const templates = cases.map(([t]) => t);
    const args = ['-d', 'd=d.yaml'];
    const { names, results } = await renderBatch(ensureGomplate(), templates, dir, {}, args);
    const failures: string[] = [];
    cases.forEach(([t, want], i) => {
      const name = names[i]!;
      const gomplate = results[i]!;
      let engineOut = '';
      let engineErr: string | null = null;
      try {
        engineOut = render(t, { name, cwd: dir, datasources: DS });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        engineErr = e.gomplateMessage;
      }
      const unname = (s: string | null) =>
        s === null
          ? null
          : s
              .split(name)
              .join('T')
              .replace(/^renderTemplate: [^:]*: /, '');
      if (typeof want === 'string' || Buffer.isBuffer(want)) {
        const bytes = typeof want === 'string' ? Buffer.from(want) : want;
        const ok = (b: Buffer, err: string | null) => err === null && b.equals(bytes);
        if (!ok(gomplate.output, gomplate.error))
          failures.push(`gomplate ${t}: ${gomplate.output.toString('hex')} ${gomplate.error}`);
        if (!ok(toBuffer(engineOut), engineErr))
          failures.push(`engine ${t}: ${toBuffer(engineOut).toString('hex')} ${engineErr}`);
      } else {
        const tail = (s: string | null) => unname(s)?.replace(/^parse template T: /, '');
        if (tail(gomplate.error) !== want.err) failures.push(`gomplate ${t}: ${gomplate.error}`);
        if (tail(engineErr) !== want.err) failures.push(`engine ${t}: ${engineErr}`);
      }
    });
    assert.is(failures.length, 0, failures.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

semantics("text/template's additions up to Go 1.26 (range over int, else with, …)", () =>
  check(GO_1_26),
);

semantics('the printf cases once found differing render as Go renders them', () => check(PRINTF));

semantics('stdout carries the bytes, as the real gomplate writes them', async () => {
  const template = '{{ "\\xe6\\x97\\xa5\\xe6" }}';
  const real = spawnSync(ensureGomplate(), ['-i', template], { env: {}, timeout: 30_000 });
  assert.is(real.status, 0, String(real.stderr));
  const chunks: Buffer[] = [];
  const code = await runRenderCommand(['-i', template], {
    cwd: tmpdir(),
    env: {},
    stdin: async () => '',
    stdout: (b) => chunks.push(b),
    stderr: () => undefined,
    files,
  });
  assert.is(code, 0);
  assert.is(real.stdout.toString('hex'), 'e697a5e6');
  assert.is(Buffer.concat(chunks).toString('hex'), 'e697a5e6');
});

semantics('slice is bounded by the capacity (gomplate 5: the builtin)', () => {
  // expected = Go's text/template; gomplate v4 maps `slice` to coll.Slice, so not compared
  assert.is(render('{{ slice (slice (strings.Split "," "a,b,c") 0 1) 0 2 }}'), '[a b]');
  assert.is(render('{{ slice (strings.SplitN "," 5 "a,b") 1 3 | len }}'), '2');
  assert.throws(
    () => render('{{ slice (strings.Split "," "a,b") 0 3 }}'),
    /error calling slice: index out of range: 3/,
  );
  // the broken-character case of the issue, through the library
  assert.is(toBuffer(render('{{ slice "日本" 0 4 }}')).toString('hex'), 'e697a5e6');
});

semantics.run();
