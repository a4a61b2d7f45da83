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
  if (ctx.dryRun) {
    ctx.exec.planText(`write ${path}:\n${text}`);
    return;
  }
  writePrivateFile(ctx, path, text);
  ctx.log.ok(`wrote ${path}`);
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

/** Adds or updates one key in .env.local; every other byte of the file stays. */
export async function set(ctx: Ctx, key: string, value: string): Promise<void> {
  if (!ENV_KEY.test(key))
    throw new UsageError(`invalid key "${key}": it must match ^[A-Z_][A-Z0-9_]*$`);
  const path = envFilePath(ctx);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const after = setEnvValue(before, key, value);
  if (ctx.dryRun) {
    ctx.exec.planText(`set ${key} in ${path}`);
    return;
  }
  if (after !== before) writePrivateFile(ctx, path, after);
  ctx.config.set(key, value);
  ctx.log.ok(`${key} set in ${path}`);
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
      description: 'Add or update one KEY=VALUE in .env.local, keeping the rest of the file',
      params: [{ name: 'assignment', description: 'KEY=VALUE', assignment: true }],
      run: async (ctx, { assignment }) => {
        const eq = assignment.indexOf('=');
        if (eq <= 0) throw new UsageError(`expected KEY=VALUE (got "${assignment}")`);
        await set(ctx, assignment.slice(0, eq), assignment.slice(eq + 1));
      },
    }),
  ],
});
