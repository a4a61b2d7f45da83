import { UsageError } from './errors.js';
import type { Manifest } from './manifest.js';
import { suggest } from './suggest.js';

/** An unknown `ns:recipe`, with the closest names the manifest knows. */
export function unknownRecipe(manifest: Manifest, target: string): UsageError {
  const all = manifest.namespaces.flatMap((n) => n.recipes.map((r) => `${n.name}:${r.name}`));
  const close = suggest(target.replace('::', ':'), all);
  return new UsageError(
    `unknown recipe: ${target}`,
    close.length ? `did you mean: ${close.join(', ')}?` : 'run `npx tasks` to list the recipes',
  );
}
