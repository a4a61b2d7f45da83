import { pollUntil, TaskError, startProgress, type Ctx } from '../core/index.js';
import { getObjects, type K8sObject } from './kubectl.js';

export interface WaitOptions {
  timeoutSeconds: number;
  /** first poll interval; grows to 5 s */
  intervalMs?: number;
}

const ready = (d: K8sObject | undefined) => {
  const want = d?.spec?.replicas ?? 1;
  const have = d?.status?.readyReplicas ?? 0;
  return d !== undefined && want > 0 && have === want;
};

const describe = (name: string, d: K8sObject | undefined) =>
  d ? `${name} ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}` : `${name} (not found)`;

/**
 * Polls until every named deployment has all replicas ready (helm's --wait
 * does not work for the Z2JH chart). Bounded: on timeout, names what is not
 * ready and the command that shows why.
 */
export async function waitDeploymentsReady(
  ctx: Ctx,
  namespace: string,
  names: readonly string[],
  opts: WaitOptions,
): Promise<void> {
  if (!(opts.timeoutSeconds > 0))
    throw new TaskError(
      `K8S_WAIT_TIMEOUT must be a positive number of seconds (got ${opts.timeoutSeconds})`,
      'fix it in .env.local or the environment',
    );
  await ctx.effects.change(
    {
      describe: `wait up to ${opts.timeoutSeconds}s for deployments ${names.join(', ')} in ${namespace} to be ready`,
    },
    () => pollDeployments(ctx, namespace, names, opts),
  );
}

async function pollDeployments(
  ctx: Ctx,
  namespace: string,
  names: readonly string[],
  opts: WaitOptions,
): Promise<void> {
  const progress = startProgress(ctx.log, `waiting for ${names.join(', ')} in ${namespace}`);
  let pending: string[] = [...names];
  let counts = pending.map((n) => `${n} (not seen yet)`).join(', ');
  try {
    await pollUntil({
      timeoutMs: opts.timeoutSeconds * 1000,
      intervalMs: opts.intervalMs,
      attempt: async () => {
        const found = await getObjects(ctx, 'deployment', names, namespace);
        const byName = new Map(found.map((d) => [d.metadata.name, d]));
        pending = names.filter((n) => !ready(byName.get(n)));
        if (!pending.length) return true;
        counts = pending.map((n) => describe(n, byName.get(n))).join(', ');
        progress.update(names.map((n) => describe(n, byName.get(n))).join(', '));
        return undefined;
      },
      timedOut: (last) =>
        new TaskError(
          `timed out after ${opts.timeoutSeconds}s: not ready in ${namespace}: ${counts}` +
            (last ? `\nthe last look failed: ${last.message}` : ''),
          `see why with: kubectl describe deployment ${pending.join(' ')} -n ${namespace}`,
        ),
    });
  } finally {
    progress.stop();
  }
  ctx.log.ok(`deployments ready in ${namespace}: ${names.join(', ')}`);
}
