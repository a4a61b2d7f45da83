import { parse } from 'yaml';
import type { Ctx } from '../core/index.js';
import { getObject, type K8sObject } from '../k8s/kubectl.js';
import { isValidKey, newCryptKey, refusedKeys, splitKeys } from './crypt-key-rules.js';

/** The extraConfig snippet (our values) that makes the hub read Secret jupyterhub-crypt-key. */
export const CRYPT_KEYS_SNIPPET = 'crypt-keys';
/** The chart's Secret (release jupyterhub: `hub`) and its generated key list. */
export const CHART_SECRET = 'hub';
const CHART_KEYS = 'hub.config.CryptKeeper.keys';

/** What the deployed chart holds about crypt keys. */
export interface ChartCryptState {
  /** the chart's Secret exists: a release is (or was being) deployed */
  deployed: boolean;
  /** the chart's own keys (`hub.config.CryptKeeper.keys`), registered as secrets */
  chartKeys: string[];
  /** the deployed values carry our snippet: the hub reads our keys, not the chart's */
  usesOurs: boolean;
}

/**
 * Reads the chart's Secret: its generated key list and the values the release was
 * deployed with (`values.yaml`, which the chart keeps there for the hub's config).
 */
export async function readChartCryptState(ctx: Ctx, ns: string): Promise<ChartCryptState> {
  return chartCryptState(ctx, await getObject(ctx, 'secret', CHART_SECRET, ns, { secret: true }));
}

/** The same, from the chart's Secret already read (undefined: no release). */
export function chartCryptState(ctx: Ctx, secret: K8sObject | undefined): ChartCryptState {
  if (!secret) return { deployed: false, chartKeys: [], usesOurs: false };
  const decode = (key: string) => {
    const raw = secret.data?.[key];
    return raw === undefined ? undefined : Buffer.from(raw, 'base64').toString('utf8');
  };
  const chartKeys = splitKeys(decode(CHART_KEYS) ?? '').map((k) => ctx.secrets.add(k));
  let values: any;
  try {
    values = parse(decode('values.yaml') ?? '');
  } catch {
    values = undefined;
  }
  const snippet = values?.hub?.extraConfig?.[CRYPT_KEYS_SNIPPET];
  return { deployed: true, chartKeys, usesOurs: typeof snippet === 'string' && !!snippet.trim() };
}

export interface CryptKeyPlan {
  /** the key list to store (first encrypts) */
  keys: string[];
  /** differs from what is stored */
  changed: boolean;
  /** what changed and why, without any key value */
  notes: string[];
}

/**
 * The key list install keeps. A key CryptKeeper refuses is dropped: the hub could never
 * start with it, so nothing was encrypted with it (keys of the first releases of these
 * tasks: 48 alphanumeric characters). With no valid key left, a new one comes first.
 * While the deployed hub still reads the chart's own key (a release from before the
 * `crypt-keys` snippet), that key is kept after ours: it encrypted the auth state stored so
 * far, which then stays readable until users log in again and `rotate-crypt-key
 * --drop-old` removes it. A second run changes nothing.
 */
export function planCryptKeys(
  current: readonly string[],
  chart: ChartCryptState,
  generate: () => string = newCryptKey,
): CryptKeyPlan {
  const notes: string[] = [];
  const refused = refusedKeys(current);
  const keys = current.filter(isValidKey);
  if (refused.length)
    notes.push(
      `${refused.join(', ')} dropped: CryptKeeper refuses it, so nothing was ever encrypted with it`,
    );
  if (!keys.length) {
    keys.push(generate());
    if (current.length) notes.push('a new key (32 random bytes, hex) first');
  }
  if (chart.deployed && !chart.usesOurs) {
    const kept = chart.chartKeys.filter((k) => isValidKey(k) && !keys.includes(k));
    keys.push(...kept);
    if (kept.length)
      notes.push(
        `the chart's own key (Secret ${CHART_SECRET}), which encrypted the auth state stored so far, kept after it so that state stays readable (drop it later: rotate-crypt-key --drop-old)`,
      );
  }
  const changed = keys.join(';') !== current.join(';');
  return { keys, changed, notes };
}
