import { bool, int, secret, str } from '../core/index.js';
import { envVars } from '../env/vars.js';

export const k8sVars = {
  // Read by the core (tasks/core/context.ts) for every recipe; declared here, with the cluster.
  KUBE_CONTEXT: str(
    "kube context of every kubectl (--context) and helm (--kube-context) call; --context wins; empty = the kubeconfig's current context",
  ),
  K8S_WAIT_TIMEOUT: int('seconds to wait for deployments to become ready', '600'),
  CONTAINER_REGISTRY_SERVER: str('registry of the image pull Secret regcred (create-regcred)'),
  CONTAINER_REGISTRY_USERNAME: str('user of the image pull Secret regcred'),
  CONTAINER_REGISTRY_PASSWORD: secret(
    'password or token of the image pull Secret regcred; asked when empty',
  ),
  CONTAINER_REGISTRY_EMAIL: str('email of the image pull Secret regcred'),
  K3S_ENABLE_REGISTRY: bool(
    'k8s:install also deploys the in-cluster registry (localhost:30500)',
    'true',
  ),
  K8S_FEATURE_GATES: bool('k8s:setup-oidc-auth also turns on feature gate ImageVolume', 'false'),
  LOCAL_K8S_HOST: envVars.LOCAL_K8S_HOST,
  EXTERNAL_K8S_HOST: envVars.EXTERNAL_K8S_HOST,
};
