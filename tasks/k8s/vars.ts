import { int } from '../core/index.js';

export const k8sVars = {
  K8S_WAIT_TIMEOUT: int('seconds to wait for deployments to become ready', '600'),
};
