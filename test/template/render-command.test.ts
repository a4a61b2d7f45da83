// The gomplate command core: flags, validation errors, gathering, the whitespace-only
// rule, partial output on error, file modes, parent folders and rewrite-only-on-change.
// Message texts follow SEMANTICS.md §1 and gomplate-oracle.
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errorLogLine, runRenderCommand } from '../../tasks/template/render-command.js';
import { testContext } from '../support/context.js';

// Output files go through the core, as the recipe's do (a real run: nothing is planned).
const files = testContext().ctx.effects;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  err: string | undefined;
}

let dir = '';

async function run(
  argv: string[],
  stdin = '',
  env: Record<string, string> = { FOO: 'foo' },
): Promise<Run> {
  const chunks: Buffer[] = [];
  let stderr = '';
  const code = await runRenderCommand(argv, {
    cwd: dir,
    env,
    stdin: async () => stdin,
    stdout: (b) => chunks.push(b),
    stderr: (s) => (stderr += s),
    files,
  });
  const stdout = Buffer.concat(chunks).toString('utf8');
  const last = stderr.trim().split('\n').pop();
  const err = last ? (JSON.parse(last) as { err: string }).err : undefined;
  return { code, stdout, stderr, err };
}

const mode = (p: string) => statSync(join(dir, p)).mode & 0o777;
const read = (p: string) => readFileSync(join(dir, p), 'utf8');
const write = (p: string, s: string, m = 0o644) => {
  writeFileSync(join(dir, p), s);
  chmodSync(join(dir, p), m);
};

const cli = suite('render-command');

cli.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'render-cmd-'));
});
cli.after.each(() => rmSync(dir, { recursive: true, force: true }));

cli('-i renders to stdout', async () => {
  const r = await run(['-i', 'hello {{ .Env.FOO }}']);
  assert.equal([r.code, r.stdout, r.stderr], [0, 'hello foo', '']);
});

cli('stdout is bytes: a string cut inside a character is not re-encoded', async () => {
  const chunks: Buffer[] = [];
  const code = await runRenderCommand(['-i', '{{ slice "日本" 0 4 }}'], {
    cwd: dir,
    env: {},
    stdin: async () => '',
    stdout: (b) => chunks.push(b),
    stderr: () => undefined,
    files,
  });
  assert.is(code, 0);
  assert.is(Buffer.concat(chunks).toString('hex'), 'e697a5e6');
});

cli('--in=TEXT and -iTEXT forms', async () => {
  assert.is((await run(['--in={{ 1 }}'])).stdout, '1');
  assert.is((await run(['-i{{ 2 }}'])).stdout, '2');
  assert.is((await run(['--in', '{{ 3 }}'])).stdout, '3');
});

cli('stdin is the template when neither -f nor -i is given (name "-")', async () => {
  const r = await run([], 'from {{ "stdin" }}');
  assert.is(r.stdout, 'from stdin');
  const e = await run([], '{{ .nope }}');
  assert.is(
    e.err,
    'renderTemplate: failed to render template -: template: -:1:3: executing "-" at <.nope>: map has no entry for key "nope"',
  );
});

cli('an empty -i counts as not given (stdin is read)', async () => {
  assert.is((await run(['-i', ''], 'stdin wins')).stdout, 'stdin wins');
});

cli('-f IN -o OUT pairs, repeated and comma-split, in order', async () => {
  write('a.tpl', 'A={{ .Env.FOO }}\n');
  write('b.tpl', 'B\n');
  write('c.tpl', 'C\n');
  const r = await run(['-f', 'a.tpl,b.tpl', '--file', 'c.tpl', '-o', 'out/a', '-o', 'out/b,out/c']);
  assert.is(r.code, 0);
  assert.equal([read('out/a'), read('out/b'), read('out/c')], ['A=foo\n', 'B\n', 'C\n']);
});

