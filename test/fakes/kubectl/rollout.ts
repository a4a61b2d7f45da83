// kubectl rollout restart|status deployment/NAME -n NS [--timeout=Ns]: restart stamps the pod
// template (kubectl.kubernetes.io/restartedAt), bumps the generation and makes the
// deployment unready as a new ReplicaSet would; status waits for it as the readiness
// simulation says (deploymentsReadyAfterPolls; 'never' times out with kubectl's message).
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { notFound, resolveType } from '../lib/kinds.js';
import { findObject, nextResourceVersion } from '../lib/objects.js';
import { poll, setNotReady, wouldBecomeReady } from '../lib/deployments.js';

export default async function rollout(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'timeout', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'rollout', errPrefix: 'error: ' },
  );
  const [action, target, ...extra] = p.positional;
  if (p.rest || extra.length || !['restart', 'status'].includes(action ?? ''))
    throw new Unsupported('kubectl', `kubectl rollout ${p.positional.join(' ')}`);
  const [typeToken, name] = (target ?? '').split('/');
  if (!typeToken || !name) throw new Unsupported('kubectl', `rollout target "${target}"`);
  const ns = str(p, 'namespace') ?? 'default';
  const path = await connect(ctx.env, 'kubectl');
  const msg = mutate(path, (s) => {
    const info = resolveType(typeToken, s);
    if (info.kind !== 'Deployment') throw new Unsupported('kubectl', `rollout of ${typeToken}`);
    const d = findObject(s, info, name, ns);
    if (!d) throw new CliError(1, notFound(info, name));
    if (action === 'restart') {
      const template = (d.spec.template ??= {});
      template.metadata ??= {};
      template.metadata.annotations = {
        ...template.metadata.annotations,
        'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
      };
      d.metadata.generation = (d.metadata.generation ?? 1) + 1;
      d.metadata.resourceVersion = nextResourceVersion(s);
      setNotReady(s, d);
      return `deployment.apps/${name} restarted`;
    }
    if (!wouldBecomeReady(s, name))
      throw new CliError(1, 'error: timed out waiting for the condition');
    for (let i = 0; i < 1000 && !d.status?.readyReplicas; i++) poll(s, d);
    return `deployment "${name}" successfully rolled out`;
  });
  ctx.out(`${msg}\n`);
  return 0;
}
