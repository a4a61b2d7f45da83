import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TaskError, namespace, recipe, type Ctx } from '../core/index.js';
import { checkEnv } from './check-env.js';
import { connectVault, vaultAddr, VaultApi } from './client.js';
import { lifecycleRecipes } from './lifecycle.js';
import { dumpTree, exists, get, parseFields, put, remove } from './kv.js';
import { setupRecipes } from './setup-recipes.js';
import { vaultToken } from './token.js';
import { vaultVars } from './vars.js';

export { checkEnv, connectVault, vaultAddr, VaultApi, exists, get, parseFields, put, remove };
export type { TokenRequest, TokenInfo } from './client.js';

const SECRET_FIELD = /token|password|passwd|secret|key|credential|private|jwt/i;
export const TOKEN_VARS = [
  'VAULT_HOST',
  'VAULT_ADDR',
  'VAULT_TOKEN',
  'VAULT_CACERT',
  'VAULT_SKIP_VERIFY',
  'VAULT_DEBUG',
];

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
  ctx.effects.done(`policy ${name} written`);
}

/** `vault write PATH k=v…`: fields named like credentials are masked, the rest are shown. */
export async function genericWrite(ctx: Ctx, words: string[], root: boolean): Promise<void> {
  const [path, ...rest] = words;
  if (!path) throw new TaskError('name the path to write, e.g. auth/kubernetes/role/x k=v');
  const fields = parseFields(rest);
  // A role's settings (namespaces, policy names) are not secret, and masking them would
  // mangle paths in the output; fields named like credentials are.
  for (const [key, value] of Object.entries(fields))
    if (SECRET_FIELD.test(key))
      ctx.secrets.add(value, `ARG_${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`);
  await (await connectVault(ctx, { root })).write(path, fields);
  ctx.effects.done(`wrote ${path}`);
}

const pathParam = {
  name: 'path',
  description: 'KV path under mount secret, e.g. jupyterhub/config',
} as const;
const argsParam = { name: 'args', variadic: true, description: 'key=value pairs' } as const;
// put's values are secrets: key=- reads one of them from stdin.
const secretArgsParam = {
  ...argsParam,
  description: 'key=value pairs; key=- reads that value from stdin',
  secret: true,
} as const;
const kvRecipes = (root: boolean) => {
  const suffix = root ? '-root' : '';
  const who = root ? ' (root/admin token)' : '';
  return [
    recipe({
      name: `get${suffix}`,
      description: `Print one field of secret/<path>${who}`,
      params: [pathParam, { name: 'field', description: 'field name' }],
      vars: TOKEN_VARS,
      run: async (ctx, a) => ctx.out(await get(ctx, a.path, a.field, root)),
    }),
    recipe({
      name: `put${suffix}`,
      description: `Write key=value fields at secret/<path>, replacing its data${who}`,
      params: [pathParam, secretArgsParam],
      vars: TOKEN_VARS,
      run: (ctx, a) => put(ctx, a.path, parseFields(a.args), root),
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

const interleave = <T>(a: T[], b: T[]) => a.flatMap((x, i) => [x, b[i]!]);

export default namespace({
  name: 'vault',
  description:
    'Vault: install, secrets engine, auth methods, policies, KV secrets over the HTTP API',
  vars: vaultVars,
  recipes: [
    ...lifecycleRecipes,
    ...setupRecipes,
    ...interleave(kvRecipes(false), kvRecipes(true)),
    recipe({
      name: 'dump-tree',
      description: 'Print every secret path under <path> with its field names (never values)',
      params: [{ name: 'path', default: '', description: 'KV path to start from' }],
      vars: TOKEN_VARS,
      run: async (ctx, a) => {
        const lines = await dumpTree(ctx, a.path);
        if (lines.length) ctx.out(lines.join('\n'));
      },
    }),
    recipe({
      name: 'check-env',
      description: 'Ask for VAULT_HOST when unset and save it in .env.local',
      vars: ['VAULT_HOST'],
      run: (ctx) => checkEnv(ctx),
    }),
    recipe({
      name: 'setup-root-token',
      description: 'Resolve the root/admin token (VAULT_TOKEN, op:// or asked) and check it',
      vars: TOKEN_VARS,
      run: (ctx) => checkToken(ctx, true),
    }),
    recipe({
      name: 'setup-token',
      description: 'Resolve a token (VAULT_TOKEN, else OIDC login, else asked) and check it',
      vars: TOKEN_VARS,
      run: (ctx) => checkToken(ctx, false),
    }),
    recipe({
      name: 'vault-addr',
      description: 'Print the Vault address',
      vars: ['VAULT_HOST', 'VAULT_ADDR'],
      run: async (ctx) => ctx.out(await vaultAddr(ctx)),
    }),
    recipe({
      name: 'write',
      description:
        'Generic write of key=value fields to a Vault path (token: VAULT_TOKEN, else OIDC login)',
      params: [{ ...argsParam, description: 'PATH key=value…' }],
      vars: TOKEN_VARS,
      run: (ctx, a) => genericWrite(ctx, a.args, false),
    }),
    recipe({
      name: 'root-write',
      description: 'Generic write of key=value fields to a Vault path with the root/admin token',
      params: [{ ...argsParam, description: 'PATH key=value…' }],
      vars: TOKEN_VARS,
      run: (ctx, a) => genericWrite(ctx, a.args, true),
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
  ],
});

/** setup-token / setup-root-token: the token a later recipe would use, looked up once. */
async function checkToken(ctx: Ctx, root: boolean): Promise<void> {
  const addr = await vaultAddr(ctx);
  const token = await vaultToken(ctx, addr, { root });
  const vault = await VaultApi.open(ctx, addr, token);
  const info = await vault.lookupSelf();
  // No answer at all (a dry run before Vault is there) is not a verdict on the token.
  if (!info && vault.reachable)
    throw new TaskError(
      `the Vault token is not valid at ${addr}`,
      'set VAULT_TOKEN to a live token',
    );
  if (info)
    ctx.log.ok(
      `Vault token valid at ${addr} (policies: ${info.policies.join(', ')}, ttl ${info.ttl}s)`,
    );
}
