import type KcAdminClient from '@keycloak/keycloak-admin-client';
import {
  httpTimeoutError,
  isHttpTimeout,
  isTlsFailure,
  isUnreachable,
  TaskError,
  type Ctx,
} from '../core/index.js';
import { getObject } from '../k8s/kubectl.js';
import { keycloakVars } from './vars.js';

export interface AdminCredentials {
  username: string;
  password: string;
}

const CREDENTIALS_SECRET = 'keycloak-credentials';

export async function keycloakUrl(ctx: Ctx): Promise<string> {
  const v = await ctx.config.read(keycloakVars);
  if (v.KEYCLOAK_URL) return v.KEYCLOAK_URL.replace(/\/+$/, '');
  if (!v.KEYCLOAK_HOST)
    throw new TaskError('KEYCLOAK_HOST is required: set it in .env.local or the environment');
  return `https://${v.KEYCLOAK_HOST}`;
}

/** No admin credentials anywhere: a dry run plans without Keycloak, a real run stops. */
class MissingCredentials extends TaskError {}

/** KEYCLOAK_ADMIN_USER/PASSWORD, else Secret keycloak-credentials (keys admin-user, password). */
export async function adminCredentials(ctx: Ctx): Promise<AdminCredentials> {
  const v = await ctx.config.read(keycloakVars);
  if (v.KEYCLOAK_ADMIN_USER && v.KEYCLOAK_ADMIN_PASSWORD)
    return { username: v.KEYCLOAK_ADMIN_USER, password: v.KEYCLOAK_ADMIN_PASSWORD };
  // Not readSecret: it would register the user name as a secret too, and every "admin" in
  // the output would turn into ***. Only the password is one.
  const data =
    (await getObject(ctx, 'secret', CREDENTIALS_SECRET, v.KEYCLOAK_NAMESPACE, { secret: true }))
      ?.data ?? {};
  const decode = (key: string) =>
    data[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8');
  const username = v.KEYCLOAK_ADMIN_USER || decode('admin-user');
  const password = v.KEYCLOAK_ADMIN_PASSWORD || ctx.secrets.add(decode('password'));
  if (username && password) return { username, password: ctx.secrets.add(password) };
  throw new MissingCredentials(
    `no Keycloak admin credentials: KEYCLOAK_ADMIN_USER/KEYCLOAK_ADMIN_PASSWORD are empty and Secret ${CREDENTIALS_SECRET} in ${v.KEYCLOAK_NAMESPACE} was not found`,
    'set them in .env.local, or install Keycloak first',
  );
}

/** The credentials in Secret keycloak-credentials only (default-admin-username/-password). */
export async function defaultAdminCredentials(ctx: Ctx): Promise<AdminCredentials> {
  const v = await ctx.config.read(keycloakVars);
  const data =
    (await getObject(ctx, 'secret', CREDENTIALS_SECRET, v.KEYCLOAK_NAMESPACE, { secret: true }))
      ?.data ?? {};
  const decode = (key: string) =>
    data[key] === undefined ? '' : Buffer.from(data[key], 'base64').toString('utf8');
  const username = decode('admin-user');
  const password = ctx.secrets.add(decode('password'));
  if (!username || !password)
    throw new TaskError(
      `Secret ${CREDENTIALS_SECRET} in ${v.KEYCLOAK_NAMESPACE} was not found or lacks admin-user/password`,
      'run `npx tasks keycloak:create-credentials`',
    );
  return { username, password };
}

/**
 * An admin client authenticated on realm master (password grant, admin-cli)
 * and switched to `realm`. In a dry-run where Keycloak cannot be reached or no
 * credentials exist, undefined: the caller plans instead.
 */
export async function keycloakAdmin(ctx: Ctx, realm: string): Promise<KcAdminClient | undefined> {
  const baseUrl = await keycloakUrl(ctx);
  const credentials = await ctx.effects.query(
    {
      describe: 'find the Keycloak admin credentials',
      absentWhen: (err) => err instanceof MissingCredentials,
      absentNotice: 'no Keycloak admin credentials found: planning without looking at Keycloak',
    },
    () => adminCredentials(ctx),
  );
  if (!credentials) return undefined;
  const { default: Client } = await import('@keycloak/keycloak-admin-client');
  const kc = new Client({
    baseUrl,
    realmName: 'master',
    // The client starts a fresh timeout for each request, the login included.
    timeout: ctx.httpTimeoutMs,
  });
  try {
    const loggedIn = await ctx.effects.query(
      {
        describe: 'log in to Keycloak as the admin',
        absentWhen: (err) => !isHttpTimeout(err) && isUnreachable(err),
        absentNotice: `Keycloak at ${baseUrl} is not reachable: planning without looking at it`,
      },
      async () => {
        await kc.auth({ grantType: 'password', clientId: 'admin-cli', ...credentials });
        return true;
      },
    );
    if (!loggedIn) return undefined;
  } catch (err) {
    if (isHttpTimeout(err))
      throw httpTimeoutError('Keycloak', baseUrl, ctx.httpTimeoutMs, 'log in as the admin');
    throw keycloakError(err, baseUrl, 'log in as the admin');
  }
  kc.setConfig({ realmName: realm });
  return kc;
}

/**
 * Before a run changes anything: KEYCLOAK_HOST set, Keycloak reachable, the admin
 * credentials accepted, and the realm present. Under --dry-run an unreachable Keycloak
 * is only a warning (keycloakAdmin says so).
 */
export async function checkKeycloak(ctx: Ctx, realm: string): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  if (!kc) return;
  let found: unknown;
  try {
    found = await ctx.effects.query({ describe: `read realm ${realm}` }, () =>
      kc.realms.findOne({ realm }),
    );
  } catch (err) {
    throw keycloakError(err, await keycloakUrl(ctx), `read realm ${realm}`, ctx.httpTimeoutMs);
  }
  if (!found)
    throw new TaskError(
      `Keycloak at ${await keycloakUrl(ctx)} has no realm ${realm}`,
      'check KEYCLOAK_REALM, or create the realm first',
    );
}

