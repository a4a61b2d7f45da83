// Shared by the build-kernel-images / push-kernel-images tests: a recording `python3`
// (the real Debian one underneath), a lock so that no two runs in this tree build the wheel
// in python-package/ or copy it into the image folders at the same time, and small readers
// for what the tests inspect (folders, tar archives).
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../tasks/core/paths.js';
import { runCli, type CliResult } from '../../support/cli.js';

export const PYTHON = '/usr/bin/python3';
export const PACKAGE_DIR = join(projectRoot, 'python-package');
export const IMAGES_DIR = join(projectRoot, 'images');
export const WHEEL_NAME = 'buunstack-0.1.0-py3-none-any.whl';

/** Debian's python3 with python3-build: the tests fail (never skip) without it. */
export function requireDebianPythonBuild(): void {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: apt-get install -y python3`);
  const r = spawnSync(PYTHON, ['-c', 'import build, venv'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `${PYTHON} cannot import build/venv: apt-get install -y python3-build python3-venv\n${r.stderr}`,
    );
}

export interface PythonCall {
  cwd: string;
  /** SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK as the child saw it ('<unset>' if absent) */
  version: string;
  args: string;
}

export interface PythonShim {
  /** put this first on PATH */
  dir: string;
  calls(): PythonCall[];
  close(): void;
}

/**
 * `python3` first on PATH: notes cwd, the version variable and argv, then execs Debian's
 * python3 (the one first on a developer's PATH may be a pyenv build without `build`).
 */
export function pythonShim(): PythonShim {
  const dir = mkdtempSync(join(tmpdir(), 'kernel-images-py-'));
  const log = join(dir, 'calls.tsv');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'python3'),
    '#!/bin/sh\n' +
      `printf '%s\\t%s\\t%s\\n' "$PWD" "\${SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK-<unset>}" "$*" >> '${log}'\n` +
      `exec ${PYTHON} "$@"\n`,
  );
  chmodSync(join(dir, 'python3'), 0o755);
  return {
    dir,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [cwd, version, args] = line.split('\t');
          return { cwd, version, args };
        }),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The isolated wheel build installs setuptools and setuptools-scm with pip, so the run gets
 * the developer's pip settings (HOME stays the real one for the user pip.conf). Without
 * retries an unreachable default index costs a second instead of ~30 s before pip falls
 * back to a configured mirror.
 */
export function pipEnv(): Record<string, string> {
  const env: Record<string, string> = { PIP_RETRIES: '0' };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('PIP_') && v) env[k] = v;
  return env;
}

const LOCK = join(projectRoot, '.build', 'locks', 'kernel-images');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cross-process lock over python-package/{dist,build} and the image folders of this tree
 * (another engineer's test run may be building the same wheel). Returns its release.
 */
export async function lockKernelImages(timeoutMs = 10 * 60_000): Promise<() => void> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    } catch {
      // just created, pid not written yet
    }
    if (owner && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline)
      throw new Error(`${LOCK} held by pid ${owner} for more than ${timeoutMs / 1000}s`);
    else await new Promise((r) => setTimeout(r, 200));
  }
}

/** `buunstack-*.whl` files directly in a folder. */
export function wheelsIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => /^buunstack-.*\.whl$/.test(f)) : [];
}

/** Runs `tasks …` as a subprocess with the given environment (plus the pip settings). */
export function runTasks(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<CliResult> {
  return runCli(args, { cwd, env: { ...pipEnv(), ...env }, timeoutMs: 240_000 });
}

/** The lines of a CLI's stderr that report an error (✗) and any stack frame. */
export function errorLines(stderr: string): { failures: string[]; stack: string[] } {
  const lines = stderr.split('\n');
  return {
    failures: lines.filter((l) => l.startsWith('✗')),
    stack: lines.filter((l) => /^\s+at .+\(?.+:\d+:\d+\)?$/.test(l)),
  };
}

/** Entries of a (possibly gzipped) tar archive: path → content (regular files only). */
export function readTar(data: Buffer): Map<string, Buffer> {
  const buf = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  const files = new Map<string, Buffer>();
  const text = (start: number, len: number) =>
    buf
      .subarray(start, start + len)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const prefix = text(offset + 257, 6).startsWith('ustar') ? text(offset + 345, 155) : '';
    let name = longName ?? (prefix ? `${prefix}/` : '') + text(offset, 100);
    longName = undefined;
    const body = buf.subarray(offset + 512, offset + 512 + size);
    if (type === 'x') {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
    } else if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
    } else if (type === '0') {
      name = name.replace(/^\.\//, '');
      files.set(name, Buffer.from(body));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
