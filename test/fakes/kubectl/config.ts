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
  if (sub === 'use-context' || sub?.startsWith('set-')) return setConfig(ctx, path, sub, rest);
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

function setConfig(ctx: Ctx, path: string, sub: string, rest: string[]): number {
  const [name, ...flags] = rest;
  if (!name) throw new CliError(1, `error: Unexpected args: []`);
  const flag = (key: string) => flags.find((f) => f.startsWith(`--${key}=`))?.slice(key.length + 3);
  mutate(path, (s) => {
    const kc = s.simulations.kubeconfig ?? { contexts: [], clusters: [], users: [] };
    if (sub === 'use-context') {
      if (flags.length) throw new Unsupported('kubectl', `config use-context ${rest.join(' ')}`);
      if (!kc.contexts.some((c) => c.name === name))
        throw new CliError(1, `error: no context exists with the name: "${name}"`);
      kc.currentContext = name;
    } else if (sub === 'set-credentials') {
      if (!flags.every((f) => f.startsWith('--exec-')))
        throw new Unsupported('kubectl', `config set-credentials ${flags.join(' ')}`);
      if (!kc.users.includes(name)) kc.users.push(name);
    } else if (sub === 'set-cluster') {
      if (!flag('server'))
        throw new Unsupported('kubectl', `config set-cluster ${flags.join(' ')}`);
      if (!kc.clusters.includes(name)) kc.clusters.push(name);
    } else if (sub === 'set-context') {
      const cluster = flag('cluster');
      const user = flag('user');
      if (!cluster || !user)
        throw new Unsupported('kubectl', `config set-context ${flags.join(' ')}`);
      kc.contexts = kc.contexts.filter((c) => c.name !== name);
      kc.contexts.push({ name, cluster, user });
    } else throw new Unsupported('kubectl', `config ${sub}`);
    s.simulations.kubeconfig = kc;
  });
  ctx.out(
    sub === 'use-context'
      ? `Switched to context "${name}".\n`
      : `${sub === 'set-credentials' ? 'User' : sub === 'set-cluster' ? 'Cluster' : 'Context'} "${name}" set.\n`,
  );
  return 0;
}
