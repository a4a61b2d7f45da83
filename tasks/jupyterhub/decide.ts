import { TaskError, type Ctx } from '../core/index.js';
import type { Detected } from './detect.js';
import { decideResourceChoices } from './profile-options.js';
import { isFqdn, type Decided, type Settings } from './settings.js';
import { chooseStorageClass, decideNfs } from './storage.js';

const ask = (ctx: Ctx, variable: string, message: string) =>
  ctx.prompt.confirm({ message, variable, nonInteractive: false });

/** JUPYTERHUB_HOST, else asked; always a FQDN. */
export async function decideHost(ctx: Ctx, s: Settings): Promise<string> {
  const host =
    s.JUPYTERHUB_HOST ||
    (await ctx.prompt.input({
      variable: 'JUPYTERHUB_HOST',
      message: 'JupyterHub host (FQDN)',
      validate: (v) => isFqdn(v) || 'a fully qualified host name such as jupyter.example.com',
    }));
  if (!isFqdn(host))
    throw new TaskError(`JUPYTERHUB_HOST must be a fully qualified host name (got "${host}")`);
  return host;
}

/**
 * Every question install may ask, asked before anything changes: a run that
 * cannot get an answer fails with nothing half-installed (the old recipe asked
 * midway, after the namespace, secrets and Keycloak client already existed).
 */
export async function decideSettings(ctx: Ctx, s: Settings, d: Detected): Promise<Decided> {
  const host = await decideHost(ctx, s);
  const monitoring =
    d.prometheus &&
    (s.MONITORING_ENABLED ??
      (await ask(ctx, 'MONITORING_ENABLED', 'Enable Prometheus monitoring of the hub?')));
  const gpu =
    d.nvidia &&
    (s.JUPYTERHUB_GPU_ENABLED ??
      (await ask(
        ctx,
        'JUPYTERHUB_GPU_ENABLED',
        'Enable GPU notebooks (NVIDIA device plugin found)?',
      )));
  let gpuLimit = s.JUPYTERHUB_GPU_LIMIT;
  if (gpu && ctx.prompt.interactive && ctx.config.source('JUPYTERHUB_GPU_LIMIT') === 'unset') {
    const answer = await ctx.prompt.input({
      variable: 'JUPYTERHUB_GPU_LIMIT',
      message: 'GPUs per user',
      default: String(gpuLimit),
      validate: (v) => (/^[1-9]\d*$/.test(v) ? true : 'a positive integer'),
    });
    gpuLimit = Number(answer);
  }
  const { nfs, ip, path } = await decideNfs(ctx, s);
  const storageClass = nfs ? '' : await chooseStorageClass(ctx, s);
  const airflow =
    s.JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED ??
    (await ask(
      ctx,
      'JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED',
      'Mount the Airflow DAGs volume (airflow-dags-pvc) in notebooks?',
    ));
  const mcp =
    s.JUPYTER_MCP_SERVER_ENABLED ??
    (await ask(ctx, 'JUPYTER_MCP_SERVER_ENABLED', 'Enable jupyter-mcp-server support?'));
  const vault =
    s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED ??
    (await ask(
      ctx,
      'JUPYTERHUB_VAULT_INTEGRATION_ENABLED',
      'Enable Vault integration (per-user secrets in notebooks)?',
    ));
  return {
    ...s,
    JUPYTERHUB_HOST: host,
    JUPYTERHUB_NFS_PV_ENABLED: nfs,
    JUPYTER_NFS_IP: ip,
    JUPYTER_NFS_PATH: path,
    JUPYTERHUB_STORAGE_CLASS: storageClass,
    MONITORING_ENABLED: monitoring,
    JUPYTERHUB_GPU_ENABLED: gpu,
    JUPYTERHUB_GPU_LIMIT: gpuLimit,
    JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: airflow,
    JUPYTER_MCP_SERVER_ENABLED: mcp,
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: vault,
    ...decideResourceChoices(s),
  };
}
