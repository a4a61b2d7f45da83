// Fake helm (v3): dispatches to the subcommands the project uses.
import { Unsupported, type Ctx } from '../lib/io.js';
import { splitSubcommand } from '../lib/cluster.js';
import { checkHelmContext, takeContext } from '../lib/kube-context.js';

export async function run(ctx: Ctx): Promise<number> {
  const { context, rest: argv } = takeContext(ctx.argv, '--kube-context');
  const [sub, rest] = splitSubcommand(argv, ['-n', '--namespace']);
  // Chart repositories are local configuration; every other command needs the cluster.
  if (sub !== 'repo') await checkHelmContext(ctx.env, context);
  switch (sub) {
    case 'list':
    case 'ls':
      return (await import('./releases.js')).list(ctx, rest);
    case 'status':
      return (await import('./releases.js')).status(ctx, rest);
    case 'uninstall':
      return (await import('./releases.js')).uninstall(ctx, rest);
    case 'get':
      return (await import('./releases.js')).getValues(ctx, rest);
    case 'repo':
      return (await import('./repo.js')).repo(ctx, rest);
    case 'upgrade':
      return (await import('./upgrade.js')).upgrade(ctx, rest);
    default:
      throw new Unsupported('helm', `command ${JSON.stringify(sub ?? '')}`);
  }
}
