import { TaskError, type Ctx } from '../core/index.js';
import { getObject, listObjects, type K8sObject } from './kubectl.js';

/** `ssh HOST COMMAND` as a change (planned under --dry-run); `input` goes to the remote stdin. */
export function ssh(
  ctx: Ctx,
  host: string,
  command: string,
  opts: { input?: string; allowFailure?: boolean; timeoutMs?: number } = {},
) {
  return ctx.exec.change('ssh', [host, command], opts);
}

/** A read-only `ssh HOST COMMAND`: runs in every mode; failure is an answer, not an error. */
export function sshQuery(ctx: Ctx, host: string, command: string, timeoutMs = 30_000) {
  return ctx.exec.query('ssh', [host, command], { allowFailure: true, timeoutMs });
}

export async function firstNode(ctx: Ctx): Promise<K8sObject | undefined> {
  try {
    return (await listObjects(ctx, 'nodes'))[0];
  } catch {
    // Upstream: `kubectl get nodes … || true` — an unreachable API server means "no node".
    return undefined;
  }
}

/** uncordon: the first node schedulable again (already so is fine). */
export async function uncordon(ctx: Ctx): Promise<void> {
  const node = await firstNode(ctx);
  if (!node) throw new TaskError('no node found', 'is the cluster running? (npx tasks k8s:start)');
  const name = node.metadata.name;
  const current = await getObject(ctx, 'node', name);
  if (current?.spec?.unschedulable !== true) {
    ctx.log.ok(`node ${name} is already schedulable`);
    return;
  }
  await ctx.exec.change('kubectl', ['uncordon', name]);
  ctx.effects.done(`node ${name} uncordoned`);
}

const ready = (n: K8sObject) =>
  (n.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );

/** Polls until every node reports Ready (upstream: `kubectl wait --for=condition=Ready nodes --all`). */
export async function waitNodesReady(ctx: Ctx, timeoutSeconds = 60): Promise<void> {
  await ctx.effects.change(
    { describe: `wait up to ${timeoutSeconds}s for every node to be Ready` },
    () => pollNodesReady(ctx, timeoutSeconds),
  );
}

async function pollNodesReady(ctx: Ctx, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const nodes = await listObjects(ctx, 'nodes').catch(() => [] as K8sObject[]);
    if (nodes.length && nodes.every(ready)) return;
    if (Date.now() >= deadline)
      throw new TaskError(
        `nodes not Ready within ${timeoutSeconds}s`,
        'see why with: kubectl describe nodes',
      );
    await new Promise((r) => setTimeout(r, 2000));
  }
}

// Stops what k3s-killall.sh leaves running, bounded by `timeout 180` (runs on the node).
const KILLALL_SCRIPT = `set +e
if [ -x /usr/local/bin/k3s-killall.sh ]; then
    echo "  Executing /usr/local/bin/k3s-killall.sh..."
    timeout 180 sudo /usr/local/bin/k3s-killall.sh || {
        echo "  k3s-killall.sh timed out, forcing cleanup..."
        for pid in $(pgrep -x k3s 2>/dev/null); do
            sudo kill -9 "$pid" 2>/dev/null || true
        done
        sudo pkill -9 -x containerd-shim-runc-v2 2>/dev/null || true
        sudo pkill -9 -x containerd 2>/dev/null || true
    }
else
    echo "  k3s-killall.sh not found, stopping manually..."
    sudo systemctl stop k3s 2>/dev/null || true
    for pid in $(pgrep -x k3s 2>/dev/null); do
        sudo kill -9 "$pid" 2>/dev/null || true
    done
    sudo pkill -9 -x containerd-shim-runc-v2 2>/dev/null || true
fi
exit 0
`;

