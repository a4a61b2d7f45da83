/**
 * The few error types the CLI knows how to report. Anything else that escapes a
 * recipe is a bug and is reported with "unexpected error" (stack with --verbose).
 */

/** A task failed for a reason the operator can act on. Exit code 1. */
export class TaskError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TaskError';
  }
}

/** The command line was wrong (unknown recipe, missing argument). Exit code 2. */
export class UsageError extends TaskError {
  override readonly exitCode: number = 2;
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'UsageError';
  }
}

/** What is known about a command that failed; every text in it is already masked. */
export interface CommandFailure {
  /** the program as asked for (kubectl, helm) */
  readonly program: string;
  /** the command line as shown to the operator: masked, copy-pastable */
  readonly command: string;
  /** the exit code; null when it was ended by a signal or never started */
  readonly status: number | null;
  /** the signal that ended it (SIGTERM, SIGKILL), if one did */
  readonly signal: NodeJS.Signals | null;
  /** stopped because it ran past its timeout (of `timeoutMs`) */
  readonly timedOut: boolean;
  readonly timeoutMs?: number;
  /** the program could not be started: ENOENT (not on PATH), EACCES (not executable) */
  readonly spawnError?: string;
  /** the last lines of its stderr, masked */
  readonly stderrTail: string;
  /** what went wrong when it is not one of the above (a background command never ready) */
  readonly reason?: string;
  /** the whole message, when the failure was recognised (kube-failure.ts): one line */
  readonly summary?: string;
}

/**
 * An external command failed. Like execa's error it keeps what happened (exit code,
 * signal, timeout, the command as shown, stderr's tail) so callers decide from the
 * structure, not from the message. Everything in it is already masked.
 */
// The fields are CommandFailure's, declared once there (the interface merges into the class).
export interface CommandError extends CommandFailure {}
export class CommandError extends TaskError {
  constructor(f: CommandFailure, hint?: string) {
    super(describeFailure(f), hint ?? failureHint(f));
    this.name = 'CommandError';
    Object.assign(this, f);
  }

  /** The program is not installed: not found on PATH, or not executable. */
  get notInstalled(): boolean {
    return this.spawnError === 'ENOENT' || this.spawnError === 'EACCES';
  }
}

function describeFailure(f: CommandFailure): string {
  if (f.summary) return f.summary;
  if (f.spawnError === 'ENOENT') return `${f.program} is not installed (not found on PATH)`;
  if (f.spawnError === 'EACCES') return `${f.program} is not executable (permission denied)`;
  if (f.spawnError) return `${f.program} could not be started (${f.spawnError})`;
  const why =
    f.reason ??
    (f.timedOut
      ? `timed out after ${Math.round((f.timeoutMs ?? 0) / 1000)}s`
      : f.signal
        ? `was killed (${f.signal})`
        : f.status === null
          ? 'was killed'
          : `exited with code ${f.status}`);
  return `command ${why}: ${f.command}${f.stderrTail ? `\n${indent(f.stderrTail)}` : ''}`;
}

function failureHint(f: CommandFailure): string | undefined {
  if (f.spawnError === 'ENOENT' || f.spawnError === 'EACCES')
    return `install ${f.program} or put it on PATH`;
  return undefined;
}

/** Ctrl-C or SIGTERM. Exit code 130, no stack trace. */
export class InterruptedError extends Error {
  readonly exitCode = 130;
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
