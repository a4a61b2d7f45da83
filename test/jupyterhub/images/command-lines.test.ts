// jupyterhub:build-kernel-images / push-kernel-images against the fake docker and podman:
// the exact command lines (argv, folder, environment), the wheel really built by Debian's
// python3 and present in the build context only while the build runs, and --dry-run.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFakeCluster, type FakeCluster } from '../../fakes/index.js';
import {
  IMAGES_DIR,
  PACKAGE_DIR,
  WHEEL_NAME,
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

const test = suite<Ctx>('kernel images: exact command lines (fake docker and podman)', {
  fc: undefined as unknown as FakeCluster,
  py: undefined as unknown as PythonShim,
});

const CPU = join(IMAGES_DIR, 'datastack-notebook');
const CUDA = join(IMAGES_DIR, 'datastack-cuda-notebook');

let release: (() => void) | undefined;
// In before.each, not before: uvu reports a failing before.each as a failed test, while an
// error thrown by a suite's before hook is swallowed.
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

// The read-only probe finds Debian's build requirements, so the wheel builds offline (--no-isolation).
const PROBE_SCRIPT =
  "import importlib.util as u; print(' '.join(m for m in ('build', 'setuptools', 'setuptools_scm') if u.find_spec(m) is None))";
const WHEEL_PROBE = { cwd: PACKAGE_DIR, version: '<unset>', args: `-c ${PROBE_SCRIPT}` };
const WHEEL_BUILD = { cwd: PACKAGE_DIR, version: '0.1.0', args: '-m build --wheel --no-isolation' };

test('docker, CPU only, defaults: wheel built, one build in images/datastack-notebook, one push', async (ctx) => {
  const env = { DOCKER_CMD: 'docker' };
  const b = await run(ctx, ['jupyterhub:build-kernel-images'], env);
  assert.is(b.code, 0, b.stderr);
  assert.equal(ctx.py.calls(), [WHEEL_PROBE, WHEEL_BUILD]);
  const calls = ctx.fc.calls();
  assert.equal(
    calls.map((c) => [c.tool, c.argv, c.cwd, c.env.DOCKER_BUILDKIT]),
    [
      [
        'docker',
        [
          'build',
          '-t',
          'localhost:30500/buun-stack-notebook:python-3.12-72',
          '--build-arg',
          'spark_version=4.1.2',
          '--build-arg',
          'spark_download_url=https://dlcdn.apache.org/spark/',
          '--build-arg',
          'pip_repository_url=https://pypi.org/simple/',
          '.',
        ],
        CPU,
        '1',
      ],
    ],
  );
  assert.match(
    b.stderr,
    '$ DOCKER_BUILDKIT=1 docker build -t localhost:30500/buun-stack-notebook:python-3.12-72 ' +
      '--build-arg spark_version=4.1.2 --build-arg spark_download_url=https://dlcdn.apache.org/spark/ ' +
      '--build-arg pip_repository_url=https://pypi.org/simple/ .\n',
  );
  // At build time the context held exactly one wheel, the fresh one, beside the Dockerfile.
  const [build] = ctx.fc.state().builds;
  assert.ok(build.ok);
  assert.is(build.context, CPU);
  assert.equal(
    build.files.filter((f) => f.endsWith('.whl')),
    [WHEEL_NAME],
  );
  assert.ok(build.files.includes('Dockerfile'));
  // Afterwards: no wheel left in either image folder; the built one stays in dist/.
  assert.equal(wheelsIn(CPU), []);
  assert.equal(wheelsIn(CUDA), []);
  assert.equal(readdirSync(join(PACKAGE_DIR, 'dist')), [WHEEL_NAME]);

  const p = await run(ctx, ['jupyterhub:push-kernel-images'], env);
  assert.is(p.code, 0, p.stderr);
  assert.equal(
    ctx.fc
      .calls()
      .slice(1)
      .map((c) => [c.tool, c.argv]),
    [['docker', ['push', 'localhost:30500/buun-stack-notebook:python-3.12-72']]],
  );
  assert.equal(
    ctx.fc.state().pushes.map((x) => [x.tool, x.image, x.ok]),
    [['docker', 'localhost:30500/buun-stack-notebook:python-3.12-72', true]],
  );
});

test('podman, CPU + CUDA, custom registry/tag/repos/Spark/pip: two builds, two pushes', async (ctx) => {
  const env = {
    DOCKER_CMD: 'podman',
    JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: 'true',
    IMAGE_REGISTRY: 'registry.example.com:5000/team',
    KERNEL_IMAGE_BUUN_STACK_REPOSITORY: 'kernel',
    KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY: 'kernel-cuda',
    JUPYTER_PYTHON_KERNEL_TAG: 'python-3.12-99',
    SPARK_VERSION: '3.5.6',
    SPARK_DOWNLOAD_URL: 'https://archive.apache.org/dist/spark/',
    PIP_REPOSITORY_URL: 'https://pypi.internal.example/simple/',
  };
  const cpuTag = 'registry.example.com:5000/team/kernel:python-3.12-99';
  const cudaTag = 'registry.example.com:5000/team/kernel-cuda:python-3.12-99';
  const args = [
    '--build-arg',
    'spark_version=3.5.6',
    '--build-arg',
    'spark_download_url=https://archive.apache.org/dist/spark/',
    '--build-arg',
    'pip_repository_url=https://pypi.internal.example/simple/',
    '.',
  ];
  const b = await run(ctx, ['jupyterhub:build-kernel-images'], env);
  assert.is(b.code, 0, b.stderr);
  // One wheel for both images.
  assert.equal(ctx.py.calls(), [WHEEL_PROBE, WHEEL_BUILD]);
  assert.equal(
    ctx.fc.calls().map((c) => [c.tool, c.argv, c.cwd, c.env.DOCKER_BUILDKIT]),
    [
      ['podman', ['build', '--format', 'docker', '-t', cpuTag, ...args], CPU, '1'],
      ['podman', ['build', '--format', 'docker', '-t', cudaTag, ...args], CUDA, '1'],
    ],
  );
  const builds = ctx.fc.state().builds;
  assert.equal(
    builds.map((x) => [x.context, x.ok, x.files.filter((f) => f.endsWith('.whl'))]),
    [
      [CPU, true, [WHEEL_NAME]],
      [CUDA, true, [WHEEL_NAME]],
    ],
  );
  assert.equal(builds[1].buildArgs, {
    spark_version: '3.5.6',
    spark_download_url: 'https://archive.apache.org/dist/spark/',
    pip_repository_url: 'https://pypi.internal.example/simple/',
  });
  assert.equal(wheelsIn(CPU), []);
  assert.equal(wheelsIn(CUDA), []);

  const p = await run(ctx, ['jupyterhub:push-kernel-images'], env);
  assert.is(p.code, 0, p.stderr);
  assert.equal(
    ctx.fc
      .calls()
      .slice(2)
      .map((c) => [c.tool, c.argv]),
    [
      ['podman', ['push', cpuTag]],
      ['podman', ['push', cudaTag]],
    ],
  );
  assert.match(p.stderr, `✓ pushed ${cpuTag}`);
  assert.match(p.stderr, `✓ pushed ${cudaTag}`);
});

test('--dry-run prints the whole plan, builds and pushes nothing, deletes nothing', async (ctx) => {
  const env = { DOCKER_CMD: 'podman', JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: 'true' };
  // Something a real build would remove first: a dry run must leave it.
  mkdirSync(join(PACKAGE_DIR, 'dist'), { recursive: true });
  const sentinel = join(PACKAGE_DIR, 'dist', 'dry-run-sentinel');
  writeFileSync(sentinel, '');
  try {
    const b = await run(ctx, ['jupyterhub:build-kernel-images', '--dry-run'], env);
    assert.is(b.code, 0, b.stderr);
    assert.ok(existsSync(sentinel), 'the dry run removed python-package/dist');
    const wheel = join(PACKAGE_DIR, 'dist', WHEEL_NAME);
    const tag = (repo: string) => `localhost:30500/${repo}:python-3.12-72`;
    const buildLine = (repo: string) =>
      `DOCKER_BUILDKIT=1 podman build --format docker -t ${tag(repo)} --build-arg spark_version=4.1.2 ` +
      '--build-arg spark_download_url=https://dlcdn.apache.org/spark/ ' +
      '--build-arg pip_repository_url=https://pypi.org/simple/ .';
    // The plan is a script: every step a command run in its folder, on stdout.
    const expected = [
      `# remove ${join(PACKAGE_DIR, 'dist')}, ${join(PACKAGE_DIR, 'build')}`,
      `rm -rf ${join(PACKAGE_DIR, 'dist')} ${join(PACKAGE_DIR, 'build')}`,
      `# build the buunstack wheel in ${PACKAGE_DIR}`,
      `(cd ${PACKAGE_DIR} && SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK=0.1.0 python3 -m build --wheel --no-isolation)`,
      `# copy ${wheel} to ${CPU}/`,
      `cp ${wheel} ${join(CPU, WHEEL_NAME)}`,
      `# build ${tag('buun-stack-notebook')} in ${CPU}`,
      `(cd ${CPU} && ${buildLine('buun-stack-notebook')})`,
      `rm -rf ${join(CPU, WHEEL_NAME)}`,
      `# copy ${wheel} to ${CUDA}/`,
      `cp ${wheel} ${join(CUDA, WHEEL_NAME)}`,
      `# build ${tag('buun-stack-cuda-notebook')} in ${CUDA}`,
      `(cd ${CUDA} && ${buildLine('buun-stack-cuda-notebook')})`,
      `rm -rf ${join(CUDA, WHEEL_NAME)}`,
    ];
    assert.not.match(b.stderr, 'podman build', 'the plan is not on stderr');
    const lines = b.stdout.split('\n');
    let at = -1;
    for (const line of expected) {
      const i = lines.findIndex((l, n) => n > at && l.startsWith(line));
      assert.ok(i > at, `plan line missing or out of order: ${line}\n--- stdout:\n${b.stdout}`);
      at = i;
    }
    const p = await run(ctx, ['jupyterhub:push-kernel-images', '--dry-run'], env);
    assert.is(p.code, 0, p.stderr);
    assert.match(p.stdout, `\npodman push ${tag('buun-stack-notebook')}\n`);
    assert.match(p.stdout, `\npodman push ${tag('buun-stack-cuda-notebook')}\n`);
    // Nothing ran but the read-only probe: no build, no podman, no wheel anywhere.
    assert.equal(ctx.py.calls(), [WHEEL_PROBE]);
    assert.equal(ctx.fc.calls(), []);
    assert.equal(ctx.fc.state().builds, []);
    assert.equal(wheelsIn(CPU), []);
    assert.equal(wheelsIn(CUDA), []);
  } finally {
    rmSync(sentinel, { force: true });
  }
});

test('build missing: installed with pip first, as the just recipe does, then the wheel', async (ctx) => {
  // The shim answers the probe as a python without `build` and records the pip install
  // instead of running it; everything else goes to Debian's python3.
  const shim = join(ctx.py.dir, 'python3');
  const real = readFileSync(shim, 'utf8');
  writeFileSync(
    shim,
    real.replace(
      /\nexec /,
      '\ncase "$1 $2" in "-c import importlib.util"*) echo build; exit 0;; "-m pip") exit 0;; esac\nexec ',
    ),
  );
  const b = await run(ctx, ['jupyterhub:build-kernel-images'], { DOCKER_CMD: 'docker' });
  assert.is(b.code, 0, b.stderr);
  assert.equal(ctx.py.calls(), [
    WHEEL_PROBE,
    { cwd: PACKAGE_DIR, version: '<unset>', args: '-m pip install --upgrade build' },
    WHEEL_BUILD,
  ]);
  assert.match(b.stderr, "Python's build package is missing: installing it with pip");
  assert.equal(wheelsIn(CPU), [], 'the copied wheel is removed again');

  const plan = await run(ctx, ['jupyterhub:build-kernel-images', '--dry-run'], {
    DOCKER_CMD: 'docker',
  });
  assert.is(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, `\n(cd ${PACKAGE_DIR} && python3 -m pip install --upgrade build)\n`);
  assert.equal(ctx.py.calls().slice(3), [WHEEL_PROBE], 'the dry run only probes');
});

test.run();
