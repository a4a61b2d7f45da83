import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TaskError, projectRoot, type Ctx } from '../core/index.js';
import { dockerFailure } from './docker-errors.js';
import { loadSettings, type Settings } from './settings.js';

const PACKAGE_DIR = join(projectRoot, 'python-package');
const WHEEL_VERSION = '0.1.0';
const WHEEL = /^buunstack-.*\.whl$/;

interface KernelImage {
  folder: string;
  tag: string;
}

/**
 * The folder holding datastack-notebook/ and datastack-cuda-notebook/: `<project>/images`.
 * TASKS_IMAGES_DIR (environment only, relative to the working directory) points the build
 * at other Dockerfiles; the tests use it to build small fixture images for real.
 */
function imagesDir(ctx: Ctx): string {
  const override = ctx.env.TASKS_IMAGES_DIR;
  return override ? resolve(ctx.cwd, override) : join(projectRoot, 'images');
}

function kernelImages(ctx: Ctx, s: Settings): KernelImage[] {
  const dir = imagesDir(ctx);
  const image = (repo: string) => `${s.IMAGE_REGISTRY}/${repo}:${s.JUPYTER_PYTHON_KERNEL_TAG}`;
  const images = [
    {
      folder: join(dir, 'datastack-notebook'),
      tag: image(s.KERNEL_IMAGE_BUUN_STACK_REPOSITORY),
    },
  ];
  if (s.JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED) {
    images.push({
      folder: join(dir, 'datastack-cuda-notebook'),
      tag: image(s.KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY),
    });
  }
  return images;
}

function requireDocker(ctx: Ctx, docker: string): void {
  if (ctx.exec.has(docker)) return;
  const message = `${docker} is not installed (DOCKER_CMD=${docker})`;
  // A plan can still be shown; running it could not.
  ctx.effects.blocker(new TaskError(message, 'install it, or set DOCKER_CMD to docker or podman'));
}

// Prints the names, among these, that this python cannot import.
const PROBE = [
  'import importlib.util as u',
  "print(' '.join(m for m in ('build', 'setuptools', 'setuptools_scm') if u.find_spec(m) is None))",
].join('; ');

/**
 * Python's `build` is installed with pip when missing, as the just recipe does
 * (`pip install --upgrade build`). `--no-isolation` when this python already has the
 * build requirements (Debian's python3-build and python3-setuptools-scm do): the build
 * then needs no network. Otherwise the usual isolated build, which downloads them.
 */
async function wheelBuildArgs(ctx: Ctx): Promise<string[]> {
  const probe = await ctx.exec.query('python3', ['-c', PROBE], {
    allowFailure: true,
    cwd: PACKAGE_DIR,
  });
  // A probe that fails tells nothing: as if all were missing (the just recipe's way).
  const missing =
    probe.status === 0
      ? probe.stdout.trim().split(/\s+/).filter(Boolean)
      : ['build', 'setuptools', 'setuptools_scm'];
  if (missing.includes('build')) {
    ctx.log.info("  Python's build package is missing: installing it with pip");
    await ctx.exec.change('python3', ['-m', 'pip', 'install', '--upgrade', 'build'], {
      cwd: PACKAGE_DIR,
      timeoutMs: 5 * 60_000,
      describe: "install Python's build package (pip install --upgrade build)",
    });
  }
  const isolated = missing.some((m) => m !== 'build');
  return ['-m', 'build', '--wheel', ...(isolated ? [] : ['--no-isolation'])];
}

