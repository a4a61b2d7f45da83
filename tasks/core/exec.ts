import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CommandError, TaskError } from './errors.js';
import type { Cleanup } from './cleanup.js';
import type { Logger } from './log.js';
import type { Secrets } from './secrets.js';
import { commandLine, quoteArg } from './shell-quote.js';

export interface RunOptions {
  /** stdin for the child: the only way a secret reaches a command (besides env) */
  input?: string;
  /** extra environment for the child; values are redacted when printed */
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  /** return a non-zero result instead of throwing */
  allowFailure?: boolean;
  /** why this change is made, printed in dry-run plans */
  describe?: string;
  /** stdout carries a secret (op read, a Secret's data): never echoed, even with --verbose */
  secretOutput?: boolean;
}

export interface Result {
  stdout: string;
  stderr: string;
  /** null when the process was killed (timeout, signal) */
  status: number | null;
}

export interface Background {
  /** the match of the readiness pattern (e.g. the forwarded port) */
  match: RegExpMatchArray;
  stop(): void;
}

export interface ExecOptions {
  dryRun: boolean;
  log: Logger;
  secrets: Secrets;
  cleanup: Cleanup;
  /** environment every child starts from (process env + env-file values) */
  env: Record<string, string | undefined>;
  /** command name → executable path, so tests can swap in fakes */
  bins?: Record<string, string>;
  cwd: string;
}

// zx runs commands through a shell. /bin/sh with POSIX quoting: no dependence on
// bash (Debian's sh is dash), and no ~/.bashrc, which bash sources when its stdin
// is a socket, as Node's child stdio is.
const SHELL = '/bin/sh';