cli('-f without -o writes to stdout; the template name is the path as typed', async () => {
  write('t.tpl', 'x{{ .Env.NOPE }}');
  const r = await run(['-f', './t.tpl']);
  assert.is(r.code, 1);
  assert.is(r.stdout, 'x');
  assert.is(
    r.err,
    'renderTemplate: failed to render template ./t.tpl: template: ./t.tpl:1:8: executing "./t.tpl" at <.Env.NOPE>: map has no entry for key "NOPE"',
  );
});

cli('validation: -i with -f', async () => {
  write('t.tpl', 'x');
  const r = await run(['-i', 'x', '-f', 't.tpl']);
  assert.is(r.code, 1);
  assert.is(
    r.err,
    "failed to validate config: only one of these options is supported at a time: 'in', 'inputFiles'",
  );
});

cli('validation: output count must match input count', async () => {
  write('a', 'a');
  write('b', 'b');
  const r = await run(['-f', 'a', '-f', 'b', '-o', 'x']);
  assert.is(
    r.err,
    "failed to validate config: must provide same number of 'outputFiles' (1) as 'in' or 'inputFiles' (2) options",
  );
  const r2 = await run(['-i', 'x', '-o', 'p,q']);
  assert.is(
    r2.err,
    "failed to validate config: must provide same number of 'outputFiles' (2) as 'in' or 'inputFiles' (1) options",
  );
});

