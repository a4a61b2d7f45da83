import { Chalk } from 'chalk';
import { namespaceLoaders } from '../namespaces.js';
import { bindArgs } from './args.js';
import type { GlobalFlags } from './argv.js';
import { Config } from './config.js';
import { createContext } from './context.js';
import { loadEnvFile, locateEnvFile } from './env-file.js';
import { formatRecipeHelp } from './help.js';
import type { Manifest, ManifestNamespace, ManifestRecipe } from './manifest.js';
import { report } from './report.js';
import { Secrets } from './secrets.js';

/** Runs one recipe: config, context, signal handling, the recipe, cleanup, exit code. */
export async function runRecipe(
  nsName: string,
  recipeName: string,
  words: string[],
  flags: GlobalFlags,
  color: boolean,
): Promise<number> {
  const env = process.env;
  const envFile = loadEnvFile(locateEnvFile(process.cwd(), flags.envFile ?? env.TASKS_ENV_FILE));
  const ctx = createContext({
    dryRun: flags.dryRun,
    yes: flags.yes,
    verbose: flags.verbose,
    quiet: flags.quiet,
    color: color && Boolean(process.stderr.isTTY),
    interactive: Boolean(process.stdin.isTTY) && env.CI !== 'true',
    envFile,
  });
  const style = new Chalk({ level: color && process.stderr.isTTY ? 1 : 0 });

  // Ctrl-C: remove temp files, stop children, exit 130 without a stack trace.
  const onSignal = (signal: NodeJS.Signals) => {
    ctx.cleanup.runAll();
    process.stderr.write(`\n${style.yellow(signal === 'SIGINT' ? 'interrupted' : `stopped (${signal})`)}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const ns = (await namespaceLoaders[nsName]!()).default;
    const recipe = ns.recipes.find((r) => r.name === recipeName)!;
    const args = recipe.rawArgs ? { argv: words } : bindArgs(nsName, recipe, words);
    // A recipe may return an exit code (vault:exist answers 0/1 without a message).
    const result = await recipe.run(ctx, args);
    return typeof result === 'number' ? result : 0;
  } catch (err) {
    return report(err, flags.verbose, style, (s) => ctx.secrets.redact(s));
  } finally {
    ctx.cleanup.runAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function showRecipeHelp(
  manifest: Manifest,
  ns: ManifestNamespace,
  recipe: ManifestRecipe,
  flags: GlobalFlags,
  color: boolean,
): void {
  const envFile = loadEnvFile(locateEnvFile(process.cwd(), flags.envFile ?? process.env.TASKS_ENV_FILE));
  // --help never resolves op:// references: it shows what is configured, not secrets.
  const config = new Config(process.env, envFile, new Secrets(), async (ref) => ref);
  const style = new Chalk({ level: color && process.stdout.isTTY ? 1 : 0 });
  process.stdout.write(formatRecipeHelp(manifest, ns, recipe, config, style));
}
