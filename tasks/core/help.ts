import { usageLine } from './args.js';
import type { Config } from './config.js';
import type { Style } from './style.js';
import { findVar, type Manifest, type ManifestNamespace, type ManifestRecipe } from './manifest.js';

/** `tasks --list [ns]`: namespaces with their recipes and one-line descriptions. */
export function formatListing(manifest: Manifest, only: ManifestNamespace[], style: Style): string {
  const lines: string[] = [];
  if (only.length === manifest.namespaces.length)
    lines.push(`Usage: npx tasks <namespace>:<recipe> [args…]  (--help on any recipe)`, '');
  for (const ns of only) {
    lines.push(`${style.bold(ns.name)}  ${style.dim(ns.description)}`);
    const heads = ns.recipes.map((r) => usageLine(ns.name, r).replace(/^npx tasks [^:]+:/, ''));
    const width = Math.max(...heads.map((h) => h.length));
    ns.recipes.forEach((r, i) => {
      lines.push(`    ${heads[i]!.padEnd(width)}  ${style.dim(`# ${r.description}`)}`);
    });
    lines.push('');
  }
  return lines.join('\n');
}

/** `tasks ns:recipe --help`: usage, parameters, variables with default and current value. */
export function formatRecipeHelp(
  manifest: Manifest,
  ns: ManifestNamespace,
  recipe: ManifestRecipe,
  config: Config,
  style: Style,
): string {
  const lines = [style.bold(usageLine(ns.name, recipe)), '', recipe.description, ''];
  if (recipe.params.length) {
    lines.push('Parameters:');
    const width = Math.max(...recipe.params.map((p) => p.name.length));
    for (const p of recipe.params) {
      const extra =
        p.default !== undefined ? ` (default: ${p.default === '' ? "''" : p.default})` : '';
      lines.push(`  ${p.name.padEnd(width)}  ${p.description ?? ''}${extra}`);
    }
    lines.push('');
  }
  if (recipe.vars.length) {
    lines.push('Variables (environment > .env.local > default):');
    const width = Math.max(...recipe.vars.map((v) => v.length));
    for (const name of recipe.vars) {
      const spec = findVar(manifest, name);
      const raw = config.raw(name);
      const source = config.source(name, spec as never);
      let current: string;
      if (spec?.secret) current = raw ? `set (${source})` : 'unset';
      else if (raw !== undefined && raw !== '') current = `${raw} (${source})`;
      else current = spec?.default !== undefined ? `${spec.default} (default)` : 'unset';
      const def =
        spec?.default !== undefined
          ? `default ${spec.default === '' ? "''" : spec.default}`
          : 'no default';
      lines.push(`  ${name.padEnd(width)}  ${style.dim(`${spec?.description ?? ''} [${def}]`)}`);
      lines.push(`  ${''.padEnd(width)}  current: ${current}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