cli('a missing -f file fails while gathering, before anything renders', async () => {
  write('ok.tpl', 'ok');
  const r = await run(['-f', 'ok.tpl', '-f', 'missing.tpl', '-o', 'o1', '-o', 'o2']);
  assert.is(r.code, 1);
  const abs = join(dir, 'missing.tpl').replace(/^\//, '');
  assert.is(
    r.err,
    `failed to gather templates for rendering: fileToTemplate: stat "missing.tpl": stat ${abs}: no such file or directory`,
  );
  assert.not.ok(existsSync(join(dir, 'o1')));
});

cli('rendering stops at the first error; earlier outputs are written', async () => {
  write('a', 'first');
  write('b', 'second {{ .nope }}');
  write('c', 'third');
  const r = await run(['-f', 'a,b,c', '-o', 'oa,ob,oc']);
  assert.is(r.code, 1);
  assert.is(read('oa'), 'first');
  assert.is(read('ob'), 'second ');
  assert.not.ok(existsSync(join(dir, 'oc')));
});

cli('whitespace-only output writes nothing: no file, no stdout', async () => {
  write('t', '  \n{{ if false }}x{{ end }}\t\r\n\v');
  const r = await run(['-f', 't', '-o', 'out']);
  assert.equal([r.code, r.stdout], [0, '']);
  assert.not.ok(existsSync(join(dir, 'out')));
  assert.is((await run(['-i', ' \n{{ "" }}'])).stdout, '');
});

cli('whitespace-only output leaves an existing file untouched', async () => {
  write('t', '\n{{- if .Env.EMPTY }}x{{ end }}\n');
  write('out', 'previous');
  const r = await run(['-f', 't', '-o', 'out'], '', { EMPTY: '' });
  assert.is(r.code, 0);
  assert.is(read('out'), 'previous');
});

cli('form feed is not whitespace for the skipper', async () => {
  assert.is((await run(['-i', '{{ "\\f" }}'])).stdout, '\f');
});

cli('partial output is written to the -o file on error', async () => {
  write('partial.tpl', 'ok: {{ .Env.FOO }}\nbad: {{ .Env.NOPE }}\n');
  const r = await run(['-f', 'partial.tpl', '-o', 'partial.out']);
  assert.is(r.code, 1);
  assert.is(read('partial.out'), 'ok: foo\nbad: ');
  assert.is(
    r.err,
    'renderTemplate: failed to render template partial.tpl: template: partial.tpl:2:12: executing "partial.tpl" at <.Env.NOPE>: map has no entry for key "NOPE"',
  );
});

cli('a new output file takes the template mode; --in gives 0644', async () => {
  const old = process.umask(0);
  try {
    write('exec.tpl', '#!/bin/sh\necho hi\n', 0o755);
    write('priv.tpl', 'secret', 0o600);
    await run(['-f', 'exec.tpl,priv.tpl', '-o', 'exec.sh,priv.txt']);
    assert.is(mode('exec.sh'), 0o755);
    assert.is(mode('priv.txt'), 0o600);
    await run(['-i', 'x', '-o', 'in.txt']);
    assert.is(mode('in.txt'), 0o644);
  } finally {
    process.umask(old);
  }
});

cli('parent folders of the output are created', async () => {
  await run(['-i', 'deep', '-o', 'a/b/c/out.txt']);
  assert.is(read('a/b/c/out.txt'), 'deep');
  assert.is(statSync(join(dir, 'a/b')).isDirectory(), true);
});

cli('an existing file is rewritten only when the content differs (mode kept)', async () => {
  write('out', 'same', 0o600);
  const past = new Date(2001, 0, 1);
  utimesSync(join(dir, 'out'), past, past);
  await run(['-i', 'same', '-o', 'out']);
  assert.is(statSync(join(dir, 'out')).mtime.getTime(), past.getTime());
  await run(['-i', 'changed', '-o', 'out']);
  assert.is(read('out'), 'changed');
  assert.is(mode('out'), 0o600);
  assert.ok(statSync(join(dir, 'out')).mtime.getTime() > past.getTime());
});

cli('an output path that cannot be written is an error naming the file', async () => {
  write('file', 'x');
  const r = await run(['-i', 'content', '-o', 'file/sub.txt']);
  assert.is(r.code, 1);
  assert.ok(r.err?.startsWith("failed to open output file 'file/sub.txt' for writing: "), r.err);
});

cli('-d alias=path and -d file.yaml (alias before the first dot)', async () => {
  write('models.yaml', 'name: m1\nlist: [a, b]\n');
  write('cfg.local.yaml', 'x: 1\n');
  const r = await run([
    '-d',
    'models=models.yaml',
    '-d',
    'cfg.local.yaml',
    '-i',
    '{{ (ds "models").name }} {{ (datasource "cfg").x }}',
  ]);
  assert.equal([r.code, r.stdout], [0, 'm1 1']);
});

cli('-d file.yaml outside the working directory needs an alias', async () => {
  const r = await run(['-d', 'sub/x.yaml', '-i', 'x']);
  assert.is(
    r.err,
    'invalid argument (sub/x.yaml): must provide an alias with files not in working directory',
  );
});

cli('unknown flags: "Error: …" line plus the JSON log line', async () => {
  const r = await run(['--bogus']);
  assert.is(r.code, 1);
  assert.ok(r.stderr.startsWith('Error: unknown flag: --bogus\n'), r.stderr);
  assert.is(r.err, 'unknown flag: --bogus');
  assert.is((await run(['-x'])).err, "unknown shorthand flag: 'x' in -x");
  assert.is((await run(['-f'])).err, 'flag needs an argument: --file');
  assert.is((await run(['stray'])).err, 'unknown command "stray" for "gomplate"');
});

cli('unsupported gomplate flags are rejected by name', async () => {
  assert.is(
    (await run(['--exec-pipe'])).err,
    'gomplate flag --exec-pipe is not supported by this engine',
  );
  assert.is((await run(['-t', 'x=y'])).err, 'gomplate flag -t is not supported by this engine');
});

cli('parse errors use the parse-stage message', async () => {
  const r = await run(['-i', '{{ if }}']);
  assert.is(r.err, 'renderTemplate: parse template <arg>: template: <arg>:1: missing value for if');
});

cli('the error line is gomplate JSON log shape', async () => {
  const line = errorLogLine('bad "thing"\n', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 600)));
  const tz = new Date().getTimezoneOffset() === 0;
  if (tz)
    assert.is(
      line,
      '{"time":"2024-01-02T03:04:05.6Z","level":"ERROR","msg":"","err":"bad \\"thing\\"\\n"}\n',
    );
  const parsed = JSON.parse(line) as Record<string, string>;
  assert.equal(Object.keys(parsed), ['time', 'level', 'msg', 'err']);
  assert.is(parsed.err, 'bad "thing"\n');
});

cli.run();
