// Process plumbing shared by every fake CLI: the context a command runs in, synchronous
// output (so nothing is lost when the process ends), and the two error kinds.
import { readFileSync, writeSync } from 'node:fs';

/** A failure the real CLI would report: message goes to stderr, process exits with code. */
export class CliError extends Error {
  constructor(
    public code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A command form the project does not use: always exit 2 with "unsupported" in the text. */
export class Unsupported extends CliError {
  constructor(tool: string, what: string) {
    super(2, `fake ${tool}: unsupported: ${what}`);
  }
}

/** A mistake in the test's own set-up (missing state file, simulation not configured). */
export class SetupError extends CliError {
  constructor(tool: string, what: string) {
    super(2, `fake ${tool}: test set-up error: ${what}`);
  }
}

export interface Ctx {
  tool: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Reads all of stdin (once). Only commands that really consume stdin call it. */
  stdin(): string;
  out(text: string): void;
  err(text: string): void;
  /** What the call log records as argv when it must differ (tokens redacted). */
  logArgv?: string[];
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      // A non-blocking pipe that is full: wait a moment and retry instead of dropping output.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      sleepSync(1);
    }
  }
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function createCtx(tool: string, argv: string[]): Ctx & { stdinText: string } {
  const ctx: Ctx & { stdinText: string; stdinRead: boolean } = {
    tool,
    argv,
    env: process.env,
    cwd: process.cwd(),
    stdinText: '',
    stdinRead: false,
    stdin(): string {
      if (!ctx.stdinRead) {
        ctx.stdinRead = true;
        try {
          ctx.stdinText = readFileSync(0, 'utf8');
        } catch {
          ctx.stdinText = '';
        }
      }
      return ctx.stdinText;
    },
    out: (text: string) => writeAll(1, text),
    err: (text: string) => writeAll(2, text),
  };
  return ctx;
}

/** Lines end with exactly one newline, like the Go CLIs print them. */
export function line(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
