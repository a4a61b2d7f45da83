import { TaskError, UsageError, type Ctx } from '../core/index.js';
import { connectVault } from './client.js';

/** `key=value` words → fields; at least one. */
export function parseFields(words: readonly string[]): Record<string, string> {
  if (!words.length) throw new UsageError('give at least one key=value field');
  const fields: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0)
      throw new UsageError(
        `expected key=value (got "${word.includes('=') ? word : word.slice(0, 40)}")`,
      );
    fields[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return fields;
}

export async function put(
  ctx: Ctx,
  path: string,
  fields: Record<string, string>,
  root = false,
): Promise<void> {
  for (const value of Object.values(fields)) ctx.secrets.add(value);
  const vault = await connectVault(ctx, { root });
  await vault.kvPut(path, fields);
  ctx.effects.done(`wrote secret/${path} (${Object.keys(fields).join(', ')})`);
}

/** One field of a secret; missing path or field is an error. */
export async function get(ctx: Ctx, path: string, field: string, root = false): Promise<string> {
  const data = await (await connectVault(ctx, { root })).kvGet(path);
  if (!data) throw new TaskError(`no secret at secret/${path}`);
  if (!(field in data))
    throw new TaskError(
      `secret/${path} has no field "${field}"`,
      `fields: ${Object.keys(data).join(', ')}`,
    );
  const value = data[field];
  // Like `vault kv get -field`: text as it is, anything else as JSON.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export async function remove(ctx: Ctx, path: string, root = false): Promise<void> {
  await (await connectVault(ctx, { root })).kvDelete(path);
  ctx.effects.done(`deleted secret/${path}`);
}

export async function exists(ctx: Ctx, path: string, root = false): Promise<boolean> {
  return (await (await connectVault(ctx, { root })).kvGet(path)) !== undefined;
}

/**
 * dump-tree: every secret under `path` with its field names (never values), depth first in
 * the order Vault lists keys, one "path  [a, b]" line each.
 */
export async function dumpTree(ctx: Ctx, path: string): Promise<string[]> {
  const vault = await connectVault(ctx);
  const lines: string[] = [];
  const walk = async (prefix: string): Promise<void> => {
    for (const item of await vault.kvList(prefix)) {
      if (item.endsWith('/')) await walk(`${prefix}${item}`);
      else {
        const data = (await vault.kvGet(`${prefix}${item}`)) ?? {};
        lines.push(`${prefix}${item}  [${Object.keys(data).sort().join(', ')}]`);
      }
    }
  };
  const start = path && !path.endsWith('/') ? `${path}/` : path;
  await walk(start);
  return lines;
}
