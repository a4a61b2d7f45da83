import { str } from '../core/index.js';

export const envVars = {
  LOCAL_K8S_HOST: str('host name of the cluster API on the local network (required by env:check)'),
  EXTERNAL_K8S_HOST: str('externally reachable host name of the cluster'),
};
