// Fake kubectl: dispatches to one module per subcommand the project uses.
import { Unsupported, type Ctx } from '../lib/io.js';
import { splitSubcommand } from '../lib/cluster.js';

const COMMANDS: Record<
  string,
  () => Promise<{ default: (ctx: Ctx, args: string[]) => Promise<number> }>
> = {
  get: () => import('./get.js'),
  apply: () => import('./apply.js'),
  create: () => import('./create.js'),
  delete: () => import('./delete.js'),
  label: () => import('./label.js'),
  patch: () => import('./patch.js'),
  rollout: () => import('./rollout.js'),
  wait: () => import('./wait.js'),
  exec: () => import('./exec.js'),
  logs: () => import('./logs.js'),
  'port-forward': () => import('./port-forward.js'),
  uncordon: () => import('./node.js').then((m) => ({ default: m.uncordon })),
  drain: () => import('./node.js').then((m) => ({ default: m.drain })),
  config: () => import('./config.js'),
};

export async function run(ctx: Ctx): Promise<number> {
  const [sub, rest] = splitSubcommand(ctx.argv, ['-n', '--namespace', '--request-timeout']);
  const load = sub ? COMMANDS[sub] : undefined;
  if (!load) throw new Unsupported('kubectl', `command ${JSON.stringify(sub ?? '')}`);
  return (await load()).default(ctx, rest);
}
