// gomplate's file namespace over the injected reader. Errors name the absolute path
// without its leading '/', as gomplate's root-based filesystem reports it.
import { resolve } from 'node:path';
import { type GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { type FuncContext, FuncError, type GoFunc, fn } from './types.js';

const rootRel = (abs: string) => abs.replace(/^\//, '');

/** Go's *PathError text for a failed read. */
export function readError(abs: string, e: unknown): FuncError {
  const code = (e as { code?: string }).code;
  const p = rootRel(abs);
  if (code === 'EISDIR') return new FuncError(`read ${p}: is a directory`);
  if (code === 'EACCES') return new FuncError(`open ${p}: permission denied`);
  if (code === 'ENOTDIR') return new FuncError(`open ${p}: not a directory`);
  return new FuncError(`open ${p}: no such file or directory`);
}

export function readFileAt(ctx: FuncContext, path: string): string {
  const abs = resolve(ctx.cwd, path);
  try {
    return ctx.readFile(abs);
  } catch (e) {
    throw readError(abs, e);
  }
}

export const FILE: Record<string, GoFunc> = {
  Read: fn(['any'], 'concrete', ([p], ctx) => readFileAt(ctx, toGoString(p as GoValue))),
  Exists: fn(['any'], 'concrete', ([p], ctx) =>
    ctx.fileExists(resolve(ctx.cwd, toGoString(p as GoValue))),
  ),
};

export const FILE_UNSUPPORTED = ['Stat', 'IsDir', 'ReadDir', 'Walk', 'Write'];
