// jupyterhub:build-kernel-images / push-kernel-images when things go wrong (fake docker and
// podman): a failing build, no docker/podman binary, a stopped daemon, an unknown
// DOCKER_CMD, a plain-HTTP registry, an image never built. Each ends with exit 1, one ✗ line
// and no stack trace, and never leaves a wheel in an image folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFakeCluster, type FakeCluster } from '../../fakes/index.js';
import {
  IMAGES_DIR,
  WHEEL_NAME,
  errorLines,
  lockKernelImages,
  pythonShim,
  requireDebianPythonBuild,
  runTasks,
  wheelsIn,
  type PythonShim,
} from './support.js';

interface Ctx {
  fc: FakeCluster;
  py: PythonShim;
}

const test = suite<Ctx>('kernel images: failures (fake docker and podman)', {
  fc: undefined as unknown as FakeCluster,
  py: undefined as unknown as PythonShim,
});

const CPU = join(IMAGES_DIR, 'datastack-notebook');
const CUDA = join(IMAGES_DIR, 'datastack-cuda-notebook');
const CPU_TAG = 'localhost:30500/buun-stack-notebook:python-3.12-72';

let release: (() => void) | undefined;
// before.each (not before): uvu swallows an error thrown by a suite's before hook.
test.before.each(async (ctx) => {
  requireDebianPythonBuild();
  release ??= await lockKernelImages();
  ctx.fc = createFakeCluster();
  ctx.py = pythonShim();
});
test.after.each((ctx) => {
  ctx.fc?.close();
  ctx.py?.close();
});
test.after(() => release?.());

const run = (ctx: Ctx, args: string[], env: Record<string, string>) =>
  runTasks(args, { ...ctx.fc.env, PATH: `${ctx.py.dir}:${ctx.fc.env.PATH}`, ...env }, ctx.fc.dir);

/** Exit 1, exactly one ✗ line (optionally equal to `first`), no stack frame. */
function oneClearLine(r: { code: number | null; stderr: string }, first?: string): string {
  assert.is(r.code, 1, r.stderr);
  const { failures, stack } = errorLines(r.stderr);
  assert.is(failures.length, 1, `expected one ✗ line:\n${r.stderr}`);
  assert.equal(stack, [], `stack trace printed:\n${r.stderr}`);
  if (first !== undefined) assert.is(failures[0], first);
  return failures[0];
}

test('a failing build exits 1, removes the copied wheel, and does not go on to CUDA', async (ctx) => {
  ctx.fc.update((s) => (s.simulations.docker = { failBuild: true }));
  const r = await run(ctx, ['jupyterhub:build-kernel-images'], {
    DOCKER_CMD: 'docker',
    JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: 'true',
  });
  const line = oneClearLine(r);
  assert.match(line, /^✗ command exited with code 1: DOCKER_BUILDKIT=1 docker build -t /);
  assert.match(r.stderr, 'ERROR: failed to solve: process "/bin/bash -o pipefail -c pip install');
  // The build really had the wheel, and it is gone although the build failed.
  const builds = ctx.fc.state().builds;
  assert.equal(
    builds.map((b) => [b.context, b.ok, b.files.filter((f) => f.endsWith('.whl'))]),
    [[CPU, false, [WHEEL_NAME]]],
  );
  assert.equal(wheelsIn(CPU), []);
  assert.equal(wheelsIn(CUDA), []);
  assert.is(ctx.fc.calls().length, 1);
  assert.not.match(r.stderr, '✓ built');
});

