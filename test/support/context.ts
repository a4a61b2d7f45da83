import { createContext, type ContextOptions, type Ctx } from '../../tasks/core/context.js';

export interface TestContext {
  ctx: Ctx;
  /** everything printed on stderr */
  err(): string;
  /** everything printed on stdout */
  out(): string;
}

/** An in-process run context whose output is collected (non-interactive unless asked). */
export function testContext(o: ContextOptions = {}): TestContext {
  let err = '';
  let out = '';
  const ctx = createContext({
    interactive: false,
    env: { PATH: process.env.PATH },
    ...o,
    writeErr: (t) => (err += t),
    writeOut: (t) => (out += t),
    tty: false,
  });
  return { ctx, err: () => err, out: () => out };
}
