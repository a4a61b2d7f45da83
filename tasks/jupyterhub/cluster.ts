import { TaskError, type Ctx } from '../core/index.js';
import { addRepo, removeRepo } from '../k8s/helm.js';
import { getObject } from '../k8s/kubectl.js';
import { apply, deleteObjects } from '../k8s/kubectl-changes.js';
import { jupyterhubVars } from './vars.js';

export const HELM_REPO_NAME = 'jupyterhub';

/** Idempotent: re-points the repo (JUPYTERHUB_CHART_REPO_URL) if needed and refreshes only it. */
export async function addHelmRepo(ctx: Ctx): Promise<void> {
  const url = await ctx.config.text(
    'JUPYTERHUB_CHART_REPO_URL',
    jupyterhubVars.JUPYTERHUB_CHART_REPO_URL,
  );
  await addRepo(ctx, HELM_REPO_NAME, url);
}

export async function removeHelmRepo(ctx: Ctx): Promise<void> {
  await removeRepo(ctx, HELM_REPO_NAME);
}

/**
 * The namespace with the restricted pod-security label (and the monitoring
 * label when monitoring is on), in one apply: creating, labelling and
 * re-labelling are the same idempotent call.
 */
export async function applyNamespace(
  ctx: Ctx,
  namespace: string,
  monitoring = false,
  podSecurity = true,
): Promise<void> {
  const labels: Record<string, string> = {};
  if (podSecurity) labels['pod-security.kubernetes.io/enforce'] = 'restricted';
  if (monitoring) labels['buun.channel/enable-monitoring'] = 'true';
  const metadata = { name: namespace, ...(Object.keys(labels).length && { labels }) };
  await apply(ctx, [{ apiVersion: 'v1', kind: 'Namespace', metadata }], `namespace ${namespace}`);
}

export async function createNamespace(ctx: Ctx, namespace: string): Promise<void> {
  if (await getObject(ctx, 'namespace', namespace)) {
    ctx.log.info(`  namespace ${namespace} already exists`);
    return;
  }
  await applyNamespace(ctx, namespace, false, false);
  ctx.effects.done(`namespace ${namespace} created`);
}

export async function deleteNamespace(ctx: Ctx, namespace: string): Promise<void> {
  // A preview changes nothing, so it needs no confirmation (and no terminal).
  if (!(await ctx.effects.confirm(`Delete namespace ${namespace} and everything in it?`))) {
    throw new TaskError(
      `namespace ${namespace} was not deleted`,
      'pass --yes to confirm without a terminal',
    );
  }
  await deleteObjects(ctx, 'namespace', [namespace]);
  ctx.effects.done(`namespace ${namespace} deleted`);
}
