// System tools the template tests run. A missing one fails the test with the
// command that installs it; nothing is skipped.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The absolute path of `cmd` on PATH, or undefined. */
export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path.startsWith('/') ? path : undefined;
}

export function requireTool(cmd: string, setup: string): string {
  const path = which(cmd);
  if (!path) throw new Error(`${cmd} is not installed; run: ${setup}`);
  return path;
}

/** Debian's python3 (a pyenv python first on PATH cannot see Debian's packages). */
export function python3(): string {
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  throw new Error('Debian python3 is missing; run: apt-get install -y python3');
}

export const shellcheck = (): string =>
  requireTool('shellcheck', 'apt-get install -y shellcheck');
