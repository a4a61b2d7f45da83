import { TaskError, type Ctx } from '../core/index.js';
import { keycloakAdmin } from './admin.js';
import { call, change, findClient, requireAdmin, requireClient, type Kc } from './session.js';

/** The create-client parameters, as the old recipe took them (strings; empty = not given). */
export interface ClientSpec {
  realm: string;
  clientId: string;
  /** comma-separated */
  redirectUrl: string;
  /** empty = public client */
  clientSecret?: string;
  clientSessionIdle?: string;
  clientSessionMax?: string;
  /** 'true' enables direct access grants */
  directAccessGrants?: string;
  /** S256 or plain */
  pkceMethod?: string;
  /** comma-separated; stored joined with ## */
  postLogoutRedirectUris?: string;
  accessTokenLifespan?: string;
}

const list = (csv: string) =>
  csv
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The representation create-client posts; attributes only for what was given. */
export function clientRepresentation(ctx: Ctx, spec: ClientSpec): Record<string, unknown> {
  const attributes: Record<string, string> = {};
  if (spec.pkceMethod) {
    if (spec.pkceMethod === 'S256' || spec.pkceMethod === 'plain')
      attributes['pkce.code.challenge.method'] = spec.pkceMethod;
    else
      ctx.log.warn(
        `client_pkce_method "${spec.pkceMethod}" is not S256 or plain: PKCE not configured`,
      );
  }
  if (spec.clientSessionIdle) attributes['client.session.idle.timeout'] = spec.clientSessionIdle;
  if (spec.clientSessionMax) attributes['client.session.max.lifespan'] = spec.clientSessionMax;
  if (spec.postLogoutRedirectUris)
    attributes['post.logout.redirect.uris'] = list(spec.postLogoutRedirectUris).join('##');
  if (spec.accessTokenLifespan) attributes['access.token.lifespan'] = spec.accessTokenLifespan;
  const confidential = Boolean(spec.clientSecret);
  return {
    clientId: spec.clientId,
    enabled: true,
    protocol: 'openid-connect',
    redirectUris: list(spec.redirectUrl),
    publicClient: !confidential,
    ...(confidential && { clientAuthenticatorType: 'client-secret', secret: spec.clientSecret }),
    directAccessGrantsEnabled: spec.directAccessGrants === 'true',
    ...(Object.keys(attributes).length && { attributes }),
  };
}

