import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskError, templatesDir, type Ctx } from '../core/index.js';
import { renderToFile } from '../template/write.js';
import { authTemplateEnv } from './auth.js';
import { hubTlsEnv, type HubTls } from './hub-tls.js';
import { enabledProfiles, type Decided, type Settings } from './settings.js';
import { jupyterhubVars } from './vars.js';

export const TEMPLATES = templatesDir('jupyterhub');
export const templateFile = (name: string): string => join(TEMPLATES, name);
export const readTemplate = (name: string): string => readFileSync(templateFile(name), 'utf8');

/** The static home-volume claim (nfs-pvc.yaml). */
export const NFS_PVC = 'jupyter-nfs-pvc';

const asText = (v: unknown): string => (v === undefined ? 'false' : String(v));

/**
 * `.Env` for the templates, computed once per install from the decided settings:
 * every variable under its own name as text (booleans "true"/"false"), the CA
 * bundles' text, plus what the just recipe exported: VAULT_ADDR, PVC_NAME (the
 * static NFS claim, else empty) and USER_POLICY_HCL (empty without the Vault
 * integration).
 */
export function templateEnv(d: Decided, tls: HubTls): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of Object.keys(jupyterhubVars)) env[name] = asText(d[name as keyof Decided]);
  return {
    ...env,
    ...hubTlsEnv(tls),
    // After the TLS part: native login mounts no Keycloak CA.
    ...authTemplateEnv(d),
    // The hub and notebooks reach Vault through its public name.
    VAULT_ADDR: d.VAULT_HOST ? `https://${d.VAULT_HOST}` : '',
    PVC_NAME: d.JUPYTERHUB_NFS_PV_ENABLED ? NFS_PVC : '',
    // `$(cat user_policy.hcl)` in the recipe: without the trailing newline.
    USER_POLICY_HCL: d.JUPYTERHUB_VAULT_INTEGRATION_ENABLED
      ? readTemplate('user_policy.hcl').replace(/\n+$/, '')
      : '',
  };
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

/** pre_spawn_hook.py first (the values embed it with file.Read), then the values. */
export function renderValues(
  ctx: Ctx,
  env: Record<string, string>,
): { values: string; hook: string } {
  const hook = renderJupyterhubFile(ctx, 'pre_spawn_hook.gomplate.py', env);
  const values = renderJupyterhubFile(ctx, 'jupyterhub-values.gomplate.yaml', env);
  return { values, hook };
}
