import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CommandError, type Ctx } from '../core/index.js';
import { decideFeatures } from './decide.js';
import { detect, type Detected } from './detect.js';
import { RELEASE } from './install.js';
import { renderValues, requireProfile, templateEnv } from './render.js';
import { loadSettings, type Features, type Settings } from './settings.js';

/** What install would do now, decided and rendered the way install does it, without a change. */
export interface Desired {
  s: Settings;
  f: Features;
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
  const s = await loadSettings(ctx);
  requireProfile(s);
  const detected = await detect(ctx, s);
  const f = await decideFeatures(ctx, s, detected);
  const { values: valuesFile } = renderValues(ctx, s, f);
  const values: unknown = parse(readFileSync(valuesFile, 'utf8'), { version: '1.1' });
  return { s, f, detected, env: templateEnv(s, f), valuesFile, values };
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
