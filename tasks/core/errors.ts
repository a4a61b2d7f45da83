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

/** An external command failed. Everything in it is already redacted. */
export class CommandError extends TaskError {
  constructor(
    /** the command line, redacted, copy-pastable */
    readonly command: string,
    /** the process exit code, or null when it was killed (timeout, signal) */
    readonly status: number | null,
    /** last lines of stderr, redacted */
    readonly stderrTail: string,
    reason?: string,
  ) {
    const why = reason ?? (status === null ? 'was killed' : `exited with code ${status}`);
    super(`command ${why}: ${command}${stderrTail ? `\n${indent(stderrTail)}` : ''}`);
    this.name = 'CommandError';
  }
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
