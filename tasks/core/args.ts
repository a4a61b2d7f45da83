import type { Args, Param, Recipe } from './define.js';
import { UsageError } from './errors.js';

/**
 * Binds command-line words to a recipe's parameters the way just did:
 * positional in order, `name=value` for a declared name, a variadic tail, and
 * `--flag` for boolean flags. Anything else is a usage error showing the usage line.
 */
export function bindArgs(ns: string, recipe: Recipe, words: readonly string[]): Args {
  const args: Args = {};
  const params = recipe.params;
  const positional = params.filter((p) => !p.flag && !p.option);
  const options = params.filter((p) => p.option);
  const variadic = positional.find((p) => p.variadic);
  const fail = (message: string) => new UsageError(message, `usage: ${usageLine(ns, recipe)}`);
  let next = 0;
  let afterDashDash = false;

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!afterDashDash && word === '--') {
      afterDashDash = true;
      continue;
    }
    // A mistyped flag (-nx, -d, --dryrun) or a flag after `--` must never become a value:
    // `install -nx` would otherwise run a real install with "-nx" as the root token.
    // `-` alone is a value ("read it from stdin"), and so is a negative number.
    if (word.startsWith('-') && word !== '-' && !/^-[\d.]/.test(word)) {
      const [long, inline] = splitOption(word);
      const name = word.startsWith('--') ? long.slice(2).replace(/-/g, '_') : '';
      const option = !afterDashDash && options.find((p) => p.name === name);
      if (option) {
        const value = inline ?? words[++i];
        if (value === undefined) throw fail(`${long} needs a value`);
        if (args[option.name] !== undefined) throw fail(`${long} given twice`);
        args[option.name] = value;
        continue;
      }
      const flag =
        inline === undefined && !afterDashDash && params.find((p) => p.flag && p.name === name);
      if (!flag)
        throw fail(
          afterDashDash
            ? `${word} after -- is not taken as a value of ${ns}:${recipe.name}: flags go before --, and no value starts with -`
            : `unknown option ${word} for ${ns}:${recipe.name}`,
        );
      args[flag.name] = true;
      continue;
    }
    const named = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/s.exec(word);
    const target =
      named && [...positional, ...options].find((p) => !p.variadic && p.name === named[1]);
    // Once the variadic tail has started, `k=v` words belong to it (vault:put path k=v).
    if (target && !(variadic && args[variadic.name])) {
      if (args[target.name] !== undefined) throw fail(`${target.name} given twice`);
      args[target.name] = named![2];
      continue;
    }
    while (
      next < positional.length &&
      args[positional[next]!.name] !== undefined &&
      !positional[next]!.variadic
    )
      next++;
    const param = positional[next];
    // `JUPYTERHUB_HOST=x` after a recipe is not how variables are set (just would take it
    // as a value too): refuse it rather than let it become, say, the root token.
    if (named && !target && !param?.variadic && !param?.assignment)
      throw new UsageError(
        `${named[1]} is not a parameter of ${ns}:${recipe.name}`,
        `variables go in the environment or .env.local (${named[1]}=… npx tasks ${ns}:${recipe.name}); ` +
          `a value that contains "=" is passed as <parameter>=<value>\nusage: ${usageLine(ns, recipe)}`,
      );
    if (!param) throw fail(`too many arguments for ${ns}:${recipe.name}: ${word}`);
    if (param.variadic) ((args[param.name] as string[] | undefined) ??= []).push(word);
    else {
      args[param.name] = word;
      next++;
    }
  }

  for (const p of params) {
    if (args[p.name] !== undefined) continue;
    if (p.flag) args[p.name] = false;
    else if (p.variadic) args[p.name] = [];
    else if (p.default !== undefined) args[p.name] = p.default;
    else if (!p.optional) throw fail(`missing argument <${p.name}>`);
  }
  return args;
}

export function usageLine(ns: string, recipe: { name: string; params: readonly Param[] }): string {
  const parts = recipe.params.map((p) => {
    if (p.flag) return `[--${p.name.replace(/_/g, '-')}]`;
    if (p.option) return `[--${p.name.replace(/_/g, '-')} VALUE]`;
    if (p.variadic) return `[${p.name}...]`;
    if (p.default !== undefined) return `[${p.name}=${p.default || "''"}]`;
    if (p.optional) return `[${p.name}]`;
    return `<${p.name}>`;
  });
  return ['npx tasks', `${ns}:${recipe.name}`, ...parts].join(' ');
}

/** `--name=value` → ['--name', 'value']; `--name` → ['--name', undefined]. */
function splitOption(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return eq > 2 && word.startsWith('--')
    ? [word.slice(0, eq), word.slice(eq + 1)]
    : [word, undefined];
}
