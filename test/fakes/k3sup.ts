// Fake k3sup: `k3sup install --host H --tls-san X --user U [--context C] [--local-path P --merge]`.
// The host must be one the test simulates for ssh (else k3sup's connection error); with
// --context the new context, cluster and user are merged into simulations.kubeconfig.
import { CliError, Unsupported, type Ctx } from './lib/io.js';
import { bool, parseArgs, str } from './lib/args.js';
import { localState } from './lib/cluster.js';
import { mutate } from './lib/store.js';

export async function run(ctx: Ctx): Promise<number> {
  const [sub, ...rest] = ctx.argv;
  if (sub !== 'install') throw new Unsupported('k3sup', `command ${JSON.stringify(sub ?? '')}`);
  const p = parseArgs(
    rest,
    [
      { name: 'host', type: 'string' },
      { name: 'tls-san', type: 'string' },
      { name: 'user', type: 'string' },
      { name: 'context', type: 'string' },
      { name: 'local-path', type: 'string' },
      { name: 'merge', type: 'bool' },
    ],
    { tool: 'k3sup', cmd: 'install', errPrefix: 'Error: ' },
  );
  const host = str(p, 'host');
  if (!host || p.positional.length) throw new Unsupported('k3sup', `install ${rest.join(' ')}`);
  const path = localState(ctx.env);
  if (!path) throw new CliError(1, 'Error: no state');
  const context = str(p, 'context') ?? 'default';
  const local = str(p, 'local-path');
  mutate(path, (s) => {
    if (!s.simulations.ssh?.[host])
      throw new CliError(
        1,
        `Error: unable to connect to ${host}:22 over ssh: dial tcp: lookup ${host}: no such host`,
      );
    if (!local) return;
    const kc = s.simulations.kubeconfig ?? { contexts: [], clusters: [], users: [] };
    if (!bool(p, 'merge')) Object.assign(kc, { contexts: [], clusters: [], users: [] });
    kc.contexts = kc.contexts.filter((c) => c.name !== context);
    kc.contexts.push({ name: context, cluster: context, user: context });
    if (!kc.clusters.includes(context)) kc.clusters.push(context);
    if (!kc.users.includes(context)) kc.users.push(context);
    s.simulations.kubeconfig = kc;
  });
  ctx.out(`Installing k3s on ${host}\n${local ? `Saving file to: ${local}\n` : ''}`);
  return 0;
}