/** What a dry-run says about a new client: everything but the secret. */
function planDetail(rep: Record<string, unknown>): string {
  const parts = [`redirect ${(rep.redirectUris as string[]).join(', ')}`];
  if (rep.directAccessGrantsEnabled) parts.push('direct access grants');
  const attributes = Object.entries((rep.attributes ?? {}) as Record<string, string>);
  if (attributes.length)
    parts.push(`attributes ${attributes.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return parts.join('; ');
}

/** Creates the client unless it exists (then: warn, change nothing). */
export async function createClient(ctx: Ctx, spec: ClientSpec): Promise<void> {
  ctx.secrets.add(spec.clientSecret);
  const rep = clientRepresentation(ctx, spec);
  const kc = await keycloakAdmin(ctx, spec.realm);
  if (kc && (await findClient(ctx, kc, spec.realm, spec.clientId))) {
    ctx.log.warn(
      `Keycloak client ${spec.clientId} already exists in realm ${spec.realm}: left unchanged`,
    );
    return;
  }
  if (kc) await capSessionTimeouts(ctx, kc, spec.realm, rep);
  const kind = rep.publicClient ? 'public' : 'confidential';
  const done = await change(
    ctx,
    kc,
    `create Keycloak ${kind} client ${spec.clientId} in realm ${spec.realm} (${planDetail(rep)})`,
    (k) => k.clients.create(rep),
  );
  if (done) ctx.log.ok(`Keycloak ${kind} client ${spec.clientId} created in realm ${spec.realm}`);
}

const SESSION_LIMITS = [
  ['client.session.idle.timeout', 'ssoSessionIdleTimeout', 'SSO Session Idle'],
  ['client.session.max.lifespan', 'ssoSessionMaxLifespan', 'SSO Session Max'],
] as const;

/**
 * Keycloak 26 refuses (400 invalid_input) a client session timeout longer than its
 * realm's SSO session timeout; older versions took it and the realm's shorter limit
 * applied. Capping at the realm's value keeps that effective behaviour and says so.
 */
async function capSessionTimeouts(
  ctx: Ctx,
  kc: Kc,
  realm: string,
  rep: Record<string, unknown>,
): Promise<void> {
  const attributes = rep.attributes as Record<string, string> | undefined;
  if (!attributes || !SESSION_LIMITS.some(([attr]) => attributes[attr])) return;
  const settings = (await call(ctx, `read realm ${realm}`, () => kc.realms.findOne({ realm }))) as
    Record<string, unknown> | undefined;
  for (const [attr, realmKey, label] of SESSION_LIMITS) {
    const limit = Number(settings?.[realmKey] ?? 0);
    const asked = Number(attributes[attr] ?? 0);
    if (limit > 0 && asked > limit) {
      ctx.log.warn(
        `client ${String(rep.clientId)}: ${attr} ${asked} s exceeds realm ${realm}'s ${label} (${limit} s); using ${limit} s (raise the realm's setting for longer sessions)`,
      );
      attributes[attr] = String(limit);
    }
  }
}

export async function getClient(
  ctx: Ctx,
  realm: string,
  clientId: string,
): Promise<Record<string, unknown> | undefined> {
  return (await findClient(ctx, await requireAdmin(ctx, realm), realm, clientId)) as
    Record<string, unknown> | undefined;
}

export async function updateClient(
  ctx: Ctx,
  realm: string,
  clientId: string,
  redirectUrl: string,
): Promise<void> {
  const kc = await requireAdmin(ctx, realm);
  const client = await findClient(ctx, kc, realm, clientId);
  if (!client) throw new TaskError(`Keycloak client ${clientId} not found in realm ${realm}`);
  const uris = list(redirectUrl);
  const done = await change(
    ctx,
    kc,
    `set redirect URIs of Keycloak client ${clientId} to ${uris.join(', ')}`,
    (k) => k.clients.update({ id: client.id }, { ...client, redirectUris: uris }),
  );
  if (done) ctx.log.ok(`redirect URIs of ${clientId} updated`);
}

/** Deletes the client; a missing client is fine. */
export async function deleteClient(ctx: Ctx, realm: string, clientId: string): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const client = kc ? await findClient(ctx, kc, realm, clientId) : undefined;
  if (kc && !client) {
    ctx.log.info(`  Keycloak client ${clientId} does not exist in realm ${realm}`);
    return;
  }
  const done = await change(ctx, kc, `delete Keycloak client ${clientId} in realm ${realm}`, (k) =>
    k.clients.del({ id: client!.id }),
  );
  if (done) ctx.log.ok(`Keycloak client ${clientId} deleted from realm ${realm}`);
}

/** list-clients: every client of the realm, as upstream prints them. */
export async function listClients(ctx: Ctx, realm: string): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const clients = await call(ctx, `list clients of realm ${realm}`, () => kc.clients.find());
  const lines = [`Found ${clients.length} clients in realm '${realm}':`, ''];
  clients.forEach((c, i) => {
    ctx.secrets.add(c.secret);
    lines.push(
      `${String(i + 1).padStart(2, ' ')}. ${c.clientId}`,
      `    ID: ${c.id}`,
      `    Type: ${c.publicClient ? 'Public' : 'Confidential'}`,
      `    Protocol: ${c.protocol || 'unknown'}`,
      `    Status: ${c.enabled ? 'Enabled' : 'Disabled'}`,
    );
    if (c.redirectUris?.length) lines.push(`    Redirect URIs: ${c.redirectUris.join(', ')}`);
    if (c.webOrigins?.length) lines.push(`    Web Origins: ${c.webOrigins.join(', ')}`);
    lines.push('');
  });
  return lines.join('\n');
}

/** The client's secret (a result for stdout; registered so no log line shows it). */
export async function getClientSecret(ctx: Ctx, realm: string, clientId: string): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const client = await requireClient(ctx, kc, realm, clientId);
  const secret = await call(ctx, `read the secret of client ${clientId}`, () =>
    kc.clients.getClientSecret({ id: client.id }),
  );
  if (!secret.value) throw new TaskError(`client ${clientId} has no secret (a public client?)`);
  return ctx.secrets.add(secret.value);
}

/** Switches service accounts on (and authorization services off), as upstream does. */
export async function enableServiceAccount(
  ctx: Ctx,
  realm: string,
  clientId: string,
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const client = kc ? await requireClient(ctx, kc, realm, clientId) : undefined;
  const done = await change(
    ctx,
    kc,
    `enable service accounts for client ${clientId} in realm ${realm}`,
    (k) =>
      k.clients.update(
        { id: client!.id },
        { ...client, serviceAccountsEnabled: true, authorizationServicesEnabled: false },
      ),
  );
  if (done) ctx.log.ok(`service accounts enabled for client ${clientId}`);
}
