// kubectl logs deployment/NAME -c CONTAINER -n NS --tail=N: the test's canned log text
// (simulations.logs["NS/deployment/NAME/CONTAINER"], empty when none), last N lines. A
// missing deployment fails as kubectl does.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { readState } from '../lib/store.js';
import { kindByName, notFound, type KindInfo } from '../lib/kinds.js';
import { findObject } from '../lib/objects.js';

export default async function logs(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'container', short: 'c', type: 'string' },
      { name: 'tail', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'logs', errPrefix: 'error: ' },
  );
  const [target, ...extra] = p.positional;
  const name = /^deployment\/(.+)$/.exec(target ?? '')?.[1];
  if (!name || extra.length || p.rest || !str(p, 'container'))
    throw new Unsupported('kubectl', `kubectl logs ${args.join(' ')} (only deployment/NAME -c C)`);
  const ns = str(p, 'namespace') ?? 'default';
  const s = readState(await connect(ctx.env, 'kubectl'));
  const kind = kindByName('Deployment') as KindInfo;
  if (!findObject(s, kind, name, ns)) throw new CliError(1, notFound(kind, name));
  const text = s.simulations.logs?.[`${ns}/deployment/${name}/${str(p, 'container')}`] ?? '';
  const tail = Number(str(p, 'tail') ?? -1);
  const lines = text.split('\n').filter(Boolean);
  const shown = tail < 0 ? lines : tail === 0 ? [] : lines.slice(-tail);
  ctx.out(shown.map((l) => `${l}\n`).join(''));
  return 0;
}
