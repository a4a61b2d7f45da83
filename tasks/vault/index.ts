import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TaskError, UsageError, namespace, recipe, type Ctx } from '../core/index.js';
import { set as setEnv } from '../env/index.js';
import { connectVault, vaultAddr, VaultApi } from './client.js';
import { vaultVars } from './vars.js';

export { connectVault, vaultAddr, VaultApi };
export type { TokenRequest, TokenInfo } from './client.js';

const SECRET_FIELD = /token|password|passwd|secret|key|credential|private/i;
const TOKEN_VARS = [
  'VAULT_HOST',
  'VAULT_ADDR',
  'VAULT_TOKEN',
  'VAULT_CACERT',
  'VAULT_SKIP_VERIFY',
  'VAULT_DEBUG',
];

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
  if (!ctx.dryRun) ctx.log.ok(`wrote secret/${path} (${Object.keys(fields).join(', ')})`);
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
  if (!ctx.dryRun) ctx.log.ok(`deleted secret/${path}`);
}

export async function exists(ctx: Ctx, path: string, root = false): Promise<boolean> {
  return (await (await connectVault(ctx, { root })).kvGet(path)) !== undefined;
}

export async function writePolicy(ctx: Ctx, name: string, file: string): Promise<void> {
  let hcl: string;
  try {
    hcl = readFileSync(resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new TaskError(
      `cannot read policy file ${file} (${(err as { code?: string }).code ?? String(err)})`,
    );
  }
  await (await connectVault(ctx, { root: true })).writePolicy(name, hcl);
  if (!ctx.dryRun) ctx.log.ok(`policy ${name} written`);
}

/** Asks VAULT_HOST when it is unset and saves it in .env.local. */
export async function checkEnv(ctx: Ctx): Promise<void> {
  if (await ctx.config.text('VAULT_HOST')) return;
  const host = await ctx.prompt.input({ variable: 'VAULT_HOST', message: 'Vault host (FQDN)' });
  await setEnv(ctx, 'VAULT_HOST', host);
}

const pathParam = {
  name: 'path',
  description: 'KV path under mount secret, e.g. jupyterhub/config',
} as const;
const fieldsParam = { name: 'fields', variadic: true, description: 'key=value pairs' } as const;
// put's values are secrets: key=- reads one of them from stdin.
const secretFieldsParam = {
  ...fieldsParam,
  description: 'key=value pairs; key=- reads that value from stdin',
  secret: true,
} as const;
const kvRecipes = (root: boolean) => {
  const suffix = root ? '-root' : '';
  const who = root ? ' (root/admin token)' : '';
  return [
    recipe({
      name: `put${suffix}`,
      description: `Write key=value fields at secret/<path>, replacing its data${who}`,
      params: [pathParam, secretFieldsParam],
      vars: TOKEN_VARS,
      run: (ctx, a) => put(ctx, a.path, parseFields(a.fields), root),
    }),
    recipe({
      name: `get${suffix}`,
      description: `Print one field of secret/<path>${who}`,
      params: [pathParam, { name: 'field', description: 'field name' }],
      vars: TOKEN_VARS,
      run: async (ctx, a) => ctx.out(await get(ctx, a.path, a.field, root)),
    }),
    recipe({
      name: `delete${suffix}`,
      description: `Delete the latest version of secret/<path>${who}`,
      params: [pathParam],
      vars: TOKEN_VARS,
      run: (ctx, a) => remove(ctx, a.path, root),
    }),
    recipe({
      name: `exist${suffix}`,
      description: `Exit 0 when secret/<path> exists, 1 when not${who}`,
      params: [pathParam],
      vars: TOKEN_VARS,
      run: async (ctx, a) => ((await exists(ctx, a.path, root)) ? 0 : 1),
    }),
  ];
};

export default namespace({
  name: 'vault',
  description: 'Vault KV v2 secrets, policies and auth roles over the HTTP API',
  vars: vaultVars,
  recipes: [
    ...kvRecipes(false),
    ...kvRecipes(true),
    recipe({
      name: 'write',
      description: 'Generic write of key=value fields to a Vault path (e.g. an auth role)',
      params: [{ name: 'path', description: 'API path, e.g. auth/kubernetes/role/x' }, fieldsParam],
      vars: TOKEN_VARS,
      run: async (ctx, a) => {
        const fields = parseFields(a.fields);
        // A role's settings (namespaces, policy names) are not secret, and masking them would
        // mangle paths in the output; fields named like credentials are.
        for (const [key, value] of Object.entries(fields))
          if (SECRET_FIELD.test(key)) ctx.secrets.add(value);
        await (await connectVault(ctx, { root: true })).write(a.path, fields);
        if (!ctx.dryRun) ctx.log.ok(`wrote ${a.path}`);
      },
    }),
    recipe({
      name: 'write-policy',
      description: 'Upload an HCL policy file as a named policy',
      params: [
        { name: 'name', description: 'policy name' },
        { name: 'file', description: 'HCL file' },
      ],
      vars: TOKEN_VARS,
      run: (ctx, a) => writePolicy(ctx, a.name, a.file),
    }),
    recipe({
      name: 'vault-addr',
      description: 'Print the Vault address',
      vars: ['VAULT_HOST', 'VAULT_ADDR'],
      run: async (ctx) => ctx.out(await vaultAddr(ctx)),
    }),
    recipe({
      name: 'check-env',
      description: 'Ask for VAULT_HOST when unset and save it in .env.local',
      vars: ['VAULT_HOST'],
      run: (ctx) => checkEnv(ctx),
    }),
  ],
});
