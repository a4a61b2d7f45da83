import { bindArgs } from './args.js';
import type { NamespaceTable } from './define.js';
import type { UsageError } from './errors.js';
import type { GlobalFlags } from './argv.js';
import { createContext } from './context.js';
import { loadEnvFile, locateEnvFile } from './env-file.js';
import { report } from './report.js';
import { resolveSecretArgs } from './secret-args.js';
import { isTerminal } from './stdout.js';
import { loadStyle, wantsColor } from './style.js';

/** Runs one recipe: config, context, signal handling, the recipe, cleanup, exit code. */
export async function runRecipe(
  namespaces: NamespaceTable,
  nsName: string,
  recipeName: string,
  words: string[],
  flags: GlobalFlags,
  unknown: () => UsageError,
  /** the line split again for a recipe that parses its own argv (global --context left in) */
  ownArgv: () => { words: string[]; flags: GlobalFlags },
): Promise<number> {
  const load = Object.hasOwn(namespaces, nsName) ? namespaces[nsName] : undefined;
  if (!load) throw unknown();
  const ns = (await load()).default;
  const recipe = ns.recipes.find((r) => r.name === recipeName);
  if (!recipe) throw unknown();
  if (recipe.rawArgs) ({ words, flags } = ownArgv());
  const env = process.env;
  const style = await loadStyle(wantsColor(flags.color, 2));
  const envFile = loadEnvFile(locateEnvFile(process.cwd(), flags.envFile ?? env.TASKS_ENV_FILE));
  const ctx = createContext({
    dryRun: flags.dryRun,
    yes: flags.yes,
    verbose: flags.verbose,
    quiet: flags.quiet,
    style,
    interactive: isTerminal(0) && env.CI !== 'true',
    envFile,
    kubeContext: flags.context,
  });

  // Ctrl-C: remove temp files, stop children (SIGTERM, SIGKILL after a grace period), exit
  // 130 without a stack trace. A second Ctrl-C kills the children at once.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      ctx.cleanup.killAll();
      return;
    }
    interrupted = true;
    process.stderr.write(
      `\n${style.yellow(signal === 'SIGINT' ? 'interrupted' : `stopped (${signal})`)}\n`,
    );
    void ctx.cleanup.runAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const args = recipe.rawArgs ? { argv: words } : bindArgs(nsName, recipe, words);
    await resolveSecretArgs(nsName, recipe, args, ctx.secrets, ctx.log);
    // A recipe may return an exit code (vault:exist answers 0/1 without a message).
    const result = await recipe.run(ctx, args);
    ctx.finish();
    return typeof result === 'number' ? result : 0;
  } catch (err) {
    // Once interrupted, what fails is the children being stopped: already said.
    if (interrupted) return 130;
    ctx.finish(ctx.secrets.redact(err instanceof Error ? err.message : String(err)));
    return report(err, flags.verbose, style, (s) => ctx.secrets.redact(s));
  } finally {
    await ctx.cleanup.runAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
