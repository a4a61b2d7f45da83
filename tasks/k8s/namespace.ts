import { TaskError, type Ctx } from '../core/index.js';
import { getObject } from './kubectl.js';
import { apply, deleteObjects } from './kubectl-changes.js';

/** `kubectl get namespace X || kubectl create namespace X`, as one idempotent step. */
export async function ensureNamespace(ctx: Ctx, namespace: string): Promise<void> {
  if (await getObject(ctx, 'namespace', namespace)) {
    ctx.log.info(`  namespace ${namespace} already exists`);
    return;
  }
  await apply(ctx, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
  ctx.effects.done(`namespace ${namespace} created`);
}

/**
 * Deletes a namespace and everything in it, after confirmation (--yes without a terminal);
 * a --dry-run preview changes nothing, so it is not asked.
 */
export async function removeNamespace(ctx: Ctx, namespace: string): Promise<void> {
  if (!(await ctx.effects.confirm(`Delete namespace ${namespace} and everything in it?`)))
    throw new TaskError(
      `namespace ${namespace} was not deleted`,
      'pass --yes to confirm without a terminal',
    );
  await deleteObjects(ctx, 'namespace', [namespace]);
  ctx.effects.done(`namespace ${namespace} deleted`);
}

/** `kubectl label namespace X k=v --overwrite` (a value of null removes the label). */
export async function labelNamespace(
  ctx: Ctx,
  namespace: string,
  labels: Record<string, string | null>,
): Promise<void> {
  const words = Object.entries(labels).map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`));
  await ctx.exec.change('kubectl', ['label', 'namespace', namespace, ...words, '--overwrite']);
}
