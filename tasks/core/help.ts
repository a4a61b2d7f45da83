import { usageLine } from './args.js';
import type { Config } from './config.js';
import { GLOBAL_FLAGS_LINE } from './global-help.js';
import type { Style } from './style.js';
import { findVar, type Manifest, type ManifestNamespace, type ManifestRecipe } from './manifest.js';

/**
 * Recipes that the listing leaves out (still runnable): just's `default` recipe and
 * names starting with `_`, which just treats as private.
 */
export const isPrivate = (recipe: { name: string }): boolean =>
  recipe.name === 'default' || recipe.name.startsWith('_');

// Descriptions align after signatures up to this width (just aligns to at most 30);
// a longer signature gets its description on the next line instead of pushing every
// other description to the right.
const ALIGN_LIMIT = 30;
const INDENT = '    ';
const CONTINUATION = `${INDENT}    `;

/** The width to fit: $COLUMNS when the shell exports it, else 80. */
export function listingWidth(env: NodeJS.ProcessEnv = process.env): number {
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns >= 40 ? columns : 80;
}

/** Breaks text into lines of at most `width` columns at spaces (a longer word stays whole). */
function wrapWords(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** `tasks --list [ns]`: namespaces with their public recipes and one-line descriptions. */
export function formatListing(
  manifest: Manifest,
  only: ManifestNamespace[],
  style: Style,
  width = listingWidth(),
): string {
  const lines: string[] = [];
  if (only.length === manifest.namespaces.length)
    lines.push(
      'Usage: npx tasks <namespace>:<recipe> [args…]',
      '       (--help on any recipe; npx tasks --help for flags and exit codes)',
      '',
    );
  for (const ns of only) {
    const title = wrapWords(ns.description, width, `${ns.name}  `, INDENT);
    lines.push(
      ...title.map((l, i) =>
        i ? style.dim(l) : `${style.bold(ns.name)}  ${style.dim(l.slice(ns.name.length + 2))}`,
      ),
    );
    const recipes = ns.recipes.filter((r) => !isPrivate(r));
    const heads = recipes.map((r) => usageLine(ns.name, r).replace(/^npx tasks [^:]+:/, ''));
    const column = Math.max(0, ...heads.map((h) => h.length).filter((n) => n <= ALIGN_LIMIT));
    // The description column, but never so far right that descriptions get squeezed.
    const at = Math.min(INDENT.length + column + 2, Math.floor(width / 2));
    const pad = ' '.repeat(at);
    recipes.forEach((r, i) => {
      const head = heads[i]!;
      let first: string;
      if (INDENT.length + head.length + 2 <= at) first = `${INDENT}${head}`.padEnd(at);
      else {
        lines.push(...wrapWords(head, width, INDENT, CONTINUATION));
        first = pad;
      }
      for (const l of wrapWords(`# ${r.description}`, width, first, `${pad}  `))
        lines.push(`${l.slice(0, at)}${style.dim(l.slice(at))}`);
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
  lines.push(GLOBAL_FLAGS_LINE, '');
  return lines.join('\n');
}
