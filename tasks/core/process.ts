import { accessSync, constants, statSync } from 'node:fs';
import type { Cleanup } from './cleanup.js';
import { quoteArg } from './shell-quote.js';

/**
 * Starting child processes with zx, and nothing else: no policy (dry-run,
 * echo, redaction) lives here — that is exec.ts.
 *
 * zx runs commands through a shell. /bin/sh with POSIX quoting: no dependence
 * on bash (Debian's sh is dash), and no ~/.bashrc, which bash sources when its
 * stdin is a socket, as Node's child stdio is.
 */
const SHELL = '/bin/sh';

export interface Spawn {
  bin: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
}

async function shell(s: Spawn) {
  const { $ } = await import('zx/core');
  // Without input, stdin is /dev/null: a tool that reads stdin must see EOF, not hang.
  const stdio: ['ignore' | 'pipe', 'pipe', 'pipe'] = [s.input ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  const $$ = $({
    cwd: s.cwd,
    env: s.env,
    input: s.input,
    stdio,
    shell: SHELL,
    prefix: 'exec ',
    postfix: '',
    quote: quoteArg,
    nothrow: true,
    quiet: true,
    verbose: false,
  });
  const child = $$`${[s.bin, ...s.args]}`;
  // Synchronous, so a Ctrl-C handler that exits right after still stops the command
  // (zx's own kill() is asynchronous). `exec` makes the shell become the command (dash
  // would otherwise fork it), so this pid is the command's and nothing is orphaned.
  const kill = () => {
    const proc = child.child;
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  };
  return { child, kill };
}

export interface Finished {
  stdout: string;
  stderr: string;
  /** null when killed */
  status: number | null;
  timedOut: boolean;
}

/** Runs to completion; killed (and reported as timed out) after `timeoutMs`, or by cleanup. */
export async function runToEnd(s: Spawn, timeoutMs: number, cleanup: Cleanup): Promise<Finished> {
  const { child, kill } = await shell(s);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  const untrack = cleanup.add(kill);
  const out = await child.finally(() => {
    clearTimeout(timer);
    untrack();
  });
  return {
    stdout: out.stdout,
    stderr: out.stderr,
    status: timedOut ? null : out.exitCode,
    timedOut,
  };
}

export interface Started {
  /** the match of the readiness pattern (e.g. the forwarded port) */
  match: RegExpMatchArray;
  stop(): void;
}

/**
 * Starts a long-running process and resolves once its stdout matches `ready`;
 * rejects with the reason and stderr when it exits first or is not ready in time.
 */
export async function startUntilReady(
  s: Spawn,
  ready: RegExp,
  timeoutMs: number,
  cleanup: Cleanup,
): Promise<Started> {
  const { child, kill } = await shell(s);
  const untrack = cleanup.add(kill);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const fail = (reason: string) => {
      kill();
      untrack();
      reject(Object.assign(new Error(reason), { stderr }));
    };
    const timer = setTimeout(
      () => fail(`was not ready after ${Math.round(timeoutMs / 1000)}s`),
      timeoutMs,
    );
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = ready.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void child.then((out) => {
      clearTimeout(timer);
      fail(`exited with code ${out.exitCode} before it was ready`);
    });
  });
  return {
    match,
    stop: () => {
      untrack();
      kill();
    },
  };
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