/** stop: drain, stop and disable k3s, kill what is left, wait (15 s) for the shims to go. */
export async function stop(ctx: Ctx, host: string): Promise<void> {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  ctx.log.step('graceful k3s shutdown');
  const node = await firstNode(ctx);
  if (!node) {
    ctx.log.warn('could not get the node name: k3s may already be stopped; running k3s-killall.sh');
    await ssh(ctx, host, 'sudo /usr/local/bin/k3s-killall.sh 2>/dev/null || true');
    ctx.effects.done(`cleanup completed (${elapsed()})`);
    return;
  }
  const name = node.metadata.name;
  ctx.log.info(`[${elapsed()}] draining node ${name} to evict pods and detach volumes`);
  // --disable-eviction: a single node's PodDisruptionBudgets would block eviction forever.
  const drain = await ctx.exec.change(
    'kubectl',
    [
      'drain',
      name,
      '--ignore-daemonsets',
      '--delete-emptydir-data',
      '--force',
      '--disable-eviction',
      '--grace-period=60',
      '--timeout=180s',
    ],
    { allowFailure: true, timeoutMs: 240_000 },
  );
  if (drain && drain.status !== 0)
    ctx.log.warn('drain had warnings (usually fine on a single-node cluster)');
  ctx.log.info(`[${elapsed()}] stopping and disabling the k3s service`);
  await ssh(ctx, host, 'sudo systemctl stop k3s 2>/dev/null || true');
  await ssh(ctx, host, 'sudo systemctl disable k3s 2>/dev/null || true');
  ctx.log.info(`[${elapsed()}] running k3s-killall.sh`);
  await ssh(ctx, host, 'bash -s', { input: KILLALL_SCRIPT, timeoutMs: 240_000 });
  await ctx.effects.change(
    { describe: 'wait up to 15s for the containerd-shim processes to end' },
    async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const r = await sshQuery(
          ctx,
          host,
          "pgrep containerd-shim 2>/dev/null | wc -l | tr -d ' '",
        );
        const count = Number(r.stdout.trim() || '0');
        if (count === 0) {
          ctx.log.ok(`[${elapsed()}] all containerd-shim processes terminated`);
          break;
        }
        if (Date.now() >= deadline) {
          ctx.log.warn('containerd-shim processes did not terminate within 15s: forcing');
          await ssh(ctx, host, 'sudo pkill -9 containerd-shim 2>/dev/null || true');
          break;
        }
        ctx.log.info(`  still waiting for ${count} containerd-shim process(es)`);
        await new Promise((res) => setTimeout(res, 2000));
      }
      ctx.log.ok(`k3s stopped on ${host} (total ${elapsed()}); the machine can be shut down`);
      ctx.log.info('k3s is disabled and will NOT start on reboot; afterwards run:');
      ctx.log.info('  npx tasks k8s:start');
      ctx.log.info('  npx tasks vault:unseal   # if Vault is installed');
    },
  );
}

/** start: enable and start k3s, wait for the nodes, uncordon. */
export async function start(ctx: Ctx, host: string): Promise<void> {
  ctx.log.step('enabling and starting the k3s service');
  await ssh(ctx, host, 'sudo systemctl enable k3s');
  await ssh(ctx, host, 'sudo systemctl start k3s');
  ctx.log.info('waiting for k3s to be ready');
  await ctx.effects.change(
    { describe: 'wait 5s for k3s to start' },
    () => new Promise((r) => setTimeout(r, 5000)),
  );
  await waitNodesReady(ctx, 60);
  // Which node to uncordon is known only once k3s runs.
  await ctx.effects.change({ describe: 'uncordon the node' }, () => uncordon(ctx));
  ctx.effects.done(`k3s started on ${host}`);
}

const CSI_CLEANUP = [
  'sudo pkill -9 umount || true',
  'sudo umount -f /var/lib/kubelet/plugins/kubernetes.io/csi/*/globalmount 2>/dev/null || true',
  'sudo umount -l /var/lib/kubelet/plugins/kubernetes.io/csi/*/globalmount 2>/dev/null || true',
];

/** uninstall: asks, cleans CSI mounts, runs k3s-uninstall.sh, removes the kubeconfig entries. */
export async function uninstall(ctx: Ctx, host: string): Promise<void> {
  if (!(await ctx.prompt.confirmDestructive(`Uninstall k3s from ${host}?`)))
    throw new TaskError('uninstallation cancelled', 'pass --yes to uninstall without asking');
  ctx.log.step('cleaning up CSI mounts');
  for (const command of CSI_CLEANUP) await ssh(ctx, host, command);
  await ssh(ctx, host, '/usr/local/bin/k3s-uninstall.sh', { timeoutMs: 15 * 60_000 });
  ctx.log.step('cleaning up kubeconfig entries');
  const view = await ctx.exec.query('kubectl', ['config', 'view', '-o', 'json']);
  const config = JSON.parse(view.stdout || '{}') as {
    contexts?: Array<{ name: string; context: { cluster?: string; user?: string } }>;
    clusters?: Array<{ name: string }>;
    users?: Array<{ name: string }>;
  };
  const context = config.contexts?.find((c) => c.name === host);
  if (context) await ctx.exec.change('kubectl', ['config', 'delete-context', host]);
  const cluster = context?.context.cluster;
  if (cluster && config.clusters?.some((c) => c.name === cluster))
    await ctx.exec.change('kubectl', ['config', 'delete-cluster', cluster]);
  const user = context?.context.user;
  if (user && config.users?.some((u) => u.name === user))
    await ctx.exec.change('kubectl', ['config', 'delete-user', user]);
  ctx.effects.done(`k3s uninstalled from ${host}`);
}
