// gomplate's file namespace, read-only: Read, Exists, IsDir, Stat, ReadDir, Walk over the
// injected reader and stat (Write would be a file effect outside the core: refused).
// Errors name the absolute path without its leading '/', as gomplate's root-based
// filesystem reports it.
import { type BigIntStats, readdirSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { GoTime } from '../gotime.js';
import { GoSlice, GoStruct, type GoValue, goInt } from '../values.js';
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

const stat = (ctx: FuncContext, abs: string) =>
  (ctx.stat ?? ((p: string) => statSync(p, { bigint: true })))(abs);
const readDir = (ctx: FuncContext, abs: string) =>
  (ctx.readDir ?? ((p: string) => readdirSync(p)))(abs).sort();

/** Go's *PathError for a failed stat/readdir ('' is invalid in an fs.FS). */
function fsError(op: string, path: string, abs: string, e: unknown): FuncError {
  if (path === '') return new FuncError(`${op} : invalid argument`);
  const code = (e as { code?: string }).code;
  const why =
    code === 'ENOTDIR'
      ? 'not a directory'
      : code === 'EACCES'
        ? 'permission denied'
        : 'no such file or directory';
  return new FuncError(`${op} ${rootRel(abs)}: ${why}`);
}

function statAt(ctx: FuncContext, path: string): BigIntStats {
  const abs = resolve(ctx.cwd, path);
  if (path === '') throw fsError('stat', path, abs, null);
  try {
    return stat(ctx, abs);
  } catch (e) {
    throw fsError('stat', path, abs, e);
  }
}

/** fs.FileMode's String(): type letters ("dalTLDpSugct?") then rwxrwxrwx. */
export function fileModeString(mode: number): string {
  let out = '';
  const S_IFMT = 0o170000;
  const kind = mode & S_IFMT;
  if (kind === 0o040000) out += 'd';
  if (kind === 0o120000) out += 'L';
  if (kind === 0o060000 || kind === 0o020000) out += 'D';
  if (kind === 0o010000) out += 'p';
  if (kind === 0o140000) out += 'S';
  if (mode & 0o4000) out += 'u';
  if (mode & 0o2000) out += 'g';
  if (kind === 0o020000) out += 'c';
  if (mode & 0o1000) out += 't';
  if (out === '') out = '-';
  const rwx = 'rwxrwxrwx';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? rwx[i] : '-';
  return out;
}

function fileInfo(abs: string, st: BigIntStats): GoStruct {
  // the OS names the file by the path gomplate resolved ("." is the directory's name)
  const name = posix.basename(abs) || '/';
  const mode = Number(st.mode);
  const modeVal = new GoStruct('fs.FileMode', fileModeString(mode), () => undefined);
  const mtime = new GoTime(
    Number(st.mtimeNs / 1_000_000_000n),
    Number(st.mtimeNs % 1_000_000_000n),
    0,
    'UTC',
  );
  const val = (v: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', v);
  const members = (m: string): GoFunc | undefined => {
    switch (m) {
      case 'Name':
        return val(() => name);
      case 'Size':
        return val(() => goInt(st.size, 'int64'));
      case 'Mode':
        return val(() => modeVal);
      case 'ModTime':
        return val(() => mtime);
      case 'IsDir':
        return val(() => st.isDirectory());
    }
    return undefined;
  };
  // fmt prints the struct behind the pointer (times, inode data): never compared
  return new GoStruct(
    '*os.fileStat',
    `&{${name} ${st.size} ${modeVal.printed}}`,
    members,
    undefined,
    false,
  );
}

/** fs.WalkDir's order: the root, then each directory's entries sorted, depth first. */
function walk(ctx: FuncContext, root: string): string[] {
  const out: string[] = [];
  const visit = (path: string, abs: string, isDir: boolean) => {
    out.push(path);
    if (!isDir) return;
    let names: string[];
    try {
      names = readDir(ctx, abs);
    } catch (e) {
      throw fsError('open', path, abs, e);
    }
    for (const n of names) {
      const childAbs = resolve(abs, n);
      visit(posix.join(path, n), childAbs, stat(ctx, childAbs).isDirectory());
    }
  };
  const st = statAt(ctx, root);
  visit(root, resolve(ctx.cwd, root), st.isDirectory());
  return out;
}

export const FILE: Record<string, GoFunc> = {
  Read: fn(['any'], 'concrete', ([p], ctx) => readFileAt(ctx, toGoString(p as GoValue))),
  Exists: fn(['any'], 'concrete', ([p], ctx) => {
    const path = toGoString(p as GoValue);
    return path !== '' && ctx.fileExists(resolve(ctx.cwd, path));
  }),
  IsDir: fn(['any'], 'concrete', ([p], ctx) => {
    try {
      return statAt(ctx, toGoString(p as GoValue)).isDirectory();
    } catch {
      return false;
    }
  }),
  Stat: fn(['any'], 'concrete', ([p], ctx) => {
    const path = toGoString(p as GoValue);
    return fileInfo(resolve(ctx.cwd, path), statAt(ctx, path));
  }),
  ReadDir: fn(['any'], 'concrete', ([p], ctx) => {
    const path = toGoString(p as GoValue);
    const abs = resolve(ctx.cwd, path);
    if (path === '') throw new FuncError('readdir : invalid argument');
    try {
      return new GoSlice(readDir(ctx, abs), 'string');
    } catch (e) {
      throw fsError('open', path, abs, e);
    }
  }),
  Walk: fn(
    ['any'],
    'concrete',
    ([p], ctx) => new GoSlice(walk(ctx, toGoString(p as GoValue)), 'string'),
  ),
};

/** Write changes files: an effect outside the core, never from a template. */
export const FILE_UNSUPPORTED = ['Write'];