async function zx(options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }) {
  const { $ } = await import('zx/core');
  // Without input, stdin is /dev/null: a tool that reads stdin must see EOF, not hang.
  const stdio: ['ignore' | 'pipe', 'pipe', 'pipe'] = [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  return $({ ...options, stdio, shell: SHELL, prefix: '', postfix: '', quote: quoteArg, nothrow: true, quiet: true, verbose: false });
}

/** zx throws synchronously when asked to kill a process that already ended. */
function killer(child: { kill(signal?: NodeJS.Signals): Promise<void> }): () => void {
  return () => {
    try {
      void child.kill('SIGTERM').catch(() => {});
    } catch {
      // already finished
    }
  };
}

const QUERY_TIMEOUT_MS = 2 * 60_000;
const CHANGE_TIMEOUT_MS = 10 * 60_000;
const STDERR_TAIL_LINES = 12;

/**
 * The one road out. Queries (get, list, status) run even under --dry-run;
 * changes are printed as copy-pastable, redacted shell lines instead. Nothing
 * that is a registered secret may appear in argv: that is a bug, and refused.
 */
export class Exec {
  /** external processes started by this run (the benchmark reports it) */
  started = 0;
  private reachable: Promise<boolean> | undefined;
  private offlineNoticeShown = false;

  constructor(readonly options: ExecOptions) {}

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  /** Whether `cmd` is installed, looked up on the children's PATH without starting a process. */
  has(cmd: string): boolean {
    const bin = this.options.bins?.[cmd];
    if (bin) return isExecutable(bin);
    const path = this.options.env.PATH ?? '';
    return path.split(delimiter).some((dir) => dir && isExecutable(join(dir, cmd)));
  }

  /** Read-only command: runs in every mode. */
  query(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<Result> {
    return this.spawn(cmd, args, opts, QUERY_TIMEOUT_MS);
  }

  /** A command that changes something. Under --dry-run: printed, not run. */
  async change(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<Result | undefined> {
    if (this.options.dryRun) {
      this.plan(cmd, args, opts);
      return undefined;
    }
    return this.spawn(cmd, args, opts, CHANGE_TIMEOUT_MS);
  }

  /** Prints a planned change; also used for Vault/Keycloak writes in dry-run. */
  plan(cmd: string, args: readonly string[], opts: RunOptions = {}): void {
    const { log } = this.options;
    if (opts.describe) log.command(`# ${opts.describe}`, true);
    const line = commandLine(cmd, args, opts.env);
    if (opts.input === undefined) log.command(line, true);
    else log.command(`${line} <<'EOF'\n${opts.input.replace(/\n$/, '')}\nEOF`, true);
  }

  /** Prints a planned change that is not a command (a Vault or Keycloak API write). */
  planText(text: string): void {
    this.options.log.command(`# would ${text}`, true);
  }

  /**
   * Whether a Kubernetes API server answers; asked at most once per run. Only
   * --dry-run needs it: it then plans as for an empty cluster.
   */
  clusterReachable(): Promise<boolean> {
    // No kubectl at all (a fresh laptop) is simply "no cluster".
    if (!this.has('kubectl')) return (this.reachable ??= Promise.resolve(false));
    this.reachable ??= this.query('kubectl', ['get', '--raw', '/readyz', '--request-timeout=5s'], {
      allowFailure: true,
      timeoutMs: 15_000,
    }).then((r) => r.status === 0);
    return this.reachable;
  }

  /** True when this is a dry-run without a cluster: answer queries as "nothing exists". */
  async planningOffline(): Promise<boolean> {
    if (!this.options.dryRun) return false;
    if (await this.clusterReachable()) return false;
    if (!this.offlineNoticeShown) {
      this.offlineNoticeShown = true;
      this.options.log.warn('no reachable Kubernetes cluster: planning as for an empty cluster');
    }
    return true;
  }

  /**
   * A long-running read-only command (a port-forward): resolves once a stdout
   * line matches `ready`; stopped by `stop()` or at the end of the run.
   */
  async background(cmd: string, args: readonly string[], ready: RegExp, timeoutMs = 20_000): Promise<Background> {
    const { log, secrets, cleanup } = this.options;
    const line = commandLine(cmd, args);
    log.command(secrets.redact(line));
    const $ = await zx({ cwd: this.options.cwd, env: this.options.env as NodeJS.ProcessEnv });
    this.started++;
    const child = $`${[this.options.bins?.[cmd] ?? cmd, ...args]}`;
    const stop = killer(child);
    const untrack = cleanup.add(stop);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const fail = (why: string) => {
        stop();
        reject(new CommandError(secrets.redact(line), null, secrets.redact(tail(stderr)), why));
      };
      const timer = setTimeout(() => fail(`was not ready after ${Math.round(timeoutMs / 1000)}s`), timeoutMs);
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
        stop();
      },
    };
  }

  private async spawn(cmd: string, args: readonly string[], opts: RunOptions, defaultTimeout: number): Promise<Result> {
    const { log, secrets, cleanup } = this.options;
    for (const arg of [cmd, ...args]) {
      if (secrets.containsSecret(arg)) {
        throw new Error(`refusing to pass a secret on the command line of ${cmd}: use stdin or env`);
      }
    }
    const line = commandLine(cmd, args, opts.env);
    log.command(secrets.redact(line));

    const bin = this.options.bins?.[cmd] ?? cmd;
    const timeoutMs = opts.timeoutMs ?? defaultTimeout;
    const env = { ...this.options.env, ...opts.env } as NodeJS.ProcessEnv;
    const $ = await zx({ cwd: opts.cwd ?? this.options.cwd, env, input: opts.input });
    this.started++;
    const child = $`${[bin, ...args]}`;
    const kill = killer(child);
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

    const result: Result = { stdout: out.stdout, stderr: out.stderr, status: timedOut ? null : out.exitCode };
    log.output(secrets.redact((opts.secretOutput ? '' : result.stdout) + result.stderr));
    if (result.status === 127 && /not found|No such file/.test(result.stderr)) {
      throw new TaskError(`${cmd} is not installed (not found on PATH)`, `install ${cmd} or put it on PATH`);
    }
    if (result.status !== 0 && !opts.allowFailure) {
      const reason = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)}s` : undefined;
      throw new CommandError(secrets.redact(line), result.status, secrets.redact(tail(result.stderr)), reason);
    }
    return result;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function tail(text: string): string {
  return text.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
}
