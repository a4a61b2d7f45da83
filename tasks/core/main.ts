import { join } from 'node:path';
import { splitArgv, type GlobalFlags } from './argv.js';
import type { NamespaceTable } from './define.js';
import { UsageError } from './errors.js';
import { readCliOptions } from './cli-options.js';
import { completionScript } from './completions.js';
import { GLOBAL_HELP } from './global-help.js';
import { formatListing } from './help.js';
import { listingJson } from './listing-json.js';
import { readManifest, type Manifest } from './manifest.js';
import { projectRoot } from './paths.js';
import { report } from './report.js';
import { runRecipe } from './run.js';
import { showRecipeHelp } from './show-help.js';
import { writeStdout } from './stdout.js';
import { loadStyle, wantsColor } from './style.js';
import { suggest } from './suggest.js';

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
    const { words } = split;
    const [first, ...rest] = words;
    // Running a recipe needs no manifest (it is read only to suggest names for a typo).
    if (
      first?.includes(':') &&
      !first.startsWith('-') &&
      !flags.help &&
      !flags.list &&
      !flags.version
    ) {
      const [nsName, recipeName] = first.split(/::?/, 2) as [string, string];
      return await runRecipe(
        namespaces,
        nsName,
        recipeName,
        rest,
        flags,
        () => unknownRecipe(readManifest(), first),
        () => {
          const own = splitArgv(argv, { kubeContext: false });
          return { flags: own.flags, words: own.words.slice(own.words.indexOf(first) + 1) };
        },
      );
    }
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
  } catch (err) {
    return report(err, flags.verbose, await loadStyle(wantsColor(flags.color, 2)));
  }
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

function unknownRecipe(manifest: Manifest, target: string): UsageError {
  const all = manifest.namespaces.flatMap((n) => n.recipes.map((r) => `${n.name}:${r.name}`));
  const close = suggest(target.replace('::', ':'), all);
  return new UsageError(
    `unknown recipe: ${target}`,
    close.length ? `did you mean: ${close.join(', ')}?` : 'run `npx tasks` to list the recipes',
  );
}