for (const tool of ['docker', 'podman']) {
  test(`DOCKER_CMD=${tool} not installed: one clear line, nothing built (not even the wheel)`, async (ctx) => {
    // A PATH with python3 but neither fake nor real docker/podman (node is started by path).
    const empty = mkdtempSync(join(tmpdir(), 'kernel-images-empty-'));
    try {
      for (const recipe of ['jupyterhub:build-kernel-images', 'jupyterhub:push-kernel-images']) {
        const r = await runTasks(
          [recipe],
          { ...ctx.fc.env, PATH: `${ctx.py.dir}:${empty}`, DOCKER_CMD: tool },
          ctx.fc.dir,
        );
        oneClearLine(r, `✗ ${tool} is not installed (DOCKER_CMD=${tool})`);
        assert.match(r.stderr, 'install it, or set DOCKER_CMD to docker or podman');
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    assert.equal(ctx.py.calls(), []);
    assert.equal(ctx.fc.calls(), []);
    assert.equal(wheelsIn(CPU), []);
  });
}

test('stopped docker daemon (build) and podman service (push): one clear line each', async (ctx) => {
  ctx.fc.update((s) => {
    s.simulations.docker = { daemonDown: true };
    s.simulations.podman = { daemonDown: true };
  });
  const b = await run(ctx, ['jupyterhub:build-kernel-images'], { DOCKER_CMD: 'docker' });
  oneClearLine(b, '✗ the docker daemon is not running');
  assert.match(b.stderr, 'start it (e.g. systemctl start docker) and run again');
  assert.not.match(b.stderr, 'Cannot connect to the Docker daemon');
  assert.equal(wheelsIn(CPU), []);
  const p = await run(ctx, ['jupyterhub:push-kernel-images'], { DOCKER_CMD: 'podman' });
  oneClearLine(p, '✗ the podman daemon is not running');
  assert.equal(
    ctx.fc.calls().map((c) => [c.tool, c.argv[0], c.exit]),
    [
      ['docker', 'build', 1],
      ['podman', 'push', 125],
    ],
  );
});

test('TASKS_IMAGES_DIR (relative to the working directory) without the CUDA folder: one line, no wheel', async (ctx) => {
  const images = join(ctx.fc.dir, 'fixture-images');
  mkdirSync(join(images, 'datastack-notebook'), { recursive: true });
  writeFileSync(join(images, 'datastack-notebook', 'Dockerfile'), 'FROM scratch\n');
  const r = await run(ctx, ['jupyterhub:build-kernel-images'], {
    DOCKER_CMD: 'docker',
    JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: 'true',
    TASKS_IMAGES_DIR: 'fixture-images',
  });
  oneClearLine(r, `✗ no Dockerfile in ${join(images, 'datastack-cuda-notebook')}`);
  assert.match(r.stderr, 'check TASKS_IMAGES_DIR');
  assert.equal(ctx.py.calls(), []);
  assert.equal(ctx.fc.calls(), []);
});

test('DOCKER_CMD=nerdctl is refused, naming DOCKER_CMD, before anything runs', async (ctx) => {
  for (const recipe of ['jupyterhub:build-kernel-images', 'jupyterhub:push-kernel-images']) {
    for (const dry of [[], ['--dry-run']]) {
      const r = await run(ctx, [recipe, ...dry], { DOCKER_CMD: 'nerdctl' });
      oneClearLine(r, '✗ DOCKER_CMD must be one of docker, podman (got "nerdctl")');
    }
  }
  assert.equal(ctx.py.calls(), []);
  assert.equal(ctx.fc.calls(), []);
});

test('podman push to a plain-HTTP registry: one line naming the registry and the fix', async (ctx) => {
  const tag = '127.0.0.1:5000/buun-stack-notebook:python-3.12-72';
  ctx.fc.update((s) => {
    s.images.podman = {
      [tag]: { id: 'f'.repeat(64), context: CPU, created: '2025-01-01T00:00:00Z' },
    };
    // What podman 4.3 prints here (checked against Debian's docker-registry on 127.0.0.1).
    s.simulations.podman = {
      failPush:
        'Error: trying to reuse blob sha256:9c5a at destination: pinging container registry 127.0.0.1:5000: ' +
        'Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client',
    };
  });
  const r = await run(ctx, ['jupyterhub:push-kernel-images'], {
    DOCKER_CMD: 'podman',
    IMAGE_REGISTRY: '127.0.0.1:5000',
  });
  oneClearLine(
    r,
    `✗ cannot push ${tag}: registry 127.0.0.1:5000 speaks plain HTTP, podman expects HTTPS`,
  );
  assert.match(r.stderr, 'location = "127.0.0.1:5000" insecure = true');
});

test('pushing an image that was never built: exit 1 with the tool’s own message', async (ctx) => {
  const r = await run(ctx, ['jupyterhub:push-kernel-images'], { DOCKER_CMD: 'docker' });
  const line = oneClearLine(r);
  assert.is(line, `✗ command exited with code 1: docker push ${CPU_TAG}`);
  assert.match(
    r.stderr,
    'An image does not exist locally with the tag: localhost:30500/buun-stack-notebook',
  );
});

test.run();
