import { TaskError, startProgress, type Ctx } from '../core/index.js';
import { getObjects, type K8sObject } from './kubectl.js';

export interface WaitOptions {
  timeoutSeconds: number;
}

const describe = (name: string, d: K8sObject | undefined) =>
  d ? `${name} ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}` : `${name} (not found)`;

type Outcome = 'ready' | 'timed out' | Error;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Watches one deployment with `kubectl rollout status`, which returns the moment the
 * rollout is done (a watch, not a poll). A deployment not there yet or a dropped
 * connection is watched again, a second later, until the deadline.
 */
async function watchRollout(
  ctx: Ctx,
  namespace: string,
  name: string,
  deadline: number,
): Promise<Outcome> {
  let last: Error | undefined;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return last ?? 'timed out';
    const r = await ctx.exec.query(
      'kubectl',
      [
        'rollout',
        'status',
        `deployment/${name}`,
        '-n',
        namespace,
        `--timeout=${Math.ceil(left / 1000)}s`,
      ],
      { allowFailure: true, timeoutMs: left + 15_000 },
    );
    if (r.status === 0) return 'ready';
    if (/timed out waiting for the condition/.test(r.stderr)) return 'timed out';
    // Not created yet is what the final counts say; anything else is worth naming.
    last = /\(NotFound\)/.test(r.stderr)
      ? undefined
      : new Error(
          `kubectl rollout status deployment/${name} exited ${r.status}: ${r.stderr.trim().split('\n').at(-1) ?? ''}`,
        );
    await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Waits until every named deployment has rolled out (helm's --wait does not work
 * for the Z2JH chart), watching them side by side. Bounded: on timeout, names what
 * is not ready, with its replica counts, and the command that shows why.
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
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  let outcomes: Outcome[];
  try {
    outcomes = await Promise.all(names.map((n) => watchRollout(ctx, namespace, n, deadline)));
  } finally {
    progress.stop();
  }
  const pending = names.filter((_, i) => outcomes[i] !== 'ready');
  if (pending.length) {
    const found = await getObjects(ctx, 'deployment', pending, namespace).catch(() => undefined);
    const byName = new Map(found?.map((d) => [d.metadata.name, d]));
    const state = (n: string) => (found ? describe(n, byName.get(n)) : `${n} (not seen yet)`);
    const last = outcomes.find((o): o is Error => o instanceof Error);
    throw new TaskError(
      `timed out after ${opts.timeoutSeconds}s: not ready in ${namespace}: ` +
        pending.map(state).join(', ') +
        (last ? `\nthe last look failed: ${last.message}` : ''),
      `see why with: kubectl describe deployment ${pending.join(' ')} -n ${namespace}`,
    );
  }
  ctx.log.ok(`deployments ready in ${namespace}: ${names.join(', ')}`);
}
