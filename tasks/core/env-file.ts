import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'dotenv';
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

export function loadEnvFile(path: string | undefined): EnvFile | undefined {
  if (!path) return undefined;
  return { path, values: parse(readFileSync(path)) };
}
