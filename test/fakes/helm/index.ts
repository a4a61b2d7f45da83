// Fake helm (v3): dispatches to the subcommands the project uses.
import { Unsupported, type Ctx } from '../lib/io.js';
import { splitSubcommand } from '../lib/cluster.js';

export async function run(ctx: Ctx): Promise<number> {
  const [sub, rest] = splitSubcommand(ctx.argv, ['-n', '--namespace']);
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
