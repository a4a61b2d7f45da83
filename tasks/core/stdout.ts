import { fstatSync, statSync, writeSync } from 'node:fs';

/**
 * Results go to fd 1 with plain synchronous writes: all bytes are out before
 * the process exits, and no stream is set up for a one-shot CLI. A closed pipe
 * (`tasks --list | head -1`) ends the output quietly.
 */
export function writeStdout(text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
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

let devNull: number | undefined;

/**
 * Whether fd 0, 1 or 2 is a terminal: a character device other than /dev/null.
 * Two stat calls instead of node:tty, which loads net and the stream machinery
 * (a tenth of a cold start) just to answer this.
 */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    devNull ??= statSync('/dev/null').rdev;
    return st.rdev !== devNull;
  } catch {
    return false;
  }
}
