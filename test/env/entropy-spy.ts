// `node --import <this> …`: makes crypto.randomBytes predictable and records each call, so a
// test knows every secret the run generated without looking inside it (bundled or not).
// Call k returns `size` bytes of value k % 62: an alphanumeric password drawn from it is the
// k-th letter of the alphabet repeated. One JSON line per call in ENTROPY_SPY_FILE.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const file = process.env.ENTROPY_SPY_FILE;
const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
let calls = 0;
(crypto as { randomBytes: unknown }).randomBytes = (size: number) => {
  const fill = calls++ % 62;
  if (file) appendFileSync(file, `${JSON.stringify({ size, fill })}\n`);
  return Buffer.alloc(size, fill);
};
syncBuiltinESMExports();
