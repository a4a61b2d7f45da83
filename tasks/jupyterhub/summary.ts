import { describeTarget, type Ctx, type KubeTarget } from '../core/index.js';
import { loginSummary } from './auth.js';
import type { Decided, Settings } from './settings.js';
import { enabledProfiles } from './settings.js';

const onOff = (on: boolean) => (on ? 'on' : 'off');

/** " (cpu 2,4,8 [4]; memory 4G,8G [4G])" when the profiles offer choices. */
function resourceChoices(s: Decided): string {
  const parts = [
    s.JUPYTER_PROFILE_CPU_CHOICES &&
      `cpu ${s.JUPYTER_PROFILE_CPU_CHOICES} [${s.JUPYTER_PROFILE_CPU_DEFAULT}]`,
    s.JUPYTER_PROFILE_MEMORY_CHOICES &&
      `memory ${s.JUPYTER_PROFILE_MEMORY_CHOICES} [${s.JUPYTER_PROFILE_MEMORY_DEFAULT}]`,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export function printAirflowNote(ctx: Ctx, s: Settings): void {
  ctx.log.info(
    [
      `  Airflow DAGs: notebooks mount PVC airflow-dags-pvc at /home/jovyan/airflow-dags.`,
      `  Airflow must be installed in the same namespace (${s.JUPYTERHUB_NAMESPACE}) to provide that PVC.`,
      `  If you install Airflow later, restart user servers: kubectl delete pods -n ${s.JUPYTERHUB_NAMESPACE} -l app.kubernetes.io/component=singleuser-server`,
    ].join('\n'),
  );
}

export function printMcpNote(ctx: Ctx, host: string): void {
  ctx.log.info(
    [
      `  MCP endpoint per user: https://${host}/user/{username}/mcp`,
      `  Token for a user: npx tasks jupyterhub:get-token <username>`,
    ].join('\n'),
  );
}

/** The closing summary of install: where it is, what is on, what was written, what next. */
export function printInstallSummary(
  ctx: Ctx,
  s: Decided,
  files: string[],
  target?: KubeTarget,
): void {
  const storage = s.JUPYTERHUB_NFS_PV_ENABLED
    ? `NFS ${s.JUPYTER_NFS_IP}:${s.JUPYTER_NFS_PATH} (PVC jupyter-nfs-pvc)`
    : `dynamic, class ${s.JUPYTERHUB_STORAGE_CLASS || '(cluster default)'}, ${s.JUPYTERHUB_STORAGE_CAPACITY} per user`;
  const verb = ctx.effects.say('Installed', 'Planned');
  ctx.log.line();
  ctx.log.ok(
    `${verb}: JupyterHub ${s.JUPYTERHUB_CHART_VERSION} at https://${s.JUPYTERHUB_HOST}/ (namespace ${s.JUPYTERHUB_NAMESPACE})`,
  );
  ctx.log.info(
    [
      `  cluster:     ${describeTarget(target)}`,
      `  login:       ${loginSummary(s)}`,
      `  profiles:    ${enabledProfiles(s).join(', ')}${resourceChoices(s)}`,
      `  storage:     ${storage}`,
      `  vault:       ${onOff(s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED)}${s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED ? ` (user tokens ttl ${s.NOTEBOOK_VAULT_TOKEN_TTL}, max ${s.NOTEBOOK_VAULT_TOKEN_MAX_TTL}; sidecar log level ${s.VAULT_AGENT_LOG_LEVEL})` : ''}`,
      `  gpu:         ${onOff(s.JUPYTERHUB_GPU_ENABLED)}${s.JUPYTERHUB_GPU_ENABLED ? ` (${s.JUPYTERHUB_GPU_LIMIT} per user)` : ''}`,
      `  monitoring:  ${onOff(s.MONITORING_ENABLED)}   mcp: ${onOff(s.JUPYTER_MCP_SERVER_ENABLED)}   airflow dags: ${onOff(s.JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED)}`,
      `  spark:       ${onOff(s.JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED === true)}${s.JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED ? ' (driver Service per server; user pods run as jupyter-spark)' : ''}`,
      `  files:       ${files.join('\n               ')}`,
      `  next:        ${s.JUPYTERHUB_AUTH === 'native' ? `sign up at https://${s.JUPYTERHUB_HOST}/hub/signup (admins under their JUPYTERHUB_ADMIN_USERS names first) and log in` : 'open the URL and log in'}; API token for a user: npx tasks jupyterhub:get-token <username>`,
    ].join('\n'),
  );
}
