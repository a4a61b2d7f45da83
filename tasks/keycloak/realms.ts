import { TaskError, UsageError, type Ctx } from '../core/index.js';
import { keycloakAdmin } from './admin.js';
import { call, change, requireAdmin } from './session.js';

/** A lifespan argument in seconds: digits only. */
export function seconds(name: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new UsageError(`${name} must be a number of seconds (got "${value}")`);
  return Number(value);
}

export interface TokenSettings {
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
}

/** The realm fields upstream derives from the three lifespans (create-realm and update alike). */
export function tokenFields(t: TokenSettings): Record<string, number | boolean> {
  return {
    accessTokenLifespan: t.accessTokenLifespan,
    accessTokenLifespanForImplicitFlow: t.accessTokenLifespan,
    ssoSessionIdleTimeout: t.ssoSessionIdleTimeout,
    ssoSessionMaxLifespan: t.ssoSessionMaxLifespan,
    refreshTokenMaxReuse: 0,
    offlineSessionMaxLifespan: t.ssoSessionMaxLifespan * 2,
    offlineSessionMaxLifespanEnabled: true,
    clientSessionMaxLifespan: t.ssoSessionMaxLifespan,
    clientSessionIdleTimeout: t.ssoSessionIdleTimeout,
  };
}

/** Creates the realm with token settings; an existing realm is left as it is. */
export async function createRealm(ctx: Ctx, realm: string, t: TokenSettings): Promise<void> {
  const kc = await keycloakAdmin(ctx, 'master');
  if (kc) {
    const realms = await call(ctx, 'list realms', () => kc.realms.find());
    if (realms.some((r) => r.realm === realm)) {
      ctx.log.warn(`realm ${realm} already exists: left unchanged`);
      return;
    }
  }
  const done = await change(
    ctx,
    kc,
    `create Keycloak realm ${realm} (access token ${t.accessTokenLifespan}s, SSO idle ${t.ssoSessionIdleTimeout}s, SSO max ${t.ssoSessionMaxLifespan}s)`,
    (k) => k.realms.create({ realm, enabled: true, ...tokenFields(t) }),
  );
  if (!done) return;
  ctx.log.ok(`realm ${realm} created`);
  ctx.log.info(`  access token lifespan: ${describe(t.accessTokenLifespan)}`);
  ctx.log.info(`  SSO session idle timeout: ${describe(t.ssoSessionIdleTimeout)}`);
  ctx.log.info(`  SSO session max lifespan: ${describe(t.ssoSessionMaxLifespan)}`);
}

/** Upstream's formatDuration: the largest of d, h, m the value reaches. */
export function describe(s: number): string {
  if (s >= 86400) return `${s}s (${s / 86400}d)`;
  if (s >= 3600) return `${s}s (${s / 3600}h)`;
  return `${s}s (${s / 60}m)`;
}

/** Deletes a realm after confirmation; never master; a missing realm is fine. */
export async function deleteRealm(ctx: Ctx, realm: string): Promise<void> {
  if (!realm) throw new UsageError('name the realm to delete');
  if (realm === 'master') throw new UsageError("deleting the 'master' realm is not allowed");
  const kc = await keycloakAdmin(ctx, 'master');
  if (kc && !(await call(ctx, `read realm ${realm}`, () => kc.realms.findOne({ realm })))) {
    ctx.log.warn(`realm ${realm} not found: nothing to delete`);
    return;
  }
  ctx.log.warn(
    `deleting realm ${realm} removes all its users, clients and settings; this cannot be undone`,
  );
  if (!(await ctx.effects.confirm(`Delete realm ${realm}?`)))
    throw new TaskError(`realm ${realm} was not deleted`, 'pass --yes to delete without asking');
  const done = await change(ctx, kc, `delete Keycloak realm ${realm}`, (k) =>
    k.realms.del({ realm }),
  );
  if (done) ctx.log.ok(`realm ${realm} deleted`);
}

const orNotSet = (v: number | undefined) => (v ? String(v) : 'not set');

/** The realm's token settings as upstream prints them, plus the jupyterhub client's override. */
export async function showRealmTokenSettings(ctx: Ctx, realm: string): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const r = await call(ctx, `read realm ${realm}`, () => kc.realms.findOne({ realm }));
  if (!r) throw new TaskError(`realm ${realm} not found`);
  const lines = [
    `=== Current Token Settings for Realm: ${realm} ===`,
    `Access Token Lifespan: ${orNotSet(r.accessTokenLifespan)} seconds (${(r.accessTokenLifespan ?? 0) / 60} minutes)`,
    `Access Token Lifespan (Implicit): ${orNotSet(r.accessTokenLifespanForImplicitFlow)} seconds`,
    `SSO Session Max Lifespan: ${orNotSet(r.ssoSessionMaxLifespan)} seconds (${(r.ssoSessionMaxLifespan ?? 0) / 60} minutes)`,
    `SSO Session Idle Timeout: ${orNotSet(r.ssoSessionIdleTimeout)} seconds (${(r.ssoSessionIdleTimeout ?? 0) / 60} minutes)`,
    `Client Session Max Lifespan: ${orNotSet(r.clientSessionMaxLifespan)} seconds`,
    `Client Session Idle Timeout: ${orNotSet(r.clientSessionIdleTimeout)} seconds`,
    `Offline Session Max Lifespan: ${orNotSet(r.offlineSessionMaxLifespan)} seconds`,
    `Refresh Token Max Reuse: ${r.refreshTokenMaxReuse ?? 0}`,
  ];
  const hub = (
    await call(ctx, 'look up client jupyterhub', () => kc.clients.find({ clientId: 'jupyterhub' }))
  ).find((c) => c.clientId === 'jupyterhub');
  if (hub)
    lines.push(
      '',
      '=== JupyterHub Client Settings ===',
      `Client ID: ${hub.clientId}`,
      `Access Token Lifespan: ${hub.attributes?.['access.token.lifespan'] || 'inherit from realm'}`,
    );
  lines.push(
    '',
    '=== Keycloak Default Values (for reference) ===',
    'Default Access Token Lifespan: 300 seconds (5 minutes)',
    'Default SSO Session Max: 36000 seconds (10 hours)',
    'Default SSO Session Idle: 1800 seconds (30 minutes)',
  );
  return lines.join('\n');
}

/** Sets the three lifespans (and what upstream derives from them) on an existing realm. */
export async function updateRealmTokenSettings(
  ctx: Ctx,
  realm: string,
  t: TokenSettings,
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const current = kc
    ? await call(ctx, `read realm ${realm}`, () => kc.realms.findOne({ realm }))
    : undefined;
  if (kc && !current) throw new TaskError(`realm ${realm} not found`);
  if (current)
    ctx.log.info(
      `current: access token ${describe(current.accessTokenLifespan ?? 0)}, SSO idle ${describe(current.ssoSessionIdleTimeout ?? 0)}, SSO max ${describe(current.ssoSessionMaxLifespan ?? 0)}`,
    );
  const done = await change(
    ctx,
    kc,
    `update token settings of realm ${realm}: access token ${describe(t.accessTokenLifespan)}, SSO idle ${describe(t.ssoSessionIdleTimeout)}, SSO max ${describe(t.ssoSessionMaxLifespan)}`,
    (k) => k.realms.update({ realm }, { ...current, ...tokenFields(t) }),
  );
  if (!done) return;
  ctx.log.ok(`token settings of realm ${realm} updated`);
}
