import { TaskError, type Ctx } from '../core/index.js';
import { releases, type Release } from '../k8s/helm.js';

// `helm list` names the chart as `<name>-<version>`: jupyterhub-4.3.2, jupyterhub-4.2.0-beta.1.
const JUPYTERHUB_CHART = /^jupyterhub-v?\d+\.\d+/;

/** Releases of the Zero to JupyterHub chart, whatever their name, outside `namespace`. */
export async function hubsElsewhere(ctx: Ctx, namespace: string): Promise<Release[]> {
  return (await releases(ctx)).filter(
    (r) => JUPYTERHUB_CHART.test(r.chart) && r.namespace !== namespace,
  );
}

/**
 * An operator moving from the just module with an older default namespace would
 * otherwise get a second hub (new namespace, new Keycloak redirect, new volumes)
 * next to the one the users have. Stops before any change unless the second hub
 * is asked for with --allow-second-hub.
 */
export async function refuseSecondHub(
  ctx: Ctx,
  namespace: string,
  allowSecondHub: boolean,
): Promise<void> {
  const others = await hubsElsewhere(ctx, namespace);
  if (!others.length) return;
  const list = others.map((r) => `${r.name} (${r.chart}) in namespace ${r.namespace}`).join(', ');
  if (allowSecondHub) {
    ctx.log.warn(`a second JupyterHub next to ${list}, as --allow-second-hub asks`);
    return;
  }
  const first = others[0]!;
  throw new TaskError(
    `JupyterHub release ${list} already runs; installing into namespace ${namespace} ` +
      'would start a second hub',
    `set JUPYTERHUB_NAMESPACE=${first.namespace} to upgrade that hub, ` +
      'or pass --allow-second-hub to run a second one on purpose',
  );
}
