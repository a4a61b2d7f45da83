import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ENV_FILE_NAME,
  TaskError,
  UsageError,
  namespace,
  projectRoot,
  recipe,
  type Ctx,
} from '../core/index.js';
import { keycloakVars } from '../keycloak/vars.js';
import { renderText, writePrivateFile } from '../template/write.js';
import { ENV_KEY, setEnvValue } from './edit.js';
import { envVars } from './vars.js';

const vars = {
  ...envVars,
  KEYCLOAK_HOST: keycloakVars.KEYCLOAK_HOST,
  KEYCLOAK_REALM: keycloakVars.KEYCLOAK_REALM,
};

const QUESTIONS: Record<keyof typeof vars, string> = {
  LOCAL_K8S_HOST: 'Kubernetes API host on the local network',
  EXTERNAL_K8S_HOST: 'External host of the cluster',
  KEYCLOAK_HOST: 'Keycloak host (FQDN)',
  KEYCLOAK_REALM: 'Keycloak realm',
};

/** The env file this run reads, or .env.local in the working directory. */
export function envFilePath(ctx: Ctx): string {
  return ctx.config.file?.path ?? join(ctx.cwd, ENV_FILE_NAME);
}

/** Renders env/env.local.gomplate into .env.local with the four answers. */
export async function setup(ctx: Ctx): Promise<void> {
  const path = envFilePath(ctx);
  if (existsSync(path) && !(await ctx.prompt.confirmDestructive(`${path} exists. Overwrite it?`))) {
    throw new TaskError(
      `${path} exists and was not overwritten`,
      'pass --yes to overwrite it, or edit it with `npx tasks env:set KEY=VALUE`',
    );
  }
  const answers: Record<string, string> = {};
  for (const [name, spec] of Object.entries(vars)) {
    answers[name] =
      (await ctx.config.text(name, spec)) ||
      (await ctx.prompt.input({
        variable: name,
        message: QUESTIONS[name as keyof typeof vars],
        default: spec.default,
      }));
  }
  const text = renderText(join(projectRoot, 'env', 'env.local.gomplate'), answers, ctx.cwd);
  await ctx.effects.writeFile(path, text, `wrote ${path}`);
}

export async function check(ctx: Ctx): Promise<void> {
  if (!(await ctx.config.text('LOCAL_K8S_HOST'))) {
    throw new TaskError(
      'LOCAL_K8S_HOST is not set',
      'run `npx tasks env:setup` or `npx tasks env:set LOCAL_K8S_HOST=…`',
    );
  }
  ctx.log.ok(`LOCAL_K8S_HOST is set (${ctx.config.file?.path ?? 'environment'})`);
}

const checkKey = (key: string) => {
  if (!ENV_KEY.test(key))
    throw new UsageError(`invalid key "${key}": it must match ^[A-Z_][A-Z0-9_]*$`);
};

/**
 * Adds or updates one key in .env.local; every other byte of the file stays. Updating a key
 * that is there keeps the previous file as .env.local.bak, as upstream's `sed -i.bak` does.
 */
export async function set(ctx: Ctx, key: string, value: string): Promise<void> {
  checkKey(key);
  const path = envFilePath(ctx);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const after = setEnvValue(before, key, value);
  const updating = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*[=:]`, 'm').test(before);
  // Planned as a comment: the plan must not show the value (it may be a token).
  await ctx.effects.change(
    { describe: `set ${key} in ${path}`, done: `${key} set in ${path}` },
    async () => {
      if (after !== before) {
        if (updating) writePrivateFile(ctx, `${path}.bak`, before);
        writePrivateFile(ctx, path, after);
      }
      ctx.config.set(key, value);
    },
  );
}

/** KEY=VALUE words, all checked before the first is written. */
export function parseAssignments(words: readonly string[]): Array<[string, string]> {
  if (!words.length)
    throw new UsageError(
      'no arguments',
      'usage: npx tasks env:set-multi KEY1=VALUE1 KEY2=VALUE2 …',
    );
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid format for "${word}": use KEY=VALUE`);
    const key = word.slice(0, eq);
    checkKey(key);
    return [key, word.slice(eq + 1)];
  });
}

function requireEnvFile(ctx: Ctx): string {
  const path = envFilePath(ctx);
  if (!existsSync(path))
    throw new TaskError(`${path} not found`, 'run `npx tasks env:setup` first');
  return path;
}

const SECRET_KEY = /TOKEN|PASSWORD|SECRET|KEY$|CREDENTIAL|PRIVATE/;

/** env:show: the KEY=VALUE lines of the file; values of secret-looking keys masked. */
export function show(ctx: Ctx): string {
  const path = requireEnvFile(ctx);
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
    .map((l) => {
      const key = l.slice(0, l.indexOf('='));
      const value = l.slice(key.length + 1);
      return SECRET_KEY.test(key) && value && !value.startsWith('op://') ? `${key}=***` : l;
    });
  return [
    `Current configuration in ${path}:`,
    '---',
    ...(lines.length ? lines : ['(no variables set)']),
  ].join('\n');
}

/** env:get: the value of KEY in the file (not the environment); empty or absent is an error. */
export function get(ctx: Ctx, key: string): string {
  const path = requireEnvFile(ctx);
  const line = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .find((l) => l.startsWith(`${key}=`));
  const value = line?.slice(key.length + 1) ?? '';
  if (!value) throw new TaskError(`${key} not found in ${path}`);
  return value;
}

export default namespace({
  name: 'env',
  description: 'The .env.local file every recipe reads',
  vars: envVars,
  recipes: [
    recipe({
      name: 'setup',
      description: 'Ask the basic hosts and write .env.local from env/env.local.gomplate',
      vars: Object.keys(vars),
      run: (ctx) => setup(ctx),
    }),
    recipe({
      name: 'check',
      description: 'Fail when LOCAL_K8S_HOST is not set',
      vars: ['LOCAL_K8S_HOST'],
      run: (ctx) => check(ctx),
    }),
    recipe({
      name: 'set',
      description:
        'Add or update one KEY=VALUE in .env.local, keeping the rest of the file (.bak of the previous one)',
      params: [{ name: 'key_value', description: 'KEY=VALUE', assignment: true }],
      run: async (ctx, { key_value }) => {
        const eq = key_value.indexOf('=');
        if (eq <= 0) throw new UsageError(`expected KEY=VALUE (got "${key_value}")`);
        await set(ctx, key_value.slice(0, eq), key_value.slice(eq + 1));
      },
    }),
    recipe({
      name: 'set-multi',
      description: 'Add or update several KEY=VALUE in .env.local (all checked first)',
      params: [{ name: 'args', variadic: true, description: 'KEY=VALUE …' }],
      run: async (ctx, { args }) => {
        const pairs = parseAssignments(args);
        requireEnvFile(ctx);
        for (const [key, value] of pairs) await set(ctx, key, value);
        ctx.effects.done('all environment variables have been set');
      },
    }),
    recipe({
      name: 'show',
      description: 'Print the KEY=VALUE lines of .env.local (secret values masked)',
      run: async (ctx) => ctx.out(show(ctx)),
    }),
    recipe({
      name: 'get',
      description: 'Print the value of one key in .env.local',
      params: [{ name: 'key', description: 'variable name' }],
      run: async (ctx, { key }) => ctx.out(get(ctx, key)),
    }),
  ],
});
