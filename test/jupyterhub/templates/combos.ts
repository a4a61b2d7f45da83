// Switch combinations the values template is rendered for. Monitoring changes
// nothing in the values (it only adds the ServiceMonitor) but is still rendered.
import { PROFILES, baseEnv, onlyProfiles, type TemplateEnv } from './env.js';

export interface Combo {
  name: string;
  env: TemplateEnv;
}

const NFS = {
  JUPYTERHUB_NFS_PV_ENABLED: 'true',
  JUPYTER_NFS_IP: '192.168.10.1',
  JUPYTER_NFS_PATH: '/volume1/drive1/jupyter',
};

export const COMBOS: Combo[] = [
  { name: 'defaults (every switch off, datascience profile)', env: baseEnv() },
  { name: 'Vault on', env: baseEnv({ JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true' }) },
  { name: 'NFS home volumes', env: baseEnv(NFS) },
  { name: 'NFS with a storage class also set', env: baseEnv({ ...NFS, JUPYTERHUB_STORAGE_CLASS: 'longhorn' }) },
  {
    name: 'storage class set',
    env: baseEnv({ JUPYTERHUB_STORAGE_CLASS: 'longhorn', JUPYTERHUB_STORAGE_CAPACITY: '20Gi' }),
  },
  { name: 'GPU on, limit 2', env: baseEnv({ JUPYTERHUB_GPU_ENABLED: 'true', JUPYTERHUB_GPU_LIMIT: '2' }) },
  { name: 'MCP on', env: baseEnv({ JUPYTER_MCP_SERVER_ENABLED: 'true' }) },
  { name: 'Airflow DAGs on', env: baseEnv({ JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true' }) },
  { name: 'monitoring on', env: baseEnv({ MONITORING_ENABLED: 'true' }) },
  {
    name: 'numeric-looking strings stay strings',
    env: baseEnv({
      NOTEBOOK_VAULT_TOKEN_TTL: '3600',
      NOTEBOOK_VAULT_TOKEN_MAX_TTL: '86400',
      JUPYTERHUB_VAULT_TOKEN_TTL: '7200',
      JUPYTERHUB_STORAGE_CAPACITY: '10',
      JUPYTERHUB_OIDC_CLIENT_ID: '12345',
      JUPYTER_FSGID: '1000',
      JUPYTERHUB_CULL_MAX_AGE: '86400',
      JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
    }),
  },
  {
    name: 'everything on',
    env: baseEnv({
      ...NFS,
      JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
      JUPYTERHUB_GPU_ENABLED: 'true',
      JUPYTERHUB_GPU_LIMIT: '2',
      JUPYTER_MCP_SERVER_ENABLED: 'true',
      JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true',
      MONITORING_ENABLED: 'true',
      ...onlyProfiles(...PROFILES),
    }),
  },
  ...PROFILES.map((p) => ({ name: `only the ${p} profile`, env: baseEnv(onlyProfiles(p)) })),
  {
    name: 'several profiles (minimal, pytorch, buun-stack-cuda) with GPU and Vault',
    env: baseEnv({
      ...onlyProfiles('MINIMAL', 'PYTORCH', 'BUUN_STACK_CUDA'),
      JUPYTERHUB_GPU_ENABLED: 'true',
      JUPYTERHUB_GPU_LIMIT: '2',
      JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
    }),
  },
  { name: 'no profile enabled (the install code refuses this before rendering)', env: baseEnv(onlyProfiles()) },
];

/** The resource choices of issue 16.1, as install decides them (defaults filled in). */
export const RESOURCE_CHOICES = {
  JUPYTER_PROFILE_CPU_CHOICES: '2,4,8',
  JUPYTER_PROFILE_CPU_DEFAULT: '4',
  JUPYTER_PROFILE_MEMORY_CHOICES: '4G,8G,16G',
  JUPYTER_PROFILE_MEMORY_DEFAULT: '4G',
};

/**
 * Combinations with features the just module does not have (so not compared with
 * upstream's rendering): rendered and schema-checked for both charts.
 */
export const FEATURE_COMBOS: Combo[] = [
  { name: 'resource choices on every profile', env: baseEnv({ ...RESOURCE_CHOICES, ...onlyProfiles(...PROFILES) }) },
  {
    name: 'CPU choices only, GPU on with the CUDA profile',
    env: baseEnv({
      JUPYTER_PROFILE_CPU_CHOICES: '0.5,1',
      JUPYTER_PROFILE_CPU_DEFAULT: '0.5',
      JUPYTERHUB_GPU_ENABLED: 'true',
      JUPYTERHUB_GPU_LIMIT: '2',
      ...onlyProfiles('BUUN_STACK_CUDA'),
    }),
  },
  { name: 'Spark driver service on', env: baseEnv({ JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: 'true' }) },
  {
    name: 'Spark, resource choices, Vault, GPU and Airflow together',
    env: baseEnv({
      ...RESOURCE_CHOICES,
      JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: 'true',
      JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
      JUPYTERHUB_GPU_ENABLED: 'true',
      JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true',
    }),
  },
  {
    name: 'memory choices only',
    env: baseEnv({ JUPYTER_PROFILE_MEMORY_CHOICES: '512Mi,2Gi', JUPYTER_PROFILE_MEMORY_DEFAULT: '2Gi' }),
  },
];
