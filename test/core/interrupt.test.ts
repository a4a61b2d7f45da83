import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_DIR, lockKernelImages } from '../jupyterhub/images/support.js';
import { alive } from '../support/alive.js';
import { runCli, tempDir } from '../support/cli.js';
import { FakeBin } from '../support/fake-bin.js';

const interrupt = suite('core/interrupt: Ctrl-C stops children, removes temp files, exits 130');

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interrupt(
  'SIGINT during a build: the copied wheel (a temp file) is removed and docker is stopped',
  async () => {
    const release = await lockKernelImages();
    const dir = tempDir();
    try {
      // build-kernel-images copies the wheel into the image folder for the length of the build:
      // a temp file that must not outlive an interrupted run.
      const folder = join(dir.path, 'images', 'datastack-notebook');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'Dockerfile'), 'FROM scratch\nCOPY buunstack-*.whl /\n');
      const fakes = new FakeBin(dir.path);
      fakes.addRaw(
        'python3',
        '[ "$1" = -c ] && exit 1\nmkdir -p dist && printf wheel > dist/buunstack-0.1.0-py3-none-any.whl',
      );
      const pidFile = join(dir.path, 'docker.pid');
      fakes.addRaw('docker', `echo $$ > '${pidFile}'\nexec sleep 60`);
      const copy = join(folder, 'buunstack-0.1.0-py3-none-any.whl');

      let child: { kill(signal: NodeJS.Signals): boolean } | undefined;
      const run = runCli(['jupyterhub:build-kernel-images'], {
        cwd: dir.path,
        env: {
          PATH: fakes.path(),
          TASKS_IMAGES_DIR: join(dir.path, 'images'),
          DOCKER_CMD: 'docker',
        },
        onSpawn: (c) => (child = c),
      });
      await until(
        'docker build to start',
        () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
      );
      const dockerPid = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(existsSync(copy), 'the wheel is in the build folder while docker builds');
      assert.ok(alive(dockerPid));

      child!.kill('SIGINT');
      const r = await run;
      assert.is(r.code, 130);
      assert.match(r.stderr, 'interrupted');
      assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
      assert.not.ok(existsSync(copy), 'the copied wheel was removed');
      await until('docker to be stopped', () => !alive(dockerPid), 5000);
    } finally {
      rmSync(join(PACKAGE_DIR, 'dist'), { recursive: true, force: true });
      dir.remove();
      release();
    }
  },
);

interrupt('SIGINT while a child ignores SIGTERM: it is killed after the grace period', async () => {
  const dir = tempDir();
  try {
    const fakes = new FakeBin(dir.path);
    const pidFile = join(dir.path, 'kubectl.pid');
    // Ignored signals stay ignored across exec: this kubectl cannot be stopped by SIGTERM.
    fakes.addRaw('kubectl', `trap '' TERM INT\necho $$ > '${pidFile}'\nexec sleep 60`);
    let child: { kill(signal: NodeJS.Signals): boolean } | undefined;
    const run = runCli(['k8s:delete-completed-pods'], {
      cwd: dir.path,
      env: { PATH: fakes.path() },
      onSpawn: (c) => (child = c),
      timeoutMs: 30_000,
    });
    await until(
      'kubectl to start',
      () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
    );
    const kubectlPid = Number(readFileSync(pidFile, 'utf8'));
    const started = Date.now();
    child!.kill('SIGINT');
    const r = await run;
    const took = Date.now() - started;
    assert.is(r.code, 130);
    assert.match(r.stderr, 'interrupted');
    assert.not.match(r.stderr, '✗', 'the stopped child is not reported as a failure');
    // SIGTERM first (ignored), SIGKILL once the 3 s grace period is over: not before, not never.
    assert.ok(took >= 2500 && took < 10_000, `ended after the grace period (${took} ms)`);
    assert.not.ok(alive(kubectlPid), 'the child that ignored SIGTERM was killed');
  } finally {
    dir.remove();
  }
});

interrupt.run();
