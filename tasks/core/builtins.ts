import { createRequire } from 'node:module';

// Two built-ins cost a cold start dearly when imported up front: node:child_process loads
// net, dgram and the whole stream stack; node:crypto's ES namespace loads webcrypto and
// every cipher module (~40 internal modules each, a sixth of `tasks --list`). The core
// needs them only to run a command or hash a plan, so they are required on first use.
const require = createRequire(import.meta.url);

type ChildProcessModule = typeof import('node:child_process');
let childProcessModule: ChildProcessModule | undefined;
let cryptoModule: typeof import('node:crypto') | undefined;

export function childProcess(): ChildProcessModule {
  return (childProcessModule ??= require('node:child_process') as ChildProcessModule);
}

export function sha256Hex(data: string | Uint8Array): string {
  cryptoModule ??= require('node:crypto') as typeof import('node:crypto');
  return cryptoModule.createHash('sha256').update(data).digest('hex');
}
