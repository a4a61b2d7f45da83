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
  const positional = params.filter((p) => !p.flag);
  const variadic = positional.find((p) => p.variadic);
  const fail = (message: string) => new UsageError(message, `usage: ${usageLine(ns, recipe)}`);
  let next = 0;
  let afterDashDash = false;

  for (const word of words) {
    if (!afterDashDash && word === '--') {
      afterDashDash = true;
      continue;
    }
    if (!afterDashDash && word.startsWith('--') && word.length > 2) {
      const name = word.slice(2).replace(/-/g, '_');
      const flag = params.find((p) => p.flag && p.name === name);
      if (!flag) throw fail(`unknown option ${word} for ${ns}:${recipe.name}`);
      args[flag.name] = true;
      continue;
    }
    const named = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/s.exec(word);
    const target = named && positional.find((p) => !p.variadic && p.name === named[1]);
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
    if (p.variadic) return `[${p.name}...]`;
    if (p.default !== undefined) return `[${p.name}=${p.default || "''"}]`;
    if (p.optional) return `[${p.name}]`;
    return `<${p.name}>`;
  });
  return ['npx tasks', `${ns}:${recipe.name}`, ...parts].join(' ');
}
