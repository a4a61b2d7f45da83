import { UsageError, type Ctx } from '../../core/index.js';
import { keycloakVars } from '../vars.js';

export const CONNECTION = [
  'KEYCLOAK_HOST',
  'KEYCLOAK_URL',
  'KEYCLOAK_NAMESPACE',
  'KEYCLOAK_ADMIN_USER',
  'KEYCLOAK_ADMIN_PASSWORD',
];
export const WITH_REALM = [...CONNECTION, 'KEYCLOAK_REALM'];

export const opt = (name: string, description: string, value = '') =>
  ({ name, description, default: value }) as const;

export const realmVar = async (ctx: Ctx) => (await ctx.config.read(keycloakVars)).KEYCLOAK_REALM;

/** An argument upstream asks for when it is empty (gum input): asked, or an error without a terminal. */
export async function askArg(
  ctx: Ctx,
  value: string,
  name: string,
  message: string,
  fallback?: string,
) {
  return (
    value ||
    (await ctx.prompt.input({
      variable: name,
      argument: true,
      message,
      default: fallback,
      validate: (v) => (v.trim() ? true : `${message} must not be empty`),
    }))
  ).trim();
}

/**
 * A password: never from the command line (argv is visible to every user of the machine and
 * ends up in shell history). KEYCLOAK_USER_PASSWORD, else a hidden prompt.
 */
export async function userPassword(ctx: Ctx, argument: string | undefined, message: string) {
  if (argument)
    throw new UsageError(
      'a password is never taken as an argument',
      'set KEYCLOAK_USER_PASSWORD in the environment, or leave it empty to be asked',
    );
  const fromEnv = await ctx.config.text(
    'KEYCLOAK_USER_PASSWORD',
    keycloakVars.KEYCLOAK_USER_PASSWORD,
  );
  return (
    fromEnv ||
    (await ctx.prompt.password({
      variable: 'KEYCLOAK_USER_PASSWORD',
      message,
      validate: (v) => (v ? true : 'the password must not be empty'),
    }))
  );
}
