import { TaskError, type Ctx } from '../core/index.js';
import { listObjects, type K8sObject } from './kubectl.js';

const finishedPod = (p: K8sObject) => ['Succeeded', 'Failed'].includes(p.status?.phase);
const finishedJob = (j: K8sObject) => (j.status?.succeeded ?? 0) > 0 || (j.status?.failed ?? 0) > 0;

/**
 * delete-completed-pods / -jobs: lists what finished (one namespace, or all), asks once,
 * then deletes each (jobs with --cascade=foreground, so their pods go first).
 */
export async function deleteCompleted(
  ctx: Ctx,
  kind: 'pod' | 'job',
  namespace: string,
): Promise<void> {
  const plural = `${kind}s`;
  ctx.log.step(
    `deleting completed ${plural} ${namespace ? `in namespace ${namespace}` : 'in all namespaces'}`,
  );
  const items = (await listAll(ctx, kind, namespace)).filter(
    kind === 'pod' ? finishedPod : finishedJob,
  );
  if (!items.length) {
    ctx.log.info(`  no completed ${plural} found`);
    return;
  }
  const names = items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
  ctx.log.info(`found completed ${plural}:\n${names.map((n) => `  ${n}`).join('\n')}`);
  if (!(await ctx.effects.confirm(`Delete these ${plural}?`)))
    throw new TaskError(
      `completed ${plural} were not deleted`,
      'pass --yes to delete without asking',
    );
  for (const o of items) {
    await ctx.exec.change('kubectl', [
      'delete',
      kind,
      o.metadata.name,
      '-n',
      o.metadata.namespace!,
      '--ignore-not-found',
      ...(kind === 'job' ? ['--cascade=foreground'] : []),
    ]);
  }
  ctx.effects.done(`completed ${plural} deleted`);
}

async function listAll(ctx: Ctx, kind: string, namespace: string): Promise<K8sObject[]> {
  if (namespace) return listObjects(ctx, kind, namespace);
  if (await ctx.exec.planningOffline()) return [];
  const r = await ctx.exec.query('kubectl', ['get', kind, '--all-namespaces', '-o', 'json']);
  return r.stdout.trim() ? ((JSON.parse(r.stdout) as { items?: K8sObject[] }).items ?? []) : [];
}
