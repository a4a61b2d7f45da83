import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CommandError, type Ctx } from '../core/index.js';
import { decideSettings } from './decide.js';
import { detect, type Detected } from './detect.js';
import { RELEASE } from './install.js';
import { hubTls, withCaBundleDigest } from './hub-tls.js';
import { renderValues, requireProfile, templateEnv } from './render.js';
import { loadSettings, type Decided } from './settings.js';

/** What install would do now, decided and rendered the way install does it, without a change. */
export interface Desired {
  /** the variables with install's decisions in place of the open ones */
  s: Decided;
  detected: Detected;
  /** `.Env` of the templates */
  env: Record<string, string>;
  /** the rendered values file (in the output folder, as a dry-run leaves it) */
  valuesFile: string;
  /** its content as Helm reads it (YAML 1.1: `mode: 0644` is octal) */
  values: unknown;
}

/**
 * Settings, detection and the feature decisions of install (its questions included: a
 * switch left open is asked on a terminal, and is "no" without one, as install says),
 * then its values rendered. Only queries reach the cluster.
 */
export async function desiredState(ctx: Ctx): Promise<Desired> {
  const vars = await loadSettings(ctx);
  requireProfile(vars);
  const detected = await detect(ctx, vars);
  const s = await decideSettings(ctx, vars, detected);
  const env = templateEnv(s, await withCaBundleDigest(ctx, hubTls(ctx, s), s.JUPYTERHUB_NAMESPACE));
  const { values: valuesFile } = renderValues(ctx, env);
  const values: unknown = parse(readFileSync(valuesFile, 'utf8'), { version: '1.1' });
  return { s, detected, env, valuesFile, values };
}

/** `helm get values` of the hub's release (the user-supplied values), or undefined without one. */
export async function deployedValues(ctx: Ctx, namespace: string): Promise<unknown> {
  if (await ctx.exec.planningOffline()) return undefined;
  try {
    const r = await ctx.exec.query('helm', [
      'get',
      'values',
      RELEASE,
      '-n',
      namespace,
      '-o',
      'json',
    ]);
    return JSON.parse(r.stdout || 'null') ?? {};
  } catch (err) {
    if (err instanceof CommandError && /release: not found/.test(err.stderrTail)) return undefined;
    throw err;
  }
}
