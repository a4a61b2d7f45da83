import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { TaskError } from './errors.js';

export const ENV_FILE_NAME = '.env.local';

export interface EnvFile {
  path: string;
  values: Record<string, string>;
}

/**
 * Finds the env file: `--env-file`, else TASKS_ENV_FILE, else the first
 * `.env.local` walking up from `cwd`. No file is fine (defaults apply); an
 * explicitly named file that does not exist is an error.
 */
export function locateEnvFile(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new TaskError(`env file not found: ${path}`);
    return path;
  }
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, ENV_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The file is parsed (with dotenv's rules) when a value is first read: a recipe
 * that reads no variable never pays for the parser.
 */
export function loadEnvFile(path: string | undefined): EnvFile | undefined {
  if (!path) return undefined;
  let values: Record<string, string> | undefined;
  return {
    path,
    get values() {
      const { parse } = createRequire(import.meta.url)('dotenv') as typeof import('dotenv');
      return (values ??= parse(readFileSync(path)));
    },
  };
}
