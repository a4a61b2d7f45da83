// kubectl uncordon NODE and kubectl drain NODE [flags]: spec.unschedulable on a Node object;
// drain also deletes the node's pods that no DaemonSet owns (with --force, unmanaged ones too).
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { kindByName, notFound, type KindInfo } from '../lib/kinds.js';
import { deleteObject, findObject } from '../lib/objects.js';

const NODE = () => kindByName('Node') as KindInfo;

export async function uncordon(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(args, [], { tool: 'kubectl', cmd: 'uncordon', errPrefix: 'error: ' });
  if (p.positional.length !== 1) throw new Unsupported('kubectl', `uncordon ${args.join(' ')}`);
  const name = p.positional[0]!;
  const path = await connect(ctx.env, 'kubectl');
  const was = mutate(path, (s) => {
    const node = findObject(s, NODE(), name);
    if (!node) throw new CliError(1, notFound(NODE(), name));
    const before = node.spec?.unschedulable === true;
    node.spec = { ...(node.spec ?? {}) };
    delete node.spec.unschedulable;
    return before;
  });
  ctx.out(`node/${name} ${was ? 'uncordoned' : 'already uncordoned'}\n`);
  return 0;
}

export async function drain(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'ignore-daemonsets', type: 'bool' },
      { name: 'delete-emptydir-data', type: 'bool' },
      { name: 'force', type: 'bool' },
      { name: 'disable-eviction', type: 'bool' },
      { name: 'grace-period', type: 'string' },
      { name: 'timeout', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'drain', errPrefix: 'error: ' },
  );
  if (p.positional.length !== 1) throw new Unsupported('kubectl', `drain ${args.join(' ')}`);
  const name = p.positional[0]!;
  const path = await connect(ctx.env, 'kubectl');
  const evicted = mutate(path, (s) => {
    const node = findObject(s, NODE(), name);
    if (!node) throw new CliError(1, notFound(NODE(), name));
    node.spec = { ...(node.spec ?? {}), unschedulable: true };
    const pods = s.objects.filter(
      (o) =>
        o.kind === 'Pod' &&
        o.spec?.nodeName === name &&
        !o.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet'),
    );
    for (const pod of pods) deleteObject(s, pod);
    return pods.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`);
  });
  ctx.out(`node/${name} cordoned\n`);
  for (const pod of evicted) ctx.out(`pod/${pod.split('/')[1]} deleted\n`);
  ctx.out(`node/${name} drained\n`);
  return 0;
}
