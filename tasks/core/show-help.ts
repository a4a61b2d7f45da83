import type { GlobalFlags } from './argv.js';
import { Config } from './config.js';
import { loadEnvFile, locateEnvFile } from './env-file.js';
import { formatRecipeHelp } from './help.js';
import type { Manifest, ManifestNamespace, ManifestRecipe } from './manifest.js';
import { Secrets } from './secrets.js';
import { writeStdout } from './stdout.js';
import { loadStyle, wantsColor } from './style.js';

/** `tasks ns:recipe --help`, from the manifest and the configuration only (no namespace, no exec). */
export async function showRecipeHelp(
  manifest: Manifest,
  ns: ManifestNamespace,
  recipe: ManifestRecipe,
  flags: GlobalFlags,
): Promise<void> {
  const envFile = loadEnvFile(
    locateEnvFile(process.cwd(), flags.envFile ?? process.env.TASKS_ENV_FILE),
  );
  // --help never resolves op:// references: it shows what is configured, not secrets.
  const config = new Config(process.env, envFile, new Secrets(), async (ref) => ref);
  writeStdout(
    formatRecipeHelp(manifest, ns, recipe, config, await loadStyle(wantsColor(flags.color, 1))),
  );
}
