// The one real run: DOCKER_CMD=podman builds fixture images (FROM scratch, COPY the wheel)
// with jupyterhub:build-kernel-images and pushes them with jupyterhub:push-kernel-images to
// Debian's docker-registry on 127.0.0.1; the images are then pulled back into a fresh
// store and opened. podman is configured only through environment variables pointing at
// temp files (CONTAINERS_STORAGE_CONF: vfs in a temp dir; CONTAINERS_REGISTRIES_CONF: the
// 127.0.0.1 registry insecure; CONTAINERS_CONF: cgroupfs, file events, temp tmp_dir). From
// /etc podman still reads containers/policy.json; as root it also updates its blob-info
// cache in /var/lib/containers/cache. If podman or the registry cannot run, the tests fail
// with the reason; they are never skipped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFakeCluster } from '../../fakes/index.js';
import { run as runFake } from '../../fakes/testkit.js';
import {
  PACKAGE_DIR,
  PYTHON,
  WHEEL_NAME,
  errorLines,
  lockKernelImages,
  pythonShim,
  readTar,
  requireDebianPythonBuild,
  runTasks,
  wheelsIn,
} from './support.js';

const SETUP =
  'apt-get install -y podman buildah crun conmon golang-github-containers-common docker-registry';

interface Sandbox {
  dir: string;
  port: number;
  registry: string;
  /** podman's configuration: everything in `dir` */
  env(o?: { insecure?: boolean; store?: string }): Record<string, string>;
}

let sandbox: Promise<Sandbox> | undefined;
let registryProcess: ChildProcess | undefined;
let sandboxDir: string | undefined;
let release: (() => void) | undefined;

const test = suite('kernel images: real podman build + push to docker-registry on 127.0.0.1');

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function podman(args: string[], env: Record<string, string>, cwd?: string) {
  const r = spawnSync('podman', args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'buffer',
    timeout: 120_000,
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr?.toString('utf8') ?? String(r.error),
  };
}

