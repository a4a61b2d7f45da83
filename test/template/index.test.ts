import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

// `npx tasks template:render` as a gomplate drop-in: -f/-o, -i, stdin, -d alias=file, .Env,
// byte-exact output, whitespace-only output writes nothing, errors as gomplate's JSON line.
const test = suite('template:render command line');
let dir: ReturnType<typeof tempDir>;
test.before.each(() => {
  dir = tempDir();
});
test.after.each(() => dir.remove());
const render = (args: string[], o: { env?: Record<string, string>; input?: string } = {}) =>
  runCli(['template:render', ...args], { cwd: dir.path, env: o.env, input: o.input });
const file = (name: string) => join(dir.path, name);

// CRLF, a tab, no final newline, non-ASCII, a trimmed action: output must be exactly this.
const TEMPLATE =
  'host: {{ .Env.HOST }}\r\n\tsize={{ printf "%d" 5 }}  {{- "x" }}\nünï ✓ {{ "end" | toUpper }}';
const EXPECTED = 'host: h.example\r\n\tsize=5x\nünï ✓ END';

test('-f IN -o OUT writes the file byte for byte (mode of the template), nothing printed', async () => {
  writeFileSync(file('in.tmpl'), TEMPLATE, { mode: 0o640 });
  const r = await render(['-f', 'in.tmpl', '-o', 'out/result.txt'], { env: { HOST: 'h.example' } });
  assert.equal([r.code, r.stdout, r.stderr], [0, '', '']);
  assert.is(readFileSync(file('out/result.txt'), 'utf8'), EXPECTED);
  assert.is(statSync(file('out/result.txt')).mode & 0o777, 0o640);
});

test('-f IN without -o, -i TEXT and stdin: byte-exact output on stdout', async () => {
  writeFileSync(file('in.tmpl'), TEMPLATE);
  const env = { HOST: 'h.example' };
  const [f, i, long, stdin, dash] = await Promise.all([
    render(['-f', 'in.tmpl'], { env }),
    render(['-i', TEMPLATE], { env }),
    render(['--in', TEMPLATE], { env }),
    render([], { env, input: TEMPLATE }),
    render(['-f', '-'], { env, input: TEMPLATE }),
  ]);
  for (const r of [f, i, long, stdin, dash])
    assert.equal([r.code, r.stdout, r.stderr], [0, EXPECTED, '']);
});

test('the environment is .Env; -d alias=file is a datasource', async () => {
  writeFileSync(file('cfg.json'), '{"name":"hub","ports":[80,443]}');
  writeFileSync(file('values.yaml'), 'replicas: 2\nimage:\n  tag: "5.3"\n');
  const r = await render(
    [
      '-d',
      'cfg=cfg.json',
      '-d',
      'vals=values.yaml',
      '-i',
      '{{ (ds "cfg").name }}:{{ index (ds "cfg").ports 1 }} {{ (ds "vals").image.tag }}x{{ (ds "vals").replicas }} {{ .Env.WHO }}',
    ],
    { env: { WHO: 'alice' } },
  );
  assert.equal([r.code, r.stdout, r.stderr], [0, 'hub:443 5.3x2 alice', '']);
});

test('whitespace-only output writes nothing: no file created, an existing file left as it was', async () => {
  const [fresh, out] = await Promise.all([
    render(['-i', ' {{- "" }}\n\t\n', '-o', 'ws.txt']),
    render(['-i', '  \n']),
  ]);
  assert.equal([fresh.code, fresh.stdout, fresh.stderr], [0, '', '']);
  assert.not.ok(existsSync(file('ws.txt')));
  assert.equal([out.code, out.stdout], [0, '']);
  writeFileSync(file('keep.txt'), 'previous\n');
  assert.is((await render(['-i', '\n\n', '-o', 'keep.txt'])).code, 0);
  assert.is(readFileSync(file('keep.txt'), 'utf8'), 'previous\n');
});

/** gomplate's error: one JSON log line on stderr. */
function assertGomplateError(stderr: string, err: RegExp) {
  const lines = stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, stderr);
  const entry = JSON.parse(lines[0]!);
  assert.equal(Object.keys(entry), ['time', 'level', 'msg', 'err']);
  assert.is(entry.level, 'ERROR');
  assert.is(entry.msg, '');
  assert.ok(!Number.isNaN(Date.parse(entry.time)), entry.time);
  assert.match(entry.err, err);
}

test('errors exit 1 with the gomplate-shaped JSON line on stderr', async () => {
  const [missingKey, parse, missingFile] = await Promise.all([
    render(['-i', 'a{{ .Env.NOPE }}b']),
    render(['-i', '{{ if }}']),
    render(['-f', 'missing.tmpl']),
  ]);
  for (const r of [missingKey, parse, missingFile]) assert.is(r.code, 1);
  assertGomplateError(
    missingKey.stderr,
    /^renderTemplate: failed to render template <arg>: template: <arg>:1:8: executing "<arg>" at <\.Env\.NOPE>: map has no entry for key "NOPE"$/,
  );
  assert.is(missingKey.stdout, 'a', 'the partial output, as gomplate writes it');
  assertGomplateError(
    parse.stderr,
    /^renderTemplate: parse template <arg>: template: <arg>:1: missing value for if$/,
  );
  assertGomplateError(
    missingFile.stderr,
    /^failed to gather templates for rendering: fileToTemplate: stat "missing\.tmpl": stat .*missing\.tmpl: no such file or directory$/,
  );
  assert.is(parse.stdout + missingFile.stdout, '');
});

test('-o to a path that cannot be written: exit 1, JSON line naming it', async () => {
  writeFileSync(file('a-file'), 'x');
  const r = await render(['-i', 'text', '-o', 'a-file/under']);
  assert.is(r.code, 1);
  assertGomplateError(r.stderr, /^failed to open output file 'a-file\/under' for writing: /);
  assert.ok(readFileSync(file('a-file'), 'utf8') === 'x');
});

test.run();
