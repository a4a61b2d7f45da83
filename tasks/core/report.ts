import { InterruptedError, TaskError } from './errors.js';
import type { Style } from './style.js';

/**
 * The one place errors become output and an exit code. Operator errors print
 * their message and hint; anything else is a bug (stack only with --verbose).
 * Messages are already redacted where they were built (exec, recipes).
 */
export function report(
  err: unknown,
  verbose: boolean,
  style: Style,
  redact: (s: string) => string = (s) => s,
): number {
  const write = (line: string) => process.stderr.write(`${redact(line)}\n`);
  if (err instanceof InterruptedError) {
    write(style.yellow('interrupted'));
    return 130;
  }
  if (err instanceof TaskError) {
    write(`${style.red('✗')} ${err.message}`);
    if (err.hint) write(`  ${style.dim(err.hint)}`);
    if (verbose && err.stack) write(style.dim(err.stack));
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  write(`${style.red('✗')} unexpected error: ${e.message}`);
  write(
    verbose
      ? style.dim(e.stack ?? '')
      : style.dim('  run again with --verbose for the stack trace'),
  );
  return 1;
}
