import { delimiter, join } from 'node:path';
import { childEnvironment } from './child-env.js';
import { CommandError, InterruptedError, TaskError } from './errors.js';
import type { Background, ExecOptions, Result, RunOptions } from './exec-options.js';
import {
  isExecutable,
  runToEnd,
  startUntilReady,
  type Finished,
  type NotReady,
  type Spawn,
} from './process.js';
import { commandLine } from './shell-quote.js';
import { classifyKubeFailure } from './kube-failure.js';
import { describeTarget, readKubeTarget, withKubeContext, type KubeTarget } from './kube-target.js';

export type { Background, ExecOptions, Result, RunOptions };

const QUERY_TIMEOUT_MS = 2 * 60_000;
const CHANGE_TIMEOUT_MS = 10 * 60_000;
const STDERR_TAIL_LINES = 12;

const tail = (text: string): string =>
  text.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');

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
  private target: Promise<KubeTarget | undefined> | undefined;
  private targetHeader: Promise<void> | undefined;

  constructor(readonly options: ExecOptions) {}

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  /** Whether `cmd` is installed, looked up on the children's PATH without starting a process. */
  has(cmd: string): boolean {
    const bin = this.options.bins?.[cmd];
    if (bin) return isExecutable(bin);
    return (this.options.env.PATH ?? '')
      .split(delimiter)
      .some((dir) => dir && isExecutable(join(dir, cmd)));
  }

  /** Read-only command: runs in every mode. */
  query(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<Result> {
    return this.run(cmd, args, opts, QUERY_TIMEOUT_MS);
  }

  /** A command that changes something. Under --dry-run: printed, not run. */
  async change(
    cmd: string,
    args: readonly string[],
    opts: RunOptions = {},
  ): Promise<Result | undefined> {
    if (this.options.dryRun) {
      // The plan says once, before its first cluster change, which cluster it is for
      // (concurrent changes wait for that line too).
      if (cmd === 'kubectl' || cmd === 'helm')
        await (this.targetHeader ??= this.kubeTarget().then((t) =>
          this.options.plan.target(describeTarget(t)),
        ));
      this.plan(cmd, args, opts);
      return undefined;
    }
    return this.run(cmd, args, opts, CHANGE_TIMEOUT_MS);
  }

  /**
   * The kube context and API server this run talks to, read from the kubeconfig once
   * (no process, no call to the cluster); undefined when the kubeconfig has none.
   */
  kubeTarget(): Promise<KubeTarget | undefined> {
    this.target ??= readKubeTarget(this.options.env, this.options.kubeContext);
    return this.target;
  }

  /** Adds a change to the plan as a line an operator could paste (stdin as a heredoc). */
  plan(cmd: string, args: readonly string[], opts: RunOptions = {}): void {
    this.options.plan.command(
      {
        cmd,
        args: withKubeContext(cmd, args, this.options.kubeContext),
        input: opts.input,
        env: opts.env,
        cwd: opts.cwd,
      },
      opts.describe,
    );
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
    if (!this.options.dryRun || (await this.clusterReachable())) return false;
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
  async background(
    cmd: string,
    args: readonly string[],
    ready: RegExp,
    timeoutMs = 20_000,
  ): Promise<Background> {
    const { line, spawn } = this.prepare(cmd, args, {});
    try {
      return await startUntilReady(spawn, ready, timeoutMs, this.options.cleanup);
    } catch (err) {
      const notReady = err as NotReady;
      throw this.failure(cmd, line, spawn, {
        status: notReady.finished?.status ?? null,
        signal: notReady.finished?.signal ?? null,
        timedOut: false,
        stderr: notReady.stderr,
        spawnError: notReady.finished?.spawnError,
        reason: notReady.reason,
      });
    }
  }

  /** Checks argv for secrets, echoes the command, and counts it. */
  private prepare(
    cmd: string,
    args: readonly string[],
    opts: RunOptions,
  ): { line: string; spawn: Spawn } {
    const { log, secrets } = this.options;
    // After Ctrl-C, a recipe that goes on to its next step starts nothing.
    if (this.options.cleanup.ending) throw new InterruptedError();
    for (const arg of [cmd, ...args]) {
      if (secrets.containsSecret(arg))
        throw new Error(
          `refusing to pass a secret on the command line of ${cmd}: use stdin or env`,
        );
    }
    args = withKubeContext(cmd, args, this.options.kubeContext);
    const line = secrets.redact(commandLine(cmd, args, opts.env));
    log.command(line);
    this.started++;
    const env = childEnvironment(cmd, this.options.env, opts.env);
    return {
      line,
      spawn: {
        bin: this.options.bins?.[cmd] ?? cmd,
        args,
        cwd: opts.cwd ?? this.options.cwd,
        env,
        input: opts.input,
        killGraceMs: this.options.killGraceMs,
      },
    };
  }

  private async run(
    cmd: string,
    args: readonly string[],
    opts: RunOptions,
    defaultTimeout: number,
  ): Promise<Result> {
    const { log, secrets, cleanup } = this.options;
    const { line, spawn } = this.prepare(cmd, args, opts);
    const timeoutMs = opts.timeoutMs ?? defaultTimeout;
    const done = await runToEnd(spawn, timeoutMs, cleanup);
    const result: Result = { stdout: done.stdout, stderr: done.stderr, status: done.status };
    log.output(secrets.redact((opts.secretOutput ? '' : result.stdout) + result.stderr));
    // A program that could not start is an error even with allowFailure: there is no answer.
    if (done.spawnError || (result.status !== 0 && !opts.allowFailure))
      throw this.failure(cmd, line, spawn, { ...done, timeoutMs });
    return result;
  }

  /** The structured error for a command that failed (everything in it masked). */
  private failure(
    cmd: string,
    line: string,
    spawn: Spawn,
    f: Pick<Finished, 'status' | 'signal' | 'timedOut' | 'stderr' | 'spawnError'> & {
      timeoutMs?: number;
      reason?: string;
    },
  ): TaskError {
    if (f.spawnError?.missingCwd)
      return new TaskError(
        `cannot run ${cmd}: its working folder ${spawn.cwd} does not exist`,
        'this is a bug of the recipe: please report it',
      );
    const kube = classifyKubeFailure(cmd, f.status, f.stderr, this.options.kubeContext);
    return new CommandError(
      {
        program: cmd,
        command: line,
        status: f.status,
        signal: f.signal,
        timedOut: f.timedOut,
        timeoutMs: f.timeoutMs,
        spawnError: f.spawnError?.code,
        stderrTail: this.options.secrets.redact(tail(f.stderr)),
        reason: f.reason,
        summary: kube && this.options.secrets.redact(kube.message),
      },
      kube?.hint,
    );
  }
}
