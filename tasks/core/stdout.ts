import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * Results go to fd 1 with plain synchronous writes: all bytes are out before
 * the process exits, and no stream is set up for a one-shot CLI. A closed pipe
 * (`tasks --list | head -1`) ends the output quietly.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      // fd 1 shared with a parent that made it non-blocking: wait a moment and retry.
      if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      else throw err;
    }
  }
}

/** Whether fd 1 (stdout) or 2 (stderr) is a terminal, without creating its stream. */
export const isTerminal = (fd: 1 | 2): boolean => isatty(fd);
