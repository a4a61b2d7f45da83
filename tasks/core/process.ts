import type { ChildProcess } from 'node:child_process';
import { childProcess } from './builtins.js';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import type { Cleanup } from './cleanup.js';

/**
 * Starting child processes, and nothing else: no policy (dry-run, echo, redaction) lives
 * here — that is exec.ts.
 *
 * No shell: the program is started with its argv as an array (node:child_process), so no
 * argument is ever parsed by a shell, whatever it holds, and a missing program is ENOENT
 * from the kernel, not a shell's "not found" text. (zx always goes through a shell, so it
 * is not used.) Stopping is two-stage: SIGTERM, then SIGKILL after a grace period, so a
 * child that ignores SIGTERM cannot keep a run from ending.
 */

/** How long a child gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 3000;

export interface Spawn {
  bin: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  /** SIGTERM → SIGKILL grace; KILL_GRACE_MS by default */
  killGraceMs?: number;
}

export interface Finished {
  stdout: string;
  stderr: string;
  /** the exit code; null when the process was ended by a signal or never started */
  status: number | null;
  /** the signal that ended it, if one did */
  signal: NodeJS.Signals | null;
  /** stopped by us because it ran past its timeout */
  timedOut: boolean;
  /** why it could not start: ENOENT (no such program, or no such cwd), EACCES, … */
  spawnError?: { code: string; missingCwd: boolean };
}

/** One started child: collects its output and stops in two stages. */
class Child {
  stdout = '';
  stderr = '';
  timedOut = false;
  readonly exited: Promise<Finished>;
  private readonly proc: ChildProcess;
  private alive = true;
  private termSent = false;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(private readonly s: Spawn) {
    // Without input, stdin is /dev/null: a tool that reads stdin must see EOF, not hang.
    this.proc = childProcess().spawn(s.bin, [...s.args], {
      cwd: s.cwd,
      env: s.env,
      stdio: [s.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    // Decoded as a stream, so a character split between two chunks stays whole.
    this.proc.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.proc.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    if (s.input !== undefined) {
      // A child that exits without reading all of stdin is not an error of ours.
      this.proc.stdin!.on('error', () => undefined);
      this.proc.stdin!.end(s.input);
    }
    let spawnError: Finished['spawnError'];
    this.proc.once('error', (err: NodeJS.ErrnoException) => {
      // Without a pid it never started ('close' follows); with one, a kill failed: ignored.
      if (this.proc.pid === undefined)
        spawnError = { code: err.code ?? 'EUNKNOWN', missingCwd: !existsSync(s.cwd) };
    });
    this.proc.once('exit', () => {
      this.alive = false;
      clearTimeout(this.killTimer);
      // A grandchild may hold our pipes open after the child is gone: once we have stopped
      // the child, its output is read for a moment more, not waited for.
      if (this.termSent) setTimeout(() => this.closePipes(), 100).unref();
    });
    this.exited = new Promise<Finished>((resolve) => {
      // 'close' comes once the process has ended and its pipes are closed (also after a
      // failed start, with a negative code).
      this.proc.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.alive = false;
        clearTimeout(this.killTimer);
        resolve({
          stdout: this.stdout,
          stderr: this.stderr,
          status: spawnError ? null : code,
          signal,
          timedOut: this.timedOut,
          ...(spawnError && { spawnError }),
        });
      });
    });
  }

  onStdout(listener: () => void): void {
    this.proc.stdout!.on('data', listener);
  }

  /** SIGTERM now and SIGKILL after the grace period (asked again: nothing more). */
  stop(): void {
    if (this.proc.pid === undefined) return;
    if (!this.alive) {
      // Ended already, but a grandchild holds the pipes: stop waiting for them.
      this.closePipes();
      return;
    }
    if (this.termSent) return;
    this.termSent = true;
    this.signal('SIGTERM');
    this.killTimer = setTimeout(() => this.signal('SIGKILL'), this.s.killGraceMs ?? KILL_GRACE_MS);
  }

  /** SIGKILL at once (a second Ctrl-C). */
  kill(): void {
    this.termSent = true;
    this.signal('SIGKILL');
  }

  private signal(sig: NodeJS.Signals): void {
    if (!this.alive) return;
    try {
      this.proc.kill(sig);
    } catch {
      // already gone
    }
  }

  private closePipes(): void {
    this.proc.stdout!.destroy();
    this.proc.stderr!.destroy();
  }
}

/** Runs to completion; stopped (and reported as timed out) after `timeoutMs`, or by cleanup. */
export async function runToEnd(s: Spawn, timeoutMs: number, cleanup: Cleanup): Promise<Finished> {
  const child = new Child(s);
  const timer = setTimeout(() => {
    child.timedOut = true;
    child.stop();
  }, timeoutMs);
  const untrack = cleanup.addChild(child);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
    untrack();
  }
}

export interface Started {
  /** the match of the readiness pattern (e.g. the forwarded port) */
  match: RegExpMatchArray;
  stop(): void;
}

/** Why a background command did not become ready, with what it had said. */
export interface NotReady {
  reason: string;
  finished?: Finished;
  stderr: string;
}

/**
 * Starts a long-running process and resolves once its stdout matches `ready`;
 * rejects with a NotReady when it exits first or is not ready in time.
 */
export async function startUntilReady(
  s: Spawn,
  ready: RegExp,
  timeoutMs: number,
  cleanup: Cleanup,
): Promise<Started> {
  const child = new Child(s);
  const untrack = cleanup.addChild(child);
  void child.exited.then(untrack);
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.timedOut = true;
      child.stop();
      reject({
        reason: `was not ready after ${Math.round(timeoutMs / 1000)}s`,
        stderr: child.stderr,
      } satisfies NotReady);
    }, timeoutMs);
    child.onStdout(() => {
      const m = ready.exec(child.stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void child.exited.then((finished) => {
      clearTimeout(timer);
      reject({
        reason: finished.spawnError
          ? 'could not start'
          : `exited with code ${finished.status} before it was ready`,
        finished,
        stderr: finished.stderr,
      } satisfies NotReady);
    });
  });
  return { match, stop: () => child.stop() };
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
