import type { NamespaceTable } from './define.js';
import { answerFromManifest } from './answer.js';
import { isRecipeRun, splitArgv } from './argv.js';
import { readManifest } from './manifest.js';
import { report } from './report.js';
import { runRecipe } from './run.js';
import { loadStyle, wantsColor } from './style.js';
import { unknownRecipe } from './unknown-recipe.js';

/**
 * `npx tasks …`: a thin layer over the namespaces' exported recipe functions, given
 * by the entry point as a table of lazy imports (the core imports no namespace).
 * Listing and --help answer from the build-time manifest; only running a recipe
 * imports its namespace (and only then the heavy packages it uses). The core itself
 * is small and bundled into one chunk, so it is imported whole.
 */
export async function main(argv: readonly string[], namespaces: NamespaceTable): Promise<number> {
  let flags = splitArgv([]).flags;
  try {
    const split = splitArgv(argv);
    flags = split.flags;
    if (!isRecipeRun(split)) return await answerFromManifest(split);
    const [first, ...rest] = split.words as [string, ...string[]];
    const [nsName, recipeName] = first.split(/::?/, 2) as [string, string];
    return await runRecipe(
      namespaces,
      nsName,
      recipeName,
      rest,
      flags,
      // Running a recipe needs no manifest (it is read only to suggest names for a typo).
      () => unknownRecipe(readManifest(), first),
      () => {
        const own = splitArgv(argv, { kubeContext: false });
        return { flags: own.flags, words: own.words.slice(own.words.indexOf(first) + 1) };
      },
    );
  } catch (err) {
    return report(err, flags.verbose, await loadStyle(wantsColor(flags.color, 2)));
  }
}
