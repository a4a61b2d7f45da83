import { UsageError, namespace, recipe } from '../core/index.js';
import { k8sVars } from './vars.js';
import { waitDeploymentsReady } from './wait.js';

export { waitDeploymentsReady };
export * from './kubectl.js';
export * from './kubectl-changes.js';
export * as helm from './helm.js';

export default namespace({
  name: 'k8s',
  description: 'Kubernetes helpers shared by the modules',
  vars: k8sVars,
  recipes: [
    recipe({
      name: 'wait-deployments-ready',
      description: 'Wait until every named deployment has all replicas ready',
      params: [
        { name: 'namespace', description: 'namespace of the deployments' },
        { name: 'deployments', variadic: true, description: 'deployment names' },
      ],
      vars: ['K8S_WAIT_TIMEOUT'],
      run: async (ctx, a) => {
        if (!a.deployments.length) {
          throw new UsageError(
            'name at least one deployment',
            'usage: npx tasks k8s:wait-deployments-ready <namespace> [deployments...]',
          );
        }
        const { K8S_WAIT_TIMEOUT } = await ctx.config.read(k8sVars);
        await waitDeploymentsReady(ctx, a.namespace, a.deployments, {
          timeoutSeconds: K8S_WAIT_TIMEOUT,
        });
      },
    }),
  ],
});
