import { describeTarget, type Ctx, type KubeTarget } from '../core/index.js';
import type { Features, Settings } from './settings.js';
import { enabledProfiles } from './settings.js';

const onOff = (on: boolean) => (on ? 'on' : 'off');

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
  s: Settings,
  f: Features,
  files: string[],
  target?: KubeTarget,
): void {
  const storage = f.nfs
    ? `NFS ${f.nfsIp}:${f.nfsPath} (PVC jupyter-nfs-pvc)`
    : `dynamic, class ${f.storageClass || '(cluster default)'}, ${s.JUPYTERHUB_STORAGE_CAPACITY} per user`;
  const verb = ctx.dryRun ? 'Planned' : 'Installed';
  ctx.log.line();
  ctx.log.ok(
    `${verb}: JupyterHub ${s.JUPYTERHUB_CHART_VERSION} at https://${f.host}/ (namespace ${s.JUPYTERHUB_NAMESPACE})`,
  );
  ctx.log.info(
    [
      `  cluster:     ${describeTarget(target)}`,
      `  login:       Keycloak realm ${s.KEYCLOAK_REALM}, client ${s.JUPYTERHUB_OIDC_CLIENT_ID}`,
      `  profiles:    ${enabledProfiles(s).join(', ')}`,
      `  storage:     ${storage}`,
      `  vault:       ${onOff(f.vault)}${f.vault ? ` (user tokens ttl ${s.NOTEBOOK_VAULT_TOKEN_TTL}, max ${s.NOTEBOOK_VAULT_TOKEN_MAX_TTL}; sidecar log level ${s.VAULT_AGENT_LOG_LEVEL})` : ''}`,
      `  gpu:         ${onOff(f.gpu)}${f.gpu ? ` (${f.gpuLimit} per user)` : ''}`,
      `  monitoring:  ${onOff(f.monitoring)}   mcp: ${onOff(f.mcp)}   airflow dags: ${onOff(f.airflow)}`,
      `  files:       ${files.join('\n               ')}`,
      '  next:        open the URL and log in; API token for a user: npx tasks jupyterhub:get-token <username>',
    ].join('\n'),
  );
}