async function startSandbox(): Promise<Sandbox> {
  requireDebianPythonBuild();
  for (const cmd of ['podman', 'docker-registry'])
    if (!which(cmd)) throw new Error(`${cmd} is not installed: ${SETUP}`);
  const dir = mkdtempSync(join(tmpdir(), 'kernel-images-podman-'));
  sandboxDir = dir;
  const port = await freePort();
  const registry = `127.0.0.1:${port}`;
  for (const sub of ['registry', 'tmp', 'libpod', 'networks']) mkdirSync(join(dir, sub));
  const storage = (name: string) => {
    const file = join(dir, `storage-${name}.conf`);
    writeFileSync(
      file,
      `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/${name}/graph"\nrunroot = "${dir}/${name}/run"\n`,
    );
    return file;
  };
  const registries = (insecure: boolean) => {
    const file = join(dir, `registries-${insecure ? 'insecure' : 'default'}.conf`);
    writeFileSync(
      file,
      'unqualified-search-registries = []\n' +
        (insecure ? `[[registry]]\nlocation = "${registry}"\ninsecure = true\n` : ''),
    );
    return file;
  };
  const containersConf = join(dir, 'containers.conf');
  // No systemd and no journald in a CI container: cgroupfs and a plain events file.
  writeFileSync(
    containersConf,
    '[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' +
      `events_logfile_path = "${dir}/events.log"\ntmp_dir = "${dir}/libpod"\n` +
      `[network]\nnetwork_config_dir = "${dir}/networks"\n`,
  );
  const confs = {
    store: { build: storage('build'), pull: storage('pull') },
    registries: { true: registries(true), false: registries(false) },
  };
  const env: Sandbox['env'] = (o = {}) => ({
    CONTAINERS_STORAGE_CONF: confs.store[o.store === 'pull' ? 'pull' : 'build'],
    CONTAINERS_REGISTRIES_CONF: confs.registries[o.insecure === false ? 'false' : 'true'],
    CONTAINERS_CONF: containersConf,
    TMPDIR: join(dir, 'tmp'),
    ...(process.env.XDG_RUNTIME_DIR ? { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR } : {}),
  });
  const info = podman(['info', '--format', '{{.Store.GraphDriverName}}'], env());
  if (info.code !== 0 || info.stdout.toString().trim() !== 'vfs')
    throw new Error(
      `podman cannot run here (podman info exited ${info.code}):\n${info.stderr}\n` +
        `needs: ${SETUP}; root, or rootless with uidmap and /etc/subuid,/etc/subgid ranges`,
    );

  const config = join(dir, 'registry.yml');
  writeFileSync(
    config,
    'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n' +
      `storage:\n  filesystem:\n    rootdirectory: ${dir}/registry\n` +
      `http:\n  addr: ${registry}\n`,
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  registryProcess = child;
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`docker-registry exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`http://${registry}/v2/`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`docker-registry not ready after 15 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dir, port, registry, env };
}

test.after(() => {
  registryProcess?.kill('SIGTERM');
  if (sandboxDir) {
    try {
      rmSync(sandboxDir, { recursive: true, force: true });
    } catch {
      // rootless podman: layer files belong to sub-UIDs
      spawnSync('podman', ['unshare', 'rm', '-rf', sandboxDir]);
    }
  }
  release?.();
});

// Set up lazily in the tests: uvu swallows an error thrown by a suite's before hook.
async function ready(): Promise<Sandbox> {
  release ??= await lockKernelImages();
  sandbox ??= startSandbox();
  return sandbox;
}

const fixtureDockerfile = (flavour: string) =>
  [
    'FROM scratch',
    'ARG spark_version',
    'ARG spark_download_url',
    'ARG pip_repository_url',
    `LABEL org.buun-stack.flavour="${flavour}" org.buun-stack.spark-version="\${spark_version}" \\`,
    '      org.buun-stack.spark-download-url="${spark_download_url}" \\',
    '      org.buun-stack.pip-repository-url="${pip_repository_url}"',
    'COPY buunstack-*.whl /',
    '',
  ].join('\n');

interface RegistryManifest {
  mediaType: string;
  config: { digest: string };
  layers: Array<{ digest: string }>;
}

async function registryGet(url: string, accept?: string): Promise<Response> {
  const res = await fetch(url, accept ? { headers: { Accept: accept } } : {});
  assert.is(res.status, 200, `GET ${url}: ${res.status} ${await res.clone().text()}`);
  return res;
}

test('build-kernel-images + push-kernel-images for real; pulled back, each image holds the new wheel only', async () => {
  const sb = await ready();
  const py = pythonShim();
  try {
    const images = join(sb.dir, 'images');
    for (const [folder, flavour] of [
      ['datastack-notebook', 'cpu'],
      ['datastack-cuda-notebook', 'cuda'],
    ]) {
      mkdirSync(join(images, folder), { recursive: true });
      writeFileSync(join(images, folder, 'Dockerfile'), fixtureDockerfile(flavour));
    }
    // Left by an interrupted build: COPY buunstack-*.whl would put it in the image too.
    const stale = join(images, 'datastack-notebook', 'buunstack-0.0.1-py3-none-any.whl');
    writeFileSync(stale, 'stale');

    const tag = `t${Date.now()}`;
    const settings = {
      PATH: `${py.dir}:${process.env.PATH ?? ''}`,
      DOCKER_CMD: 'podman',
      TASKS_IMAGES_DIR: images,
      IMAGE_REGISTRY: sb.registry,
      KERNEL_IMAGE_BUUN_STACK_REPOSITORY: 'buun-stack/notebook',
      KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY: 'buun-stack/cuda-notebook',
      JUPYTER_PYTHON_KERNEL_TAG: tag,
      JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: 'true',
      SPARK_VERSION: '3.5.6',
      SPARK_DOWNLOAD_URL: 'https://archive.apache.org/dist/spark/',
      PIP_REPOSITORY_URL: 'https://pypi.internal.example/simple/',
    };
    const cwd = sb.dir;
    const build = await runTasks(
      ['jupyterhub:build-kernel-images'],
      { ...settings, ...sb.env() },
      cwd,
    );
    assert.is(build.code, 0, build.stderr);
    assert.match(build.stderr, `removed the stale ${stale}`);
    assert.match(build.stderr, `✓ built ${sb.registry}/buun-stack/notebook:${tag}`);
    assert.match(build.stderr, `✓ built ${sb.registry}/buun-stack/cuda-notebook:${tag}`);
    // the requirements probe, then one offline (--no-isolation) wheel build for both images
    assert.equal(
      py.calls().map((c) => c.args),
      [
        "-c import importlib.util as u; print(' '.join(m for m in ('build', 'setuptools', 'setuptools_scm') if u.find_spec(m) is None))",
        '-m build --wheel --no-isolation',
      ],
    );
    assert.equal(wheelsIn(join(images, 'datastack-notebook')), []);
    assert.equal(wheelsIn(join(images, 'datastack-cuda-notebook')), []);
    const wheel = readFileSync(join(PACKAGE_DIR, 'dist', WHEEL_NAME));

    // podman talks HTTPS to a registry registries.conf does not mark insecure.
    const refused = await runTasks(
      ['jupyterhub:push-kernel-images'],
      { ...settings, ...sb.env({ insecure: false }) },
      cwd,
    );
    assert.is(refused.code, 1, refused.stderr);
    const { failures, stack } = errorLines(refused.stderr);
    assert.equal(stack, []);
    assert.equal(failures, [
      `✗ cannot push ${sb.registry}/buun-stack/notebook:${tag}: registry ${sb.registry} speaks plain HTTP, podman expects HTTPS`,
    ]);

    const push = await runTasks(
      ['jupyterhub:push-kernel-images'],
      { ...settings, ...sb.env() },
      cwd,
    );
    assert.is(push.code, 0, push.stderr);

    for (const [repo, flavour] of [
      ['buun-stack/notebook', 'cpu'],
      ['buun-stack/cuda-notebook', 'cuda'],
    ]) {
      const base = `http://${sb.registry}/v2/${repo}`;
      // The registry's own API: tag listed, a Docker v2 manifest (--format docker), build args.
      const tags = (await (await registryGet(`${base}/tags/list`)).json()) as { tags: string[] };
      assert.equal(tags.tags, [tag]);
      const manifest = (await (
        await registryGet(
          `${base}/manifests/${tag}`,
          'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
        )
      ).json()) as RegistryManifest;
      assert.is(manifest.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
      const config = (await (
        await registryGet(`${base}/blobs/${manifest.config.digest}`)
      ).json()) as {
        config: { Labels: Record<string, string> };
      };
      const labels = Object.entries(config.config.Labels).filter(([k]) =>
        k.startsWith('org.buun-stack.'),
      );
      assert.equal(Object.fromEntries(labels), {
        'org.buun-stack.flavour': flavour,
        'org.buun-stack.spark-version': '3.5.6',
        'org.buun-stack.spark-download-url': 'https://archive.apache.org/dist/spark/',
        'org.buun-stack.pip-repository-url': 'https://pypi.internal.example/simple/',
      });

      // Pulled back into a store that never saw the build, saved, opened.
      const ref = `${sb.registry}/${repo}:${tag}`;
      const pull = podman(['pull', '-q', ref], sb.env({ store: 'pull' }));
      assert.is(pull.code, 0, pull.stderr);
      const archive = join(sb.dir, `${flavour}.tar`);
      const save = podman(
        ['save', '--format', 'docker-archive', '-o', archive, ref],
        sb.env({ store: 'pull' }),
      );
      assert.is(save.code, 0, save.stderr);
      const outer = readTar(readFileSync(archive));
      const [{ Layers }] = JSON.parse(outer.get('manifest.json')!.toString()) as Array<{
        Layers: string[];
      }>;
      const files = new Map<string, Buffer>();
      for (const layer of Layers)
        for (const [name, data] of readTar(outer.get(layer)!)) files.set(name, data);
      assert.equal([...files.keys()], [WHEEL_NAME], 'the image holds exactly the new wheel');
      assert.ok(
        files.get(WHEEL_NAME)!.equals(wheel),
        'the wheel in the image is the one just built',
      );
    }

    // …and it is a real wheel of the package.
    const copy = join(sb.dir, WHEEL_NAME);
    writeFileSync(copy, wheel);
    const names = spawnSync(
      PYTHON,
      [
        '-c',
        'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
        copy,
      ],
      { encoding: 'utf8' },
    );
    assert.is(names.status, 0, names.stderr);
    assert.ok(names.stdout.split('\n').includes('buunstack/__init__.py'), names.stdout);
    assert.ok(
      names.stdout.split('\n').includes('buunstack-0.1.0.dist-info/METADATA'),
      names.stdout,
    );
  } finally {
    py.close();
  }
});

test('the fake podman answers --format and unknown images as real podman 4.3 does', async () => {
  const sb = await ready();
  const ctxDir = join(sb.dir, 'format');
  mkdirSync(ctxDir, { recursive: true });
  writeFileSync(join(ctxDir, 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
  const fc = createFakeCluster();
  try {
    const cases: string[][] = [
      ['build', '--format', 'foo', '-t', `${sb.registry}/format:1`, '.'],
      ['build', '--format', 'oci', '-t', `${sb.registry}/format:1`, '.'],
      ['build', '--format', 'docker', '-t', `${sb.registry}/format:2`, '.'],
      ['push', `${sb.registry}/never-built:1`],
    ];
    for (const argv of cases) {
      const real = podman(argv, sb.env(), ctxDir);
      const fake = await runFake(fc, ['podman', ...argv], { cwd: ctxDir });
      const lastLine = (s: string) => s.trim().split('\n').at(-1);
      assert.is(fake.code, real.code, `exit of podman ${argv.join(' ')}: ${real.stderr}`);
      if (real.code !== 0) assert.is(lastLine(fake.stderr), lastLine(real.stderr));
    }
  } finally {
    fc.close();
  }
});

test.run();
