import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { TaskError, type Ctx } from '../core/index.js';
import { keycloakAdmin, keycloakError, keycloakUrl } from './admin.js';

export type Kc = KcAdminClient;

/** An admin-client read (runs in every mode) whose failure becomes one clear line. */
export async function call<T>(ctx: Ctx, what: string, fn: () => Promise<T>): Promise<T> {
  return (await ctx.effects.query({ describe: what }, () => attempt(ctx, what, fn))) as T;
}

async function attempt<T>(ctx: Ctx, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw keycloakError(err, await keycloakUrl(ctx), what, ctx.httpTimeoutMs);
  }
}

/**
 * A write: under --dry-run (or when a dry-run could not reach Keycloak) a plan line,
 * otherwise the call. Returns undefined when only planned, else `{ result }`.
 */
export async function change<T>(
  ctx: Ctx,
  kc: Kc | undefined,
  plan: string,
  fn: (kc: Kc) => Promise<T>,
): Promise<{ result: T } | undefined> {
  // Without a client (a dry run that could not reach Keycloak) the plan still shows the step.
  if (!kc) {
    ctx.effects.note(plan);
    return undefined;
  }
  const result = await ctx.effects.change({ describe: plan }, async () => ({
    result: await attempt(ctx, plan, () => fn(kc)),
  }));
  return result;
}

/** The admin client switched to `realm`; a recipe that must read Keycloak cannot plan without it. */
export async function requireAdmin(ctx: Ctx, realm: string): Promise<Kc> {
  const kc = await keycloakAdmin(ctx, realm);
  if (!kc) throw new TaskError('Keycloak is not reachable or no admin credentials were found');
  return kc;
}

/** The client with exactly this clientId; its secret is registered before anyone prints it. */
export async function findClient(ctx: Ctx, kc: Kc, realm: string, clientId: string) {
  const found = await call(ctx, `look up client ${clientId} in realm ${realm}`, () =>
    kc.clients.find({ clientId }),
  );
  const client = found.find((c) => c.clientId === clientId);
  ctx.secrets.add(client?.secret);
  return client as (NonNullable<typeof client> & { id: string }) | undefined;
}

export async function requireClient(ctx: Ctx, kc: Kc, realm: string, clientId: string) {
  const client = await findClient(ctx, kc, realm, clientId);
  if (!client) throw new TaskError(`Keycloak client ${clientId} not found in realm ${realm}`);
  return client;
}

/** The user with exactly this username (Keycloak stores usernames in lower case). */
export async function findUser(ctx: Ctx, kc: Kc, realm: string, username: string) {
  const found = await call(ctx, `look up user ${username} in realm ${realm}`, () =>
    kc.users.find({ username, exact: true }),
  );
  const user = found.find((u) => u.username === username.toLowerCase());
  return user as (NonNullable<typeof user> & { id: string }) | undefined;
}

export async function requireUser(ctx: Ctx, kc: Kc, realm: string, username: string) {
  const user = await findUser(ctx, kc, realm, username);
  if (!user) throw new TaskError(`Keycloak user ${username} not found in realm ${realm}`);
  return user;
}

export async function findScope(ctx: Ctx, kc: Kc, realm: string, name: string) {
  const scopes = await call(ctx, `list client scopes of realm ${realm}`, () =>
    kc.clientScopes.find(),
  );
  const scope = scopes.find((s) => s.name === name);
  return scope as (NonNullable<typeof scope> & { id: string }) | undefined;
}

export async function requireScope(ctx: Ctx, kc: Kc, realm: string, name: string) {
  const scope = await findScope(ctx, kc, realm, name);
  if (!scope) throw new TaskError(`client scope ${name} not found in realm ${realm}`);
  return scope;
}
