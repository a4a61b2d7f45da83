// `template:render` under --dry-run: its output files are a plan, not writes. Running that
// plan with bash gives the same bytes and modes as the real run.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

const test = suite('template/dry-run: the drop-in plans its output files');

let dry: ReturnType<typeof tempDir>;
let real: ReturnType<typeof tempDir>;

/** The same templates in a folder: UTF-8 text, an executable, bytes that are not UTF-8. */
function templates(dir: string): void {
  writeFileSync(join(dir, 'a.tpl'), 'host: {{ .Env.HOST }}\n');
  writeFileSync(join(dir, 'run.tpl'), '#!/bin/sh\necho {{ .Env.HOST }}\n');
  chmodSync(join(dir, 'run.tpl'), 0o755);
  writeFileSync(join(dir, 'bin.tpl'), '{{ slice "日本" 0 4 }}');
  mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'in', 'sub', 'x.tpl'), 'x={{ .Env.HOST }}\n');
}

const ARGS = ['-f', 'a.tpl,run.tpl,bin.tpl', '-o', 'out/a.yaml,out/run.sh,out/bin.dat'];
const env = { HOST: 'hub.example.com' };

/** Every file under out/ with its mode and bytes (hex). */
function tree(dir: string, rel = 'out'): Record<string, string> {
  const abs = join(dir, rel);
  if (!existsSync(abs)) return {};
  const out: Record<string, string> = {};
  for (const name of spawnSync('ls', ['-A', abs], { encoding: 'utf8' }).stdout.split('\n')) {
    if (!name) continue;
    const p = join(rel, name);
    const st = statSync(join(dir, p));
    if (st.isDirectory()) Object.assign(out, tree(dir, p));
    else out[p] = `${(st.mode & 0o777).toString(8)} ${readFileSync(join(dir, p)).toString('hex')}`;
  }
  return out;
}

test.before.each(() => {
  dry = tempDir();
  real = tempDir();
  templates(dry.path);
  templates(real.path);
});
test.after.each(() => {
  dry.remove();
  real.remove();
});

test('no file is written; the plan on stdout writes what the real run writes', async () => {
  const planned = await runCli(['--dry-run', 'template:render', ...ARGS], { cwd: dry.path, env });
  assert.is(planned.code, 0, planned.stderr);
  assert.equal(tree(dry.path), {}, 'nothing written under --dry-run');
  assert.match(planned.stdout, /^#!\/usr\/bin\/env bash\n/);
  assert.match(planned.stdout, /# write .*out\/a\.yaml \(22 bytes\)/);

  const done = await runCli(['template:render', ...ARGS], { cwd: real.path, env });
  assert.is(done.code, 0, done.stderr);
  assert.is(done.stdout, '');
  const wanted = tree(real.path);
  assert.is(wanted['out/bin.dat'], '644 e697a5e6', 'bytes kept, not re-encoded');
  assert.is(wanted['out/run.sh']?.split(' ')[0], '755');

  const ran = spawnSync('bash', ['-c', planned.stdout], { cwd: dry.path, encoding: 'utf8' });
  assert.is(ran.status, 0, ran.stderr);
  assert.equal(tree(dry.path), wanted);
});

test('an unchanged output is not planned; a changed one is, and keeps its mode', async () => {
  mkdirSync(join(dry.path, 'out'));
  writeFileSync(join(dry.path, 'out', 'a.yaml'), 'host: hub.example.com\n');
  writeFileSync(join(dry.path, 'out', 'b.yaml'), 'old\n');
  chmodSync(join(dry.path, 'out', 'b.yaml'), 0o600);
  const r = await runCli(
    ['--dry-run', 'template:render', '-f', 'a.tpl,a.tpl', '-o', 'out/a.yaml,out/b.yaml'],
    { cwd: dry.path, env },
  );
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, /out\/a\.yaml/);
  assert.match(r.stdout, /out\/b\.yaml/);
  assert.is(readFileSync(join(dry.path, 'out', 'b.yaml'), 'utf8'), 'old\n');
  assert.is(spawnSync('bash', ['-c', r.stdout], { cwd: dry.path }).status, 0);
  assert.equal(
    tree(dry.path)['out/b.yaml'],
    `600 ${Buffer.from('host: hub.example.com\n').toString('hex')}`,
  );
});

test('--input-dir: the output folders are planned too', async () => {
  const args = ['template:render', '--input-dir', 'in', '--output-dir', 'out'];
  const planned = await runCli(['--dry-run', ...args], { cwd: dry.path, env });
  assert.is(planned.code, 0, planned.stderr);
  assert.equal(tree(dry.path), {});
  assert.match(planned.stdout, /mkdir -p -- .*out\/sub/);
  const done = await runCli(args, { cwd: real.path, env });
  assert.is(done.code, 0, done.stderr);
  assert.is(spawnSync('bash', ['-c', planned.stdout], { cwd: dry.path }).status, 0);
  assert.equal(tree(dry.path), tree(real.path));
  assert.is(Object.keys(tree(real.path)).length, 1);
});

test('to stdout under --dry-run: the rendered text is the result (nothing to plan)', async () => {
  const r = await runCli(['--dry-run', 'template:render', '-i', '{{ .Env.HOST }}'], {
    cwd: dry.path,
    env,
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'hub.example.com');
});

test.run();
