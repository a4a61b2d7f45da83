import type { Ctx } from '../core/index.js';
import { isInstalled } from '../k8s/helm.js';
import type { Settings } from './settings.js';

export interface Detected {
  externalSecrets: boolean;
  vault: boolean;
  prometheus: boolean;
  nvidia: boolean;
}

/** Every "is X installed?" of a run, answered by one `helm list -A`. */
export async function detect(ctx: Ctx, s: Settings): Promise<Detected> {
  const [externalSecrets, vault, prometheus, nvidia] = await Promise.all([
    isInstalled(ctx, 'external-secrets', s.EXTERNAL_SECRETS_NAMESPACE),
    isInstalled(ctx, 'vault', s.K8S_VAULT_NAMESPACE),
    isInstalled(ctx, 'kube-prometheus-stack', s.PROMETHEUS_NAMESPACE),
    isInstalled(ctx, 'nvidia-device-plugin', s.NVIDIA_DEVICE_PLUGIN_NAMESPACE),
  ]);
  return { externalSecrets, vault, prometheus, nvidia };
}
