import { TaskError, UsageError, namespace, recipe, type Ctx } from '../core/index.js';
import { deleteCompleted } from './completed.js';
import { start, stop, sshQuery, uncordon, uninstall } from './node.js';
import { configureRegistry, installK3s, setupOidcAuth } from './k3s.js';
import { copyRegcred, createRegcred, deleteRegcred } from './regcred.js';
import { checkRegistry, deployRegistry, removeRegistry } from './registry.js';
import { k8sVars } from './vars.js';
import { waitDeploymentsReady } from './wait.js';

export { waitDeploymentsReady };
export * from './kubectl.js';
export * from './kubectl-changes.js';
export * as helm from './helm.js';

/** LOCAL_K8S_HOST, the node every ssh step goes to. */
async function localHost(ctx: Ctx): Promise<string> {
  const host = await ctx.config.text('LOCAL_K8S_HOST');
  if (!host)
    throw new TaskError(
      'LOCAL_K8S_HOST is required: set it in .env.local or the environment',
      'run `npx tasks env:setup`',
    );
  return host;
}

const HOST = ['LOCAL_K8S_HOST'];
const REGCRED_VARS = [
  'CONTAINER_REGISTRY_SERVER',
  'CONTAINER_REGISTRY_USERNAME',
  'CONTAINER_REGISTRY_PASSWORD',
  'CONTAINER_REGISTRY_EMAIL',
];

export default namespace({
  name: 'k8s',
  description: 'The k3s node and cluster-wide helpers shared by the modules',
  vars: k8sVars,
  recipes: [
    recipe({
      name: 'install',
      description: 'Install k3s on LOCAL_K8S_HOST with k3sup (and the in-cluster registry)',
      vars: [...HOST, 'EXTERNAL_K8S_HOST', 'K3S_ENABLE_REGISTRY'],
      run: async (ctx) => installK3s(ctx, await localHost(ctx)),
    }),
    recipe({
      name: 'uninstall',
      description:
        'Uninstall k3s from LOCAL_K8S_HOST and remove its kubeconfig entries (asks first)',
      vars: HOST,
      run: async (ctx) => uninstall(ctx, await localHost(ctx)),
    }),
    recipe({
      name: 'stop',
      description: 'Stop k3s gracefully: drain, stop and disable the service, clean up processes',
      vars: HOST,
      run: async (ctx) => stop(ctx, await localHost(ctx)),
    }),
    recipe({
      name: 'uncordon',
      description: 'Make the node schedulable again',
      run: (ctx) => uncordon(ctx),
    }),
    recipe({
      name: 'start',
      description: 'Enable and start k3s, wait for the node, uncordon it',
      vars: HOST,
      run: async (ctx) => start(ctx, await localHost(ctx)),
    }),
    recipe({
      name: 'restart',
      description: 'stop, then start',
      vars: HOST,
      run: async (ctx) => {
        const host = await localHost(ctx);
        await stop(ctx, host);
        await start(ctx, host);
      },
    }),
    recipe({
      name: 'setup-oidc-auth',
      description:
        'Configure the API server for Keycloak OIDC and add a kubectl context using oidc-login',
      vars: [
        ...HOST,
        'EXTERNAL_K8S_HOST',
        'KEYCLOAK_HOST',
        'KEYCLOAK_REALM',
        'K8S_OIDC_CLIENT_ID',
        'K8S_FEATURE_GATES',
      ],
      run: async (ctx) => setupOidcAuth(ctx, await localHost(ctx)),
    }),
    recipe({
      name: 'create-regcred',
      description: 'Create image pull Secret regcred (CONTAINER_REGISTRY_*, asked when empty)',
      params: [{ name: 'namespace', default: 'default', description: 'namespace' }],
      vars: REGCRED_VARS,
      run: (ctx, a) => createRegcred(ctx, a.namespace),
    }),
    recipe({
      name: 'delete-regcred',
      description: 'Delete image pull Secret regcred',
      params: [{ name: 'namespace', default: 'default', description: 'namespace' }],
      run: (ctx, a) => deleteRegcred(ctx, a.namespace),
    }),
    recipe({
      name: 'copy-regcred',
      description:
        "Copy default's regcred into a namespace (created in default first when missing)",
      params: [{ name: 'namespace', description: 'target namespace' }],
      vars: REGCRED_VARS,
      run: (ctx, a) => copyRegcred(ctx, a.namespace),
    }),
    recipe({
      name: 'check-registry',
      description: 'Report the in-cluster registry: objects, node configuration, reachability',
      vars: HOST,
      run: async (ctx) => {
        const host = await localHost(ctx);
        ctx.out(await checkRegistry(ctx, host, (command) => sshQuery(ctx, host, command)));
      },
    }),
    recipe({
      name: 'deploy-registry',
      description: 'Deploy the in-cluster registry (NodePort 30500) and wait for it (180 s)',
      run: (ctx) => deployRegistry(ctx),
    }),
    recipe({
      name: 'remove-registry',
      description: 'Remove the in-cluster registry namespace (asks first)',
      run: (ctx) => removeRegistry(ctx),
    }),
    recipe({
      name: 'configure-registry',
      description: 'Write registries.yaml for localhost:30500 on the node and restart k3s',
      vars: HOST,
      run: async (ctx) => configureRegistry(ctx, await localHost(ctx)),
    }),
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
    recipe({
      name: 'delete-completed-pods',
      description: 'Delete Succeeded/Failed pods in a namespace or all (asks first)',
      params: [{ name: 'namespace', default: '', description: 'empty = all namespaces' }],
      run: (ctx, a) => deleteCompleted(ctx, 'pod', a.namespace),
    }),
    recipe({
      name: 'delete-completed-jobs',
      description: 'Delete jobs that succeeded or failed in a namespace or all (asks first)',
      params: [{ name: 'namespace', default: '', description: 'empty = all namespaces' }],
      run: (ctx, a) => deleteCompleted(ctx, 'job', a.namespace),
    }),
  ],
});
