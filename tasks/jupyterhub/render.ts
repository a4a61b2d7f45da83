import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskError, templatesDir, type Ctx } from '../core/index.js';
import { renderToFile } from '../template/write.js';
import { authTemplateEnv } from './auth.js';
import { hubTls, hubTlsEnv } from './hub-tls.js';
import { enabledProfiles, type Features, type Settings } from './settings.js';
import { jupyterhubVars } from './vars.js';

export const TEMPLATES = templatesDir('jupyterhub');
export const templateFile = (name: string): string => join(TEMPLATES, name);
export const readTemplate = (name: string): string => readFileSync(templateFile(name), 'utf8');

/** The static home-volume claim (nfs-pvc.yaml). */
export const NFS_PVC = 'jupyter-nfs-pvc';

const asText = (v: unknown): string => (v === undefined ? 'false' : String(v));

/**
 * `.Env` for the templates: every variable as text (booleans "true"/"false"),
 * with the install's decisions in place of the empty ones, plus what the just
 * recipe exported for them: VAULT_ADDR, PVC_NAME (the static NFS claim, else
 * empty) and USER_POLICY_HCL (empty without the Vault integration).
 */
export function templateEnv(s: Settings, f: Features): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of Object.keys(jupyterhubVars)) env[name] = asText(s[name as keyof Settings]);
  Object.assign(env, {
    JUPYTERHUB_HOST: f.host,
    JUPYTERHUB_NFS_PV_ENABLED: String(f.nfs),
    JUPYTER_NFS_IP: f.nfsIp,
    JUPYTER_NFS_PATH: f.nfsPath,
    JUPYTERHUB_STORAGE_CLASS: f.storageClass,
    MONITORING_ENABLED: String(f.monitoring),
    JUPYTERHUB_GPU_ENABLED: String(f.gpu),
    JUPYTERHUB_GPU_LIMIT: String(f.gpuLimit),
    JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: String(f.airflow),
    JUPYTER_MCP_SERVER_ENABLED: String(f.mcp),
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: String(f.vault),
    // The hub and notebooks reach Vault through its public name.
    VAULT_ADDR: s.VAULT_HOST ? `https://${s.VAULT_HOST}` : '',
    PVC_NAME: f.nfs ? NFS_PVC : '',
    // `$(cat user_policy.hcl)` in the recipe: without the trailing newline.
    USER_POLICY_HCL: f.vault ? readTemplate('user_policy.hcl').replace(/\n+$/, '') : '',
  });
  return env;
}

/** Renders one template of this module into the output folder; returns the path. */
export function renderJupyterhubFile(
  ctx: Ctx,
  template: string,
  env: Record<string, string>,
): string {
  const out = join(ctx.outDir('jupyterhub'), template.replace('.gomplate', ''));
  const path = renderToFile(ctx, { template: templateFile(template), out, env });
  if (!path) throw new TaskError(`${template} rendered to nothing with these settings`);
  return path;
}

/** A hub without any spawner profile is a confusing failure: install refuses it before any change. */
export function requireProfile(s: Settings): void {
  if (!enabledProfiles(s).length) {
    throw new TaskError(
      'no notebook profile is enabled: users would get an empty profile list',
      'set at least one JUPYTER_PROFILE_*_ENABLED=true (e.g. JUPYTER_PROFILE_DATASCIENCE_ENABLED)',
    );
  }
}

/**
 * pre_spawn_hook.py first (the values embed it with file.Read), then the values.
 * The profile check is repeated here for callers other than install.
 */
export function renderValues(ctx: Ctx, s: Settings, f: Features): { values: string; hook: string } {
  requireProfile(s);
  const env = { ...templateEnv(s, f), ...hubTlsEnv(hubTls(ctx, s)), ...authTemplateEnv(s) };
  const hook = renderJupyterhubFile(ctx, 'pre_spawn_hook.gomplate.py', env);
  const values = renderJupyterhubFile(ctx, 'jupyterhub-values.gomplate.yaml', env);
  return { values, hook };
}
