// The environment the lead's install code passes to the JupyterHub templates: every
// name, always (gomplate's `.Env` fails on a missing key), booleans as "true"/"false".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../../../tasks/core/paths.js';

export type TemplateEnv = Record<string, string>;

export const PROFILES = [
  'MINIMAL',
  'BASE',
  'DATASCIENCE',
  'PYSPARK',
  'PYTORCH',
  'TENSORFLOW',
  'BUUN_STACK',
  'BUUN_STACK_CUDA',
] as const;
export type Profile = (typeof PROFILES)[number];

export const profileVar = (p: Profile): string => `JUPYTER_PROFILE_${p}_ENABLED`;

/** user_policy.hcl as the install code passes it: without the trailing newline. */
export const userPolicyHcl = (): string =>
  readFileSync(join(templatesDir('jupyterhub'), 'user_policy.hcl'), 'utf8').replace(/\n+$/, '');

/**
 * The configuration table's defaults, with every "asked" switch answered "false";
 * USER_POLICY_HCL and PVC_NAME follow the switches unless given.
 */
export function baseEnv(overrides: Partial<TemplateEnv> = {}): TemplateEnv {
  const env: TemplateEnv = {
    JUPYTERHUB_HOST: 'jupyter.example.com',
    JUPYTERHUB_NAMESPACE: 'datastack',
    JUPYTERHUB_OIDC_CLIENT_ID: 'jupyterhub',
    JUPYTERHUB_STORAGE_CLASS: '',
    JUPYTERHUB_STORAGE_CAPACITY: '10Gi',
    JUPYTERHUB_NFS_PV_ENABLED: 'false',
    JUPYTER_NFS_IP: '',
    JUPYTER_NFS_PATH: '',
    JUPYTER_FSGID: '100',
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'false',
    JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'false',
    JUPYTER_MCP_SERVER_ENABLED: 'false',
    JUPYTERHUB_GPU_ENABLED: 'false',
    JUPYTERHUB_GPU_LIMIT: '1',
    MONITORING_ENABLED: 'false',
    PROMETHEUS_NAMESPACE: 'monitoring',
    JUPYTER_PYTHON_KERNEL_TAG: 'python-3.12-72',
    KERNEL_IMAGE_BUUN_STACK_REPOSITORY: 'buun-stack-notebook',
    KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY: 'buun-stack-cuda-notebook',
    IMAGE_REGISTRY: 'localhost:30500',
    JUPYTERHUB_VAULT_TOKEN_TTL: '24h',
    NOTEBOOK_VAULT_TOKEN_TTL: '24h',
    NOTEBOOK_VAULT_TOKEN_MAX_TTL: '168h',
    JUPYTERHUB_CULL_MAX_AGE: '604800',
    JUPYTER_BUUNSTACK_LOG_LEVEL: 'warning',
    KEYCLOAK_HOST: 'auth.example.com',
    KEYCLOAK_REALM: 'buunstack',
    VAULT_ADDR: 'https://vault.example.com',
    VAULT_CA_PEM: '',
    KEYCLOAK_CA_PEM: '',
    JUPYTERHUB_TLS_INSECURE: 'false',
    // Login (tasks/jupyterhub/auth.ts authTemplateEnv): Keycloak, no admins named.
    JUPYTERHUB_AUTH: 'keycloak',
    JUPYTERHUB_ADMIN_GROUP: '',
    ADMIN_USERS_YAML: '',
    GROUPS_KEY: 'oauth_user.groups',
    NATIVE_SIGNUP: 'true',
    NATIVE_OPEN_SIGNUP: 'false',
    // Features beyond the just module: off (empty) unless a test turns them on.
    JUPYTER_PROFILE_CPU_CHOICES: '',
    JUPYTER_PROFILE_CPU_DEFAULT: '',
    JUPYTER_PROFILE_MEMORY_CHOICES: '',
    JUPYTER_PROFILE_MEMORY_DEFAULT: '',
    JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: 'false',
    JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS: 'false',
    CA_BUNDLE_PEM: '',
    CA_BUNDLE_SECRET: '',
    CA_BUNDLE_CONFIGMAP: '',
    CA_BUNDLE_KEY: '',
    CA_BUNDLE_SHA256: '',
  };
  for (const p of PROFILES) env[profileVar(p)] = p === 'DATASCIENCE' ? 'true' : 'false';
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) env[k] = v;
  // As the recipe exports them: the policy only with Vault on, the claim only with NFS on.
  env.USER_POLICY_HCL ??=
    env.JUPYTERHUB_VAULT_INTEGRATION_ENABLED === 'true' ? userPolicyHcl() : '';
  env.PVC_NAME ??= env.JUPYTERHUB_NFS_PV_ENABLED === 'true' ? 'jupyter-nfs-pvc' : '';
  return env;
}

/** Exactly these profiles enabled, all others disabled. */
export function onlyProfiles(...enabled: Profile[]): TemplateEnv {
  const env: TemplateEnv = {};
  for (const p of PROFILES) env[profileVar(p)] = enabled.includes(p) ? 'true' : 'false';
  return env;
}
