import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../core/context.js';
import { CommandError, TaskError } from '../core/errors.js';
import { projectRoot } from '../core/paths.js';
import { loadSettings, type Settings } from './settings.js';

const PACKAGE_DIR = join(projectRoot, 'python-package');
const IMAGES_DIR = join(projectRoot, 'images');
const WHEEL_VERSION = '0.1.0';

interface KernelImage {
  folder: string;
  tag: string;
}

function kernelImages(s: Settings): KernelImage[] {
  const image = (repo: string) => `${s.IMAGE_REGISTRY}/${repo}:${s.JUPYTER_PYTHON_KERNEL_TAG}`;
  const images = [{ folder: join(IMAGES_DIR, 'datastack-notebook'), tag: image(s.KERNEL_IMAGE_BUUN_STACK_REPOSITORY) }];
  if (s.JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED) {
    images.push({ folder: join(IMAGES_DIR, 'datastack-cuda-notebook'), tag: image(s.KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY) });
  }
  return images;
}

function requireDocker(ctx: Ctx, docker: string): void {
  if (!ctx.exec.has(docker)) throw new TaskError(`${docker} is not installed (DOCKER_CMD=${docker})`, 'install it, or set DOCKER_CMD to docker or podman');
}

/** A stopped daemon is one clear line, not a wall of build output. */
function dockerFailure(err: unknown, docker: string): unknown {
  if (err instanceof CommandError && /Cannot connect to the Docker daemon|Is the docker daemon running|cannot connect to Podman/i.test(err.stderrTail)) {
    return new TaskError(`the ${docker} daemon is not running`, `start it (e.g. systemctl start ${docker}) and run again`);
  }
  return err;
}

/** python-package → dist/buunstack-*.whl, from a clean tree. */
async function buildWheel(ctx: Ctx): Promise<string> {
  for (const dir of ['dist', 'build']) rmSync(join(PACKAGE_DIR, dir), { recursive: true, force: true });
  for (const dir of [PACKAGE_DIR, join(PACKAGE_DIR, 'src')]) {
    for (const entry of existsSync(dir) ? readdirSync(dir) : []) if (entry.endsWith('.egg-info')) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  await ctx.exec.change('python3', ['-m', 'build', '--wheel'], {
    cwd: PACKAGE_DIR,
    env: { SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK: WHEEL_VERSION },
    timeoutMs: 10 * 60_000,
  });
  if (ctx.dryRun) return join(PACKAGE_DIR, 'dist', `buunstack-${WHEEL_VERSION}-py3-none-any.whl`);
  const wheel = readdirSync(join(PACKAGE_DIR, 'dist')).find((f) => /^buunstack-.*\.whl$/.test(f));
  if (!wheel) throw new TaskError('the wheel build produced no buunstack-*.whl in python-package/dist');
  return join(PACKAGE_DIR, 'dist', wheel);
}

/** Builds the buunstack wheel, then the CPU image (and the CUDA one when its profile is on). */
export async function buildKernelImages(ctx: Ctx): Promise<void> {
  const s = await loadSettings(ctx);
  requireDocker(ctx, s.DOCKER_CMD);
  const wheel = await buildWheel(ctx);
  for (const image of kernelImages(s)) {
    const copy = join(image.folder, wheel.split('/').at(-1)!);
    if (ctx.dryRun) ctx.exec.planText(`copy ${wheel} to ${image.folder}/`);
    else copyFileSync(wheel, ctx.cleanup.addPath(copy));
    try {
      // podman builds OCI images by default, which ignore the Dockerfile's SHELL (bash -o pipefail).
      const format = s.DOCKER_CMD === 'podman' ? ['--format', 'docker'] : [];
      await ctx.exec.change(
        s.DOCKER_CMD,
        ['build', ...format, '-t', image.tag, '--build-arg', `spark_version=${s.SPARK_VERSION}`, '--build-arg', `spark_download_url=${s.SPARK_DOWNLOAD_URL}`, '--build-arg', `pip_repository_url=${s.PIP_REPOSITORY_URL}`, '.'],
        { cwd: image.folder, env: { DOCKER_BUILDKIT: '1' }, timeoutMs: 2 * 60 * 60_000 },
      );
    } catch (err) {
      throw dockerFailure(err, s.DOCKER_CMD);
    } finally {
      // The copied wheel never stays behind, even when the build fails.
      if (!ctx.dryRun) rmSync(copy, { force: true });
      ctx.cleanup.removePath(copy);
    }
    if (!ctx.dryRun) ctx.log.ok(`built ${image.tag}`);
  }
}

export async function pushKernelImages(ctx: Ctx): Promise<void> {
  const s = await loadSettings(ctx);
  requireDocker(ctx, s.DOCKER_CMD);
  for (const image of kernelImages(s)) {
    try {
      await ctx.exec.change(s.DOCKER_CMD, ['push', image.tag], { timeoutMs: 60 * 60_000 });
    } catch (err) {
      throw dockerFailure(err, s.DOCKER_CMD);
    }
    if (!ctx.dryRun) ctx.log.ok(`pushed ${image.tag}`);
  }
}
