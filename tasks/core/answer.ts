import { join } from 'node:path';
import type { GlobalFlags, SplitArgv } from './argv.js';
import { UsageError } from './errors.js';
import { readCliOptions } from './cli-options.js';
import { completionScript } from './completions.js';
import { GLOBAL_HELP } from './global-help.js';
import { formatListing } from './help.js';
import { listingJson } from './listing-json.js';
import { readManifest, type Manifest } from './manifest.js';
import { projectRoot } from './paths.js';
import { showRecipeHelp } from './show-help.js';
import { writeStdout } from './stdout.js';
import { loadStyle, wantsColor } from './style.js';
import { suggest } from './suggest.js';
import { unknownRecipe } from './unknown-recipe.js';

/**
 * Everything but a recipe run — the listing, --help, --version, --completions — answered
 * from the build-time manifest alone. The CommonJS entry (bin/tasks.js) calls only this,
 * so these answers load neither the ES module loader nor the rest of the core.
 */
export async function answerFromManifest({ flags, words }: SplitArgv): Promise<number> {
  const first = words[0];
  // `ns:recipe --help …`: the words after the recipe are its own, not checked here.
  const { target, json, completions } = first?.includes(':')
    ? { target: first, json: false, completions: undefined }
    : readCliOptions(words);
  const manifest = readManifest();
  if (completions !== undefined) {
    writeStdout(completionScript(manifest, completions, join(projectRoot, 'bin', 'tasks.js')));
    return 0;
  }
  if (flags.version) {
    writeStdout(`${manifest.version}\n`);
    return 0;
  }
  if (flags.help && !target) {
    writeStdout(GLOBAL_HELP);
    return 0;
  }
  if (!target || flags.list || !target.includes(':'))
    return await list(manifest, target, json, flags);
  const [nsName, recipeName] = target.split(/::?/, 2) as [string, string];
  const ns = manifest.namespaces.find((n) => n.name === nsName);
  const recipe = ns?.recipes.find((r) => r.name === recipeName);
  if (!ns || !recipe) throw unknownRecipe(manifest, target);
  await showRecipeHelp(manifest, ns, recipe, flags);
  return 0;
}

async function list(
  manifest: Manifest,
  target: string | undefined,
  json: boolean,
  flags: GlobalFlags,
): Promise<number> {
  let only = manifest.namespaces;
  if (target) {
    only = manifest.namespaces.filter((n) => n.name === target.replace(/:+$/, ''));
    if (!only.length) {
      const names = manifest.namespaces.map((n) => n.name);
      const close = suggest(target, names);
      throw new UsageError(
        `unknown namespace: ${target}`,
        close.length ? `did you mean ${close.join(', ')}?` : `namespaces: ${names.join(', ')}`,
      );
    }
  }
  if (json) writeStdout(listingJson(manifest, only));
  else writeStdout(formatListing(manifest, only, await loadStyle(wantsColor(flags.color, 1))));
  return 0;
}
