// Fake kubectl: dispatches to one module per subcommand the project uses.
import { Unsupported, type Ctx } from '../lib/io.js';
import { splitSubcommand } from '../lib/cluster.js';
import { checkKubectlContext, takeContext } from '../lib/kube-context.js';

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
  const { context, rest: argv } = takeContext(ctx.argv, '--context');
  const [sub, rest] = splitSubcommand(argv, ['-n', '--namespace', '--request-timeout']);
  const load = sub ? COMMANDS[sub] : undefined;
  if (!load) throw new Unsupported('kubectl', `command ${JSON.stringify(sub ?? '')}`);
  // `kubectl config` edits the kubeconfig (the project never names a context there).
  if (sub === 'config' && context !== undefined)
    throw new Unsupported('kubectl', '--context with kubectl config');
  await checkKubectlContext(ctx.env, context);
  return (await load()).default(ctx, rest);
}
