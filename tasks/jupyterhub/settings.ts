import { TaskError, parseDuration, type Ctx, type VarValues } from '../core/index.js';
import { authProblems } from './auth.js';
import { resourceChoiceProblems } from './profile-options.js';
import { jupyterhubVars, type JupyterhubVars } from './vars.js';

export type Settings = VarValues<JupyterhubVars>;

/** The switches install decides: the variable when set, else detected or asked. */
export type Switch =
  | 'JUPYTERHUB_NFS_PV_ENABLED'
  | 'MONITORING_ENABLED'
  | 'JUPYTERHUB_GPU_ENABLED'
  | 'JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED'
  | 'JUPYTER_MCP_SERVER_ENABLED'
  | 'JUPYTERHUB_VAULT_INTEGRATION_ENABLED';

/**
 * The settings of one install, decided once: every variable under its own name, with
 * the operator's answers (or what detection allows) in place of the empty ones. Every
 * install step reads this object; it is a Settings, so shared helpers take it as is.
 */
export type Decided = Settings & Record<Switch, boolean>;

export const PROFILES = [
  ['JUPYTER_PROFILE_MINIMAL_ENABLED', 'minimal'],
  ['JUPYTER_PROFILE_BASE_ENABLED', 'base'],
  ['JUPYTER_PROFILE_DATASCIENCE_ENABLED', 'datascience'],
  ['JUPYTER_PROFILE_PYSPARK_ENABLED', 'pyspark'],
  ['JUPYTER_PROFILE_PYTORCH_ENABLED', 'pytorch'],
  ['JUPYTER_PROFILE_TENSORFLOW_ENABLED', 'tensorflow'],
  ['JUPYTER_PROFILE_BUUN_STACK_ENABLED', 'buun-stack'],
  ['JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED', 'buun-stack-cuda'],
] as const;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** A fully qualified domain name: at least two labels, no scheme, port or path. */
export function isFqdn(host: string): boolean {
  const labels = host.split('.');
  return (
    host.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    !/^\d+$/.test(labels.at(-1)!)
  );
}

/** Reads and validates every variable before anything touches a cluster. */
export async function loadSettings(ctx: Ctx): Promise<Settings> {
  const s = await ctx.config.read(jupyterhubVars);
  const problems: string[] = [];
  if (s.JUPYTERHUB_HOST && !isFqdn(s.JUPYTERHUB_HOST)) {
    problems.push(
      `JUPYTERHUB_HOST must be a fully qualified host name such as jupyter.example.com (got "${s.JUPYTERHUB_HOST}")`,
    );
  }
  if (s.JUPYTERHUB_GPU_LIMIT < 1)
    problems.push(
      `JUPYTERHUB_GPU_LIMIT must be a positive integer (got ${s.JUPYTERHUB_GPU_LIMIT})`,
    );
  if (s.JUPYTERHUB_CULL_MAX_AGE < 0)
    problems.push(
      `JUPYTERHUB_CULL_MAX_AGE must not be negative (got ${s.JUPYTERHUB_CULL_MAX_AGE})`,
    );
  problems.push(...durationProblems(ctx, s));
  problems.push(...authProblems(s));
  problems.push(...resourceChoiceProblems(s));
  if (s.JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS && !s.JUPYTERHUB_CA_BUNDLE)
    problems.push(
      'JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS=true needs JUPYTERHUB_CA_BUNDLE (the bundle to mount in notebooks)',
    );
  if (problems.length)
    throw new TaskError(problems.join('\n'), 'fix it in .env.local or the environment');
  return s;
}

/** Durations that cannot work are refused; odd ones get a warning. */
function durationProblems(ctx: Ctx, s: Settings): string[] {
  const problems: string[] = [];
  const ttl = parseDuration(s.NOTEBOOK_VAULT_TOKEN_TTL)!;
  const maxTtl = parseDuration(s.NOTEBOOK_VAULT_TOKEN_MAX_TTL)!;
  if (ttl === 0)
    problems.push(
      'NOTEBOOK_VAULT_TOKEN_TTL must be longer than 0 (a user token needs a lifetime, e.g. 24h)',
    );
  else if (maxTtl > 0 && ttl > maxTtl)
    ctx.log.warn(
      `NOTEBOOK_VAULT_TOKEN_TTL (${s.NOTEBOOK_VAULT_TOKEN_TTL}) is longer than NOTEBOOK_VAULT_TOKEN_MAX_TTL (${s.NOTEBOOK_VAULT_TOKEN_MAX_TTL}): Vault caps user tokens at the max TTL`,
    );
  if (s.K8S_WAIT_TIMEOUT <= 0)
    problems.push(
      `K8S_WAIT_TIMEOUT must be a positive number of seconds (got ${s.K8S_WAIT_TIMEOUT}): install waits that long for the hub`,
    );
  return problems;
}

export function enabledProfiles(s: Settings): string[] {
  return PROFILES.filter(([key]) => s[key] === true).map(([, name]) => name);
}

/**
 * Users lose Vault access when their token reaches its max TTL; a server culled
 * later than that keeps running without a working token.
 */
export function warnCullVersusTokenTtl(ctx: Ctx, s: Settings): void {
  const maxTtl = parseDuration(s.NOTEBOOK_VAULT_TOKEN_MAX_TTL)!;
  if (maxTtl > 0 && s.JUPYTERHUB_CULL_MAX_AGE > maxTtl) {
    ctx.log.warn(
      `JUPYTERHUB_CULL_MAX_AGE (${s.JUPYTERHUB_CULL_MAX_AGE}s) is longer than NOTEBOOK_VAULT_TOKEN_MAX_TTL (${s.NOTEBOOK_VAULT_TOKEN_MAX_TTL} = ${maxTtl}s): ` +
        'user servers would keep running after their Vault token expired. Lower the cull age or raise the max TTL.',
    );
  }
}
