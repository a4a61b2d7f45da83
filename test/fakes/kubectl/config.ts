// kubectl config view -o json | delete-context | delete-cluster | delete-user over the
// kubeconfig in simulations.kubeconfig (kubectl's own messages when a name is missing).
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { localState } from '../lib/cluster.js';
import { mutate, readState } from '../lib/store.js';

export default async function config(ctx: Ctx, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const path = localState(ctx.env);
  if (!path) throw new CliError(1, 'error: no kubeconfig');
  if (sub === 'view') {
    if (rest.join(' ') !== '-o json')
      throw new Unsupported('kubectl', `config view ${rest.join(' ')}`);
    const kc = readState(path).simulations.kubeconfig ?? { contexts: [], clusters: [], users: [] };
    ctx.out(
      `${JSON.stringify({
        kind: 'Config',
        apiVersion: 'v1',
        'current-context': kc.currentContext ?? '',
        contexts: kc.contexts.map((c) => ({
          name: c.name,
          context: { cluster: c.cluster, user: c.user },
        })),
        clusters: kc.clusters.map((name) => ({
          name,
          cluster: { server: 'https://127.0.0.1:6443' },
        })),
        users: kc.users.map((name) => ({
          name,
          user: { 'client-certificate-data': 'DATA+OMITTED' },
        })),
      })}\n`,
    );
    return 0;
  }
  const field = {
    'delete-context': 'contexts',
    'delete-cluster': 'clusters',
    'delete-user': 'users',
  }[sub ?? ''] as 'contexts' | 'clusters' | 'users' | undefined;
  if (!field || rest.length !== 1) throw new Unsupported('kubectl', `config ${args.join(' ')}`);
  const name = rest[0]!;
  mutate(path, (s) => {
    const kc = s.simulations.kubeconfig ?? { contexts: [], clusters: [], users: [] };
    const list = kc[field] as Array<string | { name: string }>;
    const i = list.findIndex((x) => (typeof x === 'string' ? x : x.name) === name);
    if (i < 0) {
      const what = field.slice(0, -1);
      throw new CliError(
        1,
        `error: cannot delete ${what} ${name}, not in ${process.env.KUBECONFIG ?? 'kubeconfig'}`,
      );
    }
    list.splice(i, 1);
    s.simulations.kubeconfig = kc;
  });
  const word = { contexts: 'context', clusters: 'cluster', users: 'user' }[field];
  ctx.out(`deleted ${word} ${name} from ${ctx.env.KUBECONFIG ?? 'kubeconfig'}\n`);
  return 0;
}
