// kubectl config view -o json | delete-context | delete-cluster | delete-user over the
// kubeconfig in simulations.kubeconfig (kubectl's own messages when a name is missing).
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { localState } from '../lib/cluster.js';
import { mutate, readState } from '../lib/store.js';

export default async function config(ctx: Ctx, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const path = localState(ctx.env);
  if (!path) throw new CliError(1, 'error: no kubeconfig');
  if (sub === 'view' && rest[0] === '--minify') return minified(ctx, path, rest.slice(1));
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

/**
 * `config view --minify -o json [--context NAME]`: the one context (named, else current)
 * with its cluster. Without a simulated kubeconfig: context "fake" (or the one named) on
 * https://127.0.0.1:6443, the server every fake cluster answers as.
 */
function minified(ctx: Ctx, path: string, rest: string[]): number {
  let named: string | undefined;
  if (rest[2] === '--context' && rest.length === 4) named = rest[3];
  else if (rest.length !== 2)
    throw new Unsupported('kubectl', `config view --minify ${rest.join(' ')}`);
  if (rest[0] !== '-o' || rest[1] !== 'json')
    throw new Unsupported('kubectl', `config view --minify ${rest.join(' ')}`);
  const kc = readState(path).simulations.kubeconfig;
  const name = named ?? (kc ? kc.currentContext : 'fake');
  if (!name) throw new CliError(1, 'error: current-context must exist in order to minify');
  const context = kc
    ? kc.contexts.find((c) => c.name === name)
    : { name, cluster: name, user: name };
  if (!context) throw new CliError(1, `error: cannot locate context ${name}`);
  ctx.out(
    `${JSON.stringify({
      kind: 'Config',
      apiVersion: 'v1',
      clusters: [{ name: context.cluster, cluster: { server: 'https://127.0.0.1:6443' } }],
      users: [{ name: context.user, user: { token: 'REDACTED' } }],
      contexts: [{ name, context: { cluster: context.cluster, user: context.user } }],
      'current-context': name,
    })}\n`,
  );
  return 0;
}
