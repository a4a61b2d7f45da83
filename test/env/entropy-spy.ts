// `node --import <this> …`: makes the kernel random source predictable and records each
// read, so a test knows every secret the run generated without looking inside it (bundled
// or not). Read k of /dev/urandom returns bytes of value k % 62: an alphanumeric password
// drawn from it is the k-th letter of the alphabet repeated. One JSON line per read in
// ENTROPY_SPY_FILE.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const file = process.env.ENTROPY_SPY_FILE;
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const { openSync, readSync } = fs;
const spied = new Set<number>();
let calls = 0;
(fs as { openSync: unknown }).openSync = (path: import('node:fs').PathLike, ...rest: unknown[]) => {
  const fd = (openSync as (...a: unknown[]) => number)(path, ...rest);
  if (String(path) === '/dev/urandom') spied.add(fd);
  return fd;
};
(fs as { readSync: unknown }).readSync = (fd: number, buffer: Buffer, ...rest: unknown[]) => {
  if (!spied.has(fd)) return (readSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
  const offset = (rest[0] as number) ?? 0;
  const length = (rest[1] as number) ?? buffer.length - offset;
  const fill = calls++ % 62;
  if (file) appendFileSync(file, `${JSON.stringify({ size: length, fill })}\n`);
  buffer.fill(fill, offset, offset + length);
  return length;
};
syncBuiltinESMExports();
