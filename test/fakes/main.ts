// Entry point of every fake CLI: `node main.js <tool> ARGS…` (the sh wrappers in bin/ pass
// the tool name). Loads only the module of that tool, runs it, prints a failure the way
// the real tool would, records the call, and exits with the tool's code.
import { CliError, SetupError, createCtx, line } from './lib/io.js';
import { appendCall, envSubset } from './lib/log.js';

type Runner = { run(ctx: ReturnType<typeof createCtx>): Promise<number> };

const TOOLS: Record<string, () => Promise<Runner>> = {
  kubectl: () => import('./kubectl/index.js'),
  helm: () => import('./helm/index.js'),
  docker: () => import('./docker.js'),
  podman: () => import('./docker.js'),
  vault: () => import('./vault.js'),
  op: () => import('./op.js'),
  ssh: () => import('./ssh.js'),
  k3sup: () => import('./k3sup.js'),
};

const [tool = '', ...argv] = process.argv.slice(2);
const ctx = createCtx(tool, argv);
const started = Date.now();
let code: number;
try {
  const load = TOOLS[tool];
  if (!load) throw new SetupError(tool, `no fake named "${tool}"`);
  code = await (await load()).run(ctx);
} catch (e) {
  if (e instanceof CliError) {
    if (e.message) ctx.err(line(e.message));
    code = e.code;
  } else {
    ctx.err(`fake ${tool}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    code = 70;
  }
}
appendCall(process.env.FAKE_CALL_LOG, {
  tool,
  argv: ctx.logArgv ?? argv,
  stdin: ctx.stdinText,
  cwd: ctx.cwd,
  env: envSubset(process.env),
  time: started,
  durationMs: Date.now() - started,
  exit: code,
});
// All output was written synchronously, so exiting now loses nothing (and ends servers).
process.exit(code);
