import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI as it ships: the bundle when the build made one (npm test), else the
 * compiled tree next to this compiled helper (a private tsc build).
 */
const BUNDLED = fileURLToPath(new URL('../../bundle/cli.js', import.meta.url));
export const CLI = existsSync(BUNDLED)
  ? BUNDLED
  : fileURLToPath(new URL('../../tasks/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  /** extra node flags (e.g. --import a tracer) */
  nodeArgs?: string[];
  /** called with the child once spawned (to send signals) */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

/**
 * Runs `tasks` as an operator would, with a clean environment: only PATH,
 * HOME and what the test passes (no developer .env.local leaks in: cwd is a
 * temp folder unless given).
 */
export function runCli(args: string[], o: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NO_COLOR: '1',
  };
  for (const [k, v] of Object.entries(o.env ?? {})) if (v !== undefined) env[k] = v;
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), CLI, ...args], {
    cwd: o.cwd ?? tmpdir(),
    env,
    stdio: 'pipe',
  });
  o.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(o.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `tasks ${args.join(' ')} did not finish in ${o.timeoutMs ?? 30000} ms\nstderr: ${stderr}`,
        ),
      );
    }, o.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh temp folder, removed by the returned function. */
export function tempDir(prefix = 'tasks-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
