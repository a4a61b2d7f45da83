import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeCluster, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster; ctxDir: string }>('fake docker and podman', {
  fc: undefined as unknown as FakeCluster,
  ctxDir: '',
});
const IMAGE = 'localhost:30500/buun-stack-notebook:python-3.12-28';
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.ctxDir = join(ctx.fc.dir, 'images', 'datastack-notebook');
  mkdirSync(ctx.ctxDir, { recursive: true });
  writeFileSync(join(ctx.ctxDir, 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(ctx.ctxDir, 'buunstack-0.1.0-py3-none-any.whl'), 'wheel');
});
test.after.each((ctx) => ctx.fc.close());

const build = (fc: FakeCluster, tool: string, cwd: string, env: Record<string, string> = {}) =>
  run(
    fc,
    [
      tool,
      'build',
      '-t',
      IMAGE,
      '--build-arg',
      'spark_version=4.0.1',
      '--build-arg',
      'pip_repository_url=https://pypi.org/simple/',
      '.',
    ],
    { cwd, env },
  );

test('build records cwd, context files, build args and env; push needs the image', async ({
  fc,
  ctxDir,
}) => {
  const b = await build(fc, 'docker', ctxDir, { DOCKER_BUILDKIT: '1' });
  assert.is(b.code, 0, b.stderr);
  const rec = fc.state().builds[0];
  assert.equal(rec.files, ['Dockerfile', 'buunstack-0.1.0-py3-none-any.whl']);
  assert.is(rec.cwd, ctxDir);
  assert.is(rec.context, ctxDir);
  assert.equal(rec.buildArgs, {
    spark_version: '4.0.1',
    pip_repository_url: 'https://pypi.org/simple/',
  });
  assert.equal(rec.env, { DOCKER_BUILDKIT: '1' });
  assert.equal(fc.calls()[0].env.DOCKER_BUILDKIT, '1');
  const p = await run(fc, ['docker', 'push', IMAGE]);
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stdout, 'The push refers to repository [localhost:30500/buun-stack-notebook]');
  const unknown = await run(fc, ['docker', 'push', 'localhost:30500/other:1']);
  assert.is(unknown.code, 1);
  assert.is(
    unknown.stderr,
    'An image does not exist locally with the tag: localhost:30500/other\n',
  );
  // podman keeps its own image store
  const pp = await run(fc, ['podman', 'push', IMAGE]);
  assert.is(pp.code, 125);
  assert.is(pp.stderr, `Error: ${IMAGE}: image not known\n`);
  assert.is((await build(fc, 'podman', ctxDir)).code, 0);
  assert.is((await run(fc, ['podman', 'push', IMAGE])).code, 0);
  assert.equal(
    fc.state().pushes.map((x) => [x.tool, x.ok]),
    [
      ['docker', true],
      ['docker', false],
      ['podman', false],
      ['podman', true],
    ],
  );
});

test('missing Dockerfile, daemon down, failing build and push', async ({ fc, ctxDir }) => {
  rmSync(join(ctxDir, 'Dockerfile'));
  const noFile = await build(fc, 'docker', ctxDir);
  assert.is(noFile.code, 1);
  assert.match(
    noFile.stderr,
    'failed to read dockerfile: open Dockerfile: no such file or directory',
  );
  assert.match(
    (await build(fc, 'podman', ctxDir)).stderr,
    'no Containerfile or Dockerfile specified or found in context directory',
  );
  writeFileSync(join(ctxDir, 'Dockerfile'), 'FROM scratch\n');
  fc.update((s) => (s.simulations.docker = { daemonDown: true }));
  const down = await build(fc, 'docker', ctxDir);
  assert.is(down.code, 1);
  assert.is(
    down.stderr,
    'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
  );
  fc.update((s) => (s.simulations.docker = { failBuild: 'exit code: 2' }));
  const failed = await build(fc, 'docker', ctxDir);
  assert.is(failed.code, 1);
  assert.is(failed.stderr, 'ERROR: failed to solve: exit code: 2\n');
  assert.is(fc.state().builds.at(-1)?.ok, false);
  assert.equal(fc.state().builds.at(-1)?.files, ['Dockerfile', 'buunstack-0.1.0-py3-none-any.whl']);
  fc.update((s) => (s.simulations.podman = { daemonDown: true }));
  assert.is((await build(fc, 'podman', ctxDir)).code, 125);
  const noCtx = await run(fc, ['docker', 'build', '-t', IMAGE], { cwd: ctxDir });
  assert.is(noCtx.code, 1);
  const upper = await run(fc, ['docker', 'build', '-t', 'Bad/Name', '.'], { cwd: ctxDir });
  assert.match(upper.stderr, 'repository name must be lowercase');
  for (const args of [
    ['build', '-f', 'Dockerfile', '-t', IMAGE, '.'],
    ['build', '-t', IMAGE, '--no-cache', '.'],
    ['run', IMAGE],
    ['images'],
  ]) {
    const r = await run(fc, ['docker', ...args], { cwd: ctxDir });
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, 'unsupported');
  }
});

test.run();
