import { isTerminal } from './stdout.js';

/**
 * Colours for terminal output. chalk is loaded only when colour is on (see
 * wantsColor): piped output and CI pay nothing for it.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const same = (text: string) => text;

export const plainStyle: Style = {
  bold: same,
  dim: same,
  red: same,
  green: same,
  yellow: same,
  cyan: same,
};

export async function loadStyle(color: boolean): Promise<Style> {
  if (!color) return plainStyle;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

/**
 * Colour on fd 1 or 2. Off with --no-color or NO_COLOR, and whenever CI is set: a CI log
 * is no place for escape codes, even where a runner fakes a terminal or a job exports
 * FORCE_COLOR for other tools. Otherwise FORCE_COLOR decides (0 or false: off; anything
 * else: on, also into a pipe), and without it, whether the fd is a terminal.
 */
export function wantsColor(
  flag: boolean,
  fd: 1 | 2,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!flag || env.NO_COLOR) return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTerminal(fd);
}
