// Validates JupyterHub Helm values the way helm does for the Zero to JupyterHub chart:
// read the user values as YAML 1.1, merge them onto the chart's defaults, then check
// the merged tree against the chart's values schema (JSON Schema draft-07).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { sharedDir } from '../../tasks/core/paths.js';

export type ChartVersion = '4.2.0' | '4.3.2';
export const CHART_VERSIONS: readonly ChartVersion[] = ['4.2.0', '4.3.2'];

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

type Tree = Record<string, unknown>;

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Helm's merge of user values onto chart defaults: maps merge deeply, scalars and
 * lists replace, and a user `null` removes a key the defaults have (a `null` for a
 * key the defaults lack stays, as in helm).
 */
export function mergeValues(defaults: Tree, user: Tree): Tree {
  const out: Tree = { ...defaults };
  for (const [key, value] of Object.entries(user)) {
    if (value === null && key in defaults) delete out[key];
    else if (isTree(value) && isTree(defaults[key])) out[key] = mergeValues(defaults[key], value);
    else out[key] = value;
  }
  return out;
}

/** Parses YAML as helm reads it (YAML 1.1: `0755` is octal, `yes` stays a string). */
export function parseHelmYaml(text: string): unknown {
  return parse(text, { version: '1.1' });
}

interface Chart {
  defaults: Tree;
  validate: ValidateFunction;
}

const charts = new Map<ChartVersion, Chart>();

function chart(version: ChartVersion): Chart {
  let c = charts.get(version);
  if (!c) {
    const dir = join(sharedDir(), 'reference');
    const schema = JSON.parse(
      readFileSync(join(dir, `z2jh-${version}-values.schema.json`), 'utf8'),
    );
    const defaults = parseHelmYaml(readFileSync(join(dir, `z2jh-${version}-values.yaml`), 'utf8'));
    if (!isTree(defaults)) throw new Error(`z2jh-${version}-values.yaml is not a map`);
    const ajv = new Ajv({ strict: false, allErrors: true });
    c = { defaults, validate: ajv.compile(schema) };
    charts.set(version, c);
  }
  return c;
}

export function validateValues(valuesYaml: string, chartVersion: ChartVersion): ValidationResult {
  const user = parseHelmYaml(valuesYaml) ?? {};
  if (!isTree(user)) return { valid: false, errors: ['values are not a YAML map'] };
  const { defaults, validate } = chart(chartVersion);
  if (validate(mergeValues(defaults, user))) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
  );
  return { valid: false, errors };
}