/** python-package → dist/buunstack-*.whl, from a clean tree. */
async function buildWheel(ctx: Ctx): Promise<string> {
  const stale = ['dist', 'build'].map((dir) => join(PACKAGE_DIR, dir));
  for (const dir of [PACKAGE_DIR, join(PACKAGE_DIR, 'src')]) {
    for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
      if (entry.endsWith('.egg-info')) stale.push(join(dir, entry));
    }
  }
  // --dry-run changes nothing, not even the package's build output.
  await ctx.effects.remove(stale);
  await ctx.exec.change('python3', await wheelBuildArgs(ctx), {
    cwd: PACKAGE_DIR,
    env: { SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK: WHEEL_VERSION },
    timeoutMs: 10 * 60_000,
    describe: `build the buunstack wheel in ${PACKAGE_DIR}`,
  });
  const planned = `buunstack-${WHEEL_VERSION}-py3-none-any.whl`;
  const wheel = await ctx.effects.made(async () => {
    const built = readdirSync(join(PACKAGE_DIR, 'dist')).find((f) => WHEEL.test(f));
    if (!built)
      throw new TaskError('the wheel build produced no buunstack-*.whl in python-package/dist');
    return built;
  }, planned);
  return join(PACKAGE_DIR, 'dist', wheel);
}

/**
 * The Dockerfiles COPY and pip-install `buunstack-*.whl`: a wheel left in the folder by an
 * interrupted build would be installed next to the new one, so only the new one may be there.
 */
async function copyWheel(ctx: Ctx, wheel: string, folder: string): Promise<string> {
  const copy = join(folder, wheel.split('/').at(-1)!);
  const stale = (existsSync(folder) ? readdirSync(folder) : []).filter((f) => WHEEL.test(f));
  for (const f of stale) {
    await ctx.effects.remove([join(folder, f)]);
    ctx.effects.done(`removed the stale ${join(folder, f)}`);
  }
  // Removed at the end of the run whatever happens (an interrupted build).
  await ctx.effects.copyFile(wheel, copy, { temporary: true });
  return copy;
}

/** Builds the buunstack wheel, then the CPU image (and the CUDA one when its profile is on). */
export async function buildKernelImages(ctx: Ctx): Promise<void> {
  const s = await loadSettings(ctx);
  requireDocker(ctx, s.DOCKER_CMD);
  const images = kernelImages(ctx, s);
  // Before the wheel build: a missing folder would otherwise surface as a copy error.
  for (const { folder } of images) {
    if (!existsSync(join(folder, 'Dockerfile')))
      throw new TaskError(
        `no Dockerfile in ${folder}`,
        ctx.env.TASKS_IMAGES_DIR ? 'check TASKS_IMAGES_DIR' : 'restore the images/ folder',
      );
  }
  const wheel = await buildWheel(ctx);
  for (const image of images) {
    const copy = await copyWheel(ctx, wheel, image.folder);
    try {
      // podman builds OCI images by default, which ignore the Dockerfile's SHELL (bash -o pipefail).
      const format = s.DOCKER_CMD === 'podman' ? ['--format', 'docker'] : [];
      await ctx.exec.change(
        s.DOCKER_CMD,
        [
          'build',
          ...format,
          '-t',
          image.tag,
          '--build-arg',
          `spark_version=${s.SPARK_VERSION}`,
          '--build-arg',
          `spark_download_url=${s.SPARK_DOWNLOAD_URL}`,
          '--build-arg',
          `pip_repository_url=${s.PIP_REPOSITORY_URL}`,
          '.',
        ],
        {
          cwd: image.folder,
          env: { DOCKER_BUILDKIT: '1' },
          timeoutMs: 2 * 60 * 60_000,
          describe: `build ${image.tag} in ${image.folder}`,
        },
      );
    } catch (err) {
      throw dockerFailure(err, s.DOCKER_CMD);
    } finally {
      // The copied wheel never stays behind, even when the build fails.
      await ctx.effects.remove([copy]);
      ctx.cleanup.removePath(copy);
    }
    ctx.effects.done(`built ${image.tag}`);
  }
}

export async function pushKernelImages(ctx: Ctx): Promise<void> {
  const s = await loadSettings(ctx);
  requireDocker(ctx, s.DOCKER_CMD);
  for (const image of kernelImages(ctx, s)) {
    try {
      await ctx.exec.change(s.DOCKER_CMD, ['push', image.tag], { timeoutMs: 60 * 60_000 });
    } catch (err) {
      throw dockerFailure(err, s.DOCKER_CMD, image.tag);
    }
    ctx.effects.done(`pushed ${image.tag}`);
  }
}
