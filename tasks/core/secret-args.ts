import { readFileSync } from 'node:fs';
import type { Args, Recipe } from './define.js';
import { UsageError } from './errors.js';
import type { Logger } from './log.js';
import type { Secrets } from './secrets.js';
import { isTerminal } from './stdout.js';

/** Where a `-` argument's value comes from: all of stdin, one trailing newline dropped. */
export type StdinReader = () => Promise<string>;

export const readAllStdin: StdinReader = async () => {
  // On a terminal this would wait for Ctrl-D with no prompt: say how it is meant instead.
  if (isTerminal(0))
    throw new UsageError(
      '- reads the value from stdin, which is a terminal here',
      'pipe it in (… < file, or from a password manager), or leave the argument out to be asked',
    );
  return readFileSync(0, 'utf8');
};

const STDIN = '-';

/**
 * Secret parameters (Param.secret): `-` takes the value from stdin, so it never sits
 * in the process table; a value typed on the command line still works (just's form)
 * but is registered for redaction and draws a one-line warning with the better way.
 * Stdin can be read once, so only one `-` per run.
 */
export async function resolveSecretArgs(
  ns: string,
  recipe: Recipe,
  args: Args,
  secrets: Secrets,
  log: Logger,
  readStdin: StdinReader = readAllStdin,
): Promise<void> {
  let stdinUsedBy: string | undefined;
  const fromStdin = async (name: string): Promise<string> => {
    if (stdinUsedBy)
      throw new UsageError(
        `${name} and ${stdinUsedBy} both ask for stdin (-): only one value can come from it`,
      );
    stdinUsedBy = name;
    const value = (await readStdin()).replace(/\r?\n$/, '');
    if (!value) throw new UsageError(`${name} is - but stdin was empty`);
    return secrets.add(value, varName(name));
  };
  const onArgv: string[] = [];
  for (const p of recipe.params) {
    if (!p.secret) continue;
    const value = args[p.name];
    if (typeof value === 'string' && value) {
      if (value === STDIN) args[p.name] = await fromStdin(p.name);
      else {
        secrets.add(value, varName(p.name));
        onArgv.push(p.name);
      }
    } else if (Array.isArray(value)) {
      args[p.name] = await Promise.all(
        value.map(async (word) => {
          const eq = word.indexOf('=');
          if (eq <= 0) return word;
          const key = word.slice(0, eq);
          const v = word.slice(eq + 1);
          if (v === STDIN) return `${key}=${await fromStdin(key)}`;
          if (v) {
            secrets.add(v, varName(key));
            onArgv.push(key);
          }
          return word;
        }),
      );
    }
  }
  if (onArgv.length) {
    const hints = recipe.params.filter((p) => p.secret && p.envHint).map((p) => p.envHint);
    log.warn(
      `${onArgv.join(', ')} came from the command line, where \`ps\` shows ${onArgv.length > 1 ? 'them' : 'it'} to every user of this machine: ` +
        `give - instead and the value on stdin${hints.length ? `, or ${hints.join(', ')}` : ''} (${ns}:${recipe.name})`,
    );
  }
}

/**
 * A plan names a secret argument by its parameter (root_token → ARG_ROOT_TOKEN); the
 * prefix keeps `user=…` from becoming $USER, which every shell already sets.
 */
const varName = (param: string): string => `ARG_${param.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
