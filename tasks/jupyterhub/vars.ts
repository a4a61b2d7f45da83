import { bool, duration, int, oneOf, str } from '../core/index.js';
import { keycloakVars } from '../keycloak/vars.js';
import { k8sVars } from '../k8s/vars.js';
import { vaultVars } from '../vault/vars.js';

/**
 * The jupyterhub module's variables, as the justfile declared them. Empty
 * booleans mean "not decided yet": install asks (or, without a terminal,
 * takes "no" and says so).
 */
export const jupyterhubVars = {
  JUPYTERHUB_HOST: str('FQDN of the hub, e.g. jupyter.example.com (asked when empty)'),
  JUPYTERHUB_NAMESPACE: str('namespace of everything below', 'datastack'),
  JUPYTERHUB_CHART_VERSION: str('Zero to JupyterHub chart version', '4.3.2'),
  JUPYTERHUB_CHART_REPO_URL: str(
    'Helm repository of the Zero to JupyterHub chart (a mirror for air-gapped clusters)',
    'https://jupyterhub.github.io/helm-chart',
  ),
  JUPYTERHUB_OIDC_CLIENT_ID: str('Keycloak client id', 'jupyterhub'),
  JUPYTERHUB_OIDC_CLIENT_SESSION_IDLE: int('Keycloak client session idle (s)', '86400'),
  JUPYTERHUB_OIDC_CLIENT_SESSION_MAX: int('Keycloak client session max (s)', '604800'),
  // Login (tasks/jupyterhub/auth.ts): Keycloak or NativeAuthenticator, and who is admin.
  JUPYTERHUB_AUTH: oneOf(
    ['keycloak', 'native'],
    'how users log in: keycloak (GenericOAuthenticator) or native (NativeAuthenticator, no Keycloak)',
    'keycloak',
  ),
  JUPYTERHUB_ADMIN_USERS: str(
    'comma-separated hub admin user names (either auth; with native they sign up under these names)',
  ),
  JUPYTERHUB_ADMIN_GROUP: str(
    'keycloak auth: members of this Keycloak group are hub admins, others are not; empty = off',
  ),
  JUPYTERHUB_NATIVE_SIGNUP_ENABLED: bool(
    'native auth: anyone reaching the hub may sign up (false = only existing accounts log in)',
    'true',
  ),
  JUPYTERHUB_NATIVE_ADMIN_APPROVAL: bool(
    'native auth: an admin authorizes each new account before it can log in',
    'true',
  ),
  JUPYTERHUB_STORAGE_CLASS: str('storage class of dynamic home volumes; empty = cluster default'),
  JUPYTERHUB_STORAGE_CAPACITY: str('per-user home volume size', '10Gi'),
  JUPYTERHUB_NFS_PV_ENABLED: bool('static NFS home volume (asked when empty)'),
  JUPYTER_NFS_IP: str('NFS server (asked when NFS is on)'),
  JUPYTER_NFS_PATH: str('NFS export (asked when NFS is on)'),
  JUPYTER_FSGID: int('hub fsGroup', '100'),
  JUPYTERHUB_VAULT_INTEGRATION_ENABLED: bool('per-user Vault secrets (asked when empty)'),
  JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: bool(
    'mount airflow-dags-pvc in notebooks (asked when empty)',
  ),
  AIRFLOW_DAGS_STORAGE_SIZE: str(
    'size of the Airflow DAGs volume (used by the Airflow module)',
    '10Gi',
  ),
  JUPYTER_MCP_SERVER_ENABLED: bool('jupyter-mcp-server support (asked when empty)'),
  JUPYTERHUB_GPU_ENABLED: bool('GPU notebooks (asked when the NVIDIA device plugin is installed)'),
  JUPYTERHUB_GPU_LIMIT: int('GPUs per user', '1'),
  NVIDIA_DEVICE_PLUGIN_NAMESPACE: str(
    'namespace of the nvidia-device-plugin release',
    'nvidia-device-plugin',
  ),
  MONITORING_ENABLED: bool(
    'ServiceMonitor for the hub (asked when kube-prometheus-stack is installed)',
  ),
  PROMETHEUS_NAMESPACE: str('namespace of kube-prometheus-stack', 'monitoring'),
  JUPYTER_PYTHON_KERNEL_TAG: str('tag of the custom kernel images', 'python-3.12-72'),
  KERNEL_IMAGE_BUUN_STACK_REPOSITORY: str('CPU kernel image repository', 'buun-stack-notebook'),
  KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY: str(
    'CUDA kernel image repository',
    'buun-stack-cuda-notebook',
  ),
  IMAGE_REGISTRY: str('registry of the custom kernel images', 'localhost:30500'),
  DOCKER_CMD: oneOf(
    ['docker', 'podman'],
    'container tool that builds and pushes the kernel images',
    'docker',
  ),
  SPARK_VERSION: str('Spark version baked into the kernel images', '4.1.2'),
  SPARK_DOWNLOAD_URL: str(
    'where the image build downloads Spark',
    'https://dlcdn.apache.org/spark/',
  ),
  PIP_REPOSITORY_URL: str('pip index used by the image build', 'https://pypi.org/simple/'),
  JUPYTER_PROFILE_MINIMAL_ENABLED: bool('spawner profile: minimal-notebook', 'false'),
  JUPYTER_PROFILE_BASE_ENABLED: bool('spawner profile: base-notebook', 'false'),
  JUPYTER_PROFILE_DATASCIENCE_ENABLED: bool('spawner profile: datascience-notebook', 'true'),
  JUPYTER_PROFILE_PYSPARK_ENABLED: bool('spawner profile: pyspark-notebook', 'false'),
  JUPYTER_PROFILE_PYTORCH_ENABLED: bool('spawner profile: pytorch-notebook', 'false'),
  JUPYTER_PROFILE_TENSORFLOW_ENABLED: bool('spawner profile: tensorflow-notebook', 'false'),
  JUPYTER_PROFILE_BUUN_STACK_ENABLED: bool('spawner profile: buun-stack kernel image', 'false'),
  JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: bool(
    'spawner profile: buun-stack CUDA kernel image',
    'false',
  ),
  JUPYTER_PROFILE_CPU_CHOICES: str(
    'CPU choices on every enabled profile, e.g. 2,4,8 (cpu_guarantee = cpu_limit); empty = none',
  ),
  JUPYTER_PROFILE_CPU_DEFAULT: str('the preselected CPU choice; empty = the first'),
  JUPYTER_PROFILE_MEMORY_CHOICES: str(
    'memory choices on every enabled profile, e.g. 4G,8G,16G (mem_guarantee = mem_limit); empty = none',
  ),
  JUPYTER_PROFILE_MEMORY_DEFAULT: str('the preselected memory choice; empty = the first'),
  JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: bool(
    'Spark from notebooks: a headless driver Service per user server, the driver env, and a Role to start executors',
    'false',
  ),
  JUPYTERHUB_VAULT_TOKEN_TTL: duration('TTL of the hub admin Vault token', '24h'),
  NOTEBOOK_VAULT_TOKEN_TTL: duration('TTL of each user notebook Vault token', '24h'),
  NOTEBOOK_VAULT_TOKEN_MAX_TTL: duration('max TTL of each user notebook Vault token', '168h'),
  JUPYTERHUB_VAULT_CA_BUNDLE: str(
    "PEM file of the CA(s) the hub trusts for Vault (empty = the image's system CAs)",
  ),
  JUPYTERHUB_KEYCLOAK_CA_BUNDLE: str(
    "PEM file of the CA(s) the hub trusts for Keycloak (empty = the image's system CAs)",
  ),
  JUPYTERHUB_CA_BUNDLE: str(
    'the private CA(s) the hub trusts for Vault and Keycloak without their own bundle: a PEM file, or secret:NAME[/KEY] / configmap:NAME[/KEY] in the namespace (key ca.crt); empty = system CAs',
  ),
  JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS: bool(
    'true = JUPYTERHUB_CA_BUNDLE is also mounted in user pods, with REQUESTS_CA_BUNDLE, SSL_CERT_FILE and CURL_CA_BUNDLE pointing at it',
    'false',
  ),
  JUPYTERHUB_TLS_INSECURE: bool(
    "true = the hub does not verify Vault's and Keycloak's certificates (a test instance only; warned)",
    'false',
  ),
  JUPYTERHUB_CULL_MAX_AGE: int(
    'cull.maxAge: restart user servers after this many seconds',
    '604800',
  ),
  VAULT_AGENT_LOG_LEVEL: str('log level of the Vault sidecar (shown in the summary)', 'info'),
  JUPYTER_BUUNSTACK_LOG_LEVEL: str('BUUNSTACK_LOG_LEVEL in notebooks', 'warning'),
  JUPYTERHUB_API_URL: str(
    'hub API URL for get-token (e.g. http://127.0.0.1:8081/hub/api); empty = port-forward to service hub',
  ),
  EXTERNAL_SECRETS_NAMESPACE: str(
    'namespace of the external-secrets release (used to detect ESO)',
    'external-secrets',
  ),
  KEYCLOAK_HOST: keycloakVars.KEYCLOAK_HOST,
  KEYCLOAK_REALM: keycloakVars.KEYCLOAK_REALM,
  VAULT_HOST: vaultVars.VAULT_HOST,
  K8S_VAULT_NAMESPACE: vaultVars.K8S_VAULT_NAMESPACE,
  K8S_WAIT_TIMEOUT: k8sVars.K8S_WAIT_TIMEOUT,
};

export type JupyterhubVars = typeof jupyterhubVars;
