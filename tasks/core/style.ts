import { isTerminal } from './stdout.js';

/**
 * Colours for terminal output. chalk is loaded only when colour is on (a
 * terminal, no NO_COLOR, no --no-color): piped output and CI pay nothing for it.
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

/** Colour on fd 1 or 2: asked for, not disabled by NO_COLOR, and the fd is a terminal. */
export const wantsColor = (flag: boolean, fd: 1 | 2): boolean =>
  flag && !process.env.NO_COLOR && isTerminal(fd);