const statusOf = (err: unknown) => (err as { response?: { status?: number } })?.response?.status;
const causeCode = (err: unknown) =>
  ((err as { cause?: { code?: string } })?.cause?.code ?? '') as string;
// A Keycloak whose certificate is not trusted is, for a dry-run, as good as unreachable.
const unreachable = (err: unknown) => isUnreachable(err) || isTlsFailure(err);

/** One clear line per Keycloak failure class. */
export function keycloakError(
  err: unknown,
  baseUrl: string,
  what: string,
  timeoutMs?: number,
): TaskError {
  if (timeoutMs && isHttpTimeout(err))
    return httpTimeoutError('Keycloak', baseUrl, timeoutMs, what);
  const status = statusOf(err);
  const detail = (err as Error)?.message;
  if (status === 401)
    return new TaskError(
      `Keycloak rejected the admin credentials (401) while trying to ${what}`,
      'check KEYCLOAK_ADMIN_USER/KEYCLOAK_ADMIN_PASSWORD or Secret keycloak-credentials',
    );
  if (status === 403) return new TaskError(`Keycloak denied ${what} (403)`);
  if (status === 404)
    return new TaskError(
      `Keycloak: not found while trying to ${what} (404: ${detail})`,
      'check KEYCLOAK_REALM',
    );
  if (status)
    return new TaskError(`Keycloak answered ${status} while trying to ${what}: ${detail}`);
  if (unreachable(err))
    return new TaskError(
      `cannot reach Keycloak at ${baseUrl} (${causeCode(err) || detail})`,
      'check KEYCLOAK_HOST',
    );
  // fetch says only "fetch failed"; the reason is in its cause.
  const cause = (err as { cause?: { message?: string } })?.cause?.message;
  return new TaskError(
    `Keycloak request failed (${what}): ${detail}${cause ? ` (${cause})` : ''}`.replace(
      /\s*\n\s*/g,
      ' ',
    ),
  );
}
