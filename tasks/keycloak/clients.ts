import type { Ctx } from '../core/context.js';
import { TaskError } from '../core/errors.js';
import { keycloakAdmin, keycloakError, keycloakUrl } from './admin.js';

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

const list = (csv: string) => csv.split(',').map((s) => s.trim()).filter(Boolean);

/** The representation create-client posts; attributes only for what was given. */
export function clientRepresentation(ctx: Ctx, spec: ClientSpec): Record<string, unknown> {
  const attributes: Record<string, string> = {};
  if (spec.pkceMethod) {
    if (spec.pkceMethod === 'S256' || spec.pkceMethod === 'plain') attributes['pkce.code.challenge.method'] = spec.pkceMethod;
    else ctx.log.warn(`client_pkce_method "${spec.pkceMethod}" is not S256 or plain: PKCE not configured`);
  }
  if (spec.clientSessionIdle) attributes['client.session.idle.timeout'] = spec.clientSessionIdle;
  if (spec.clientSessionMax) attributes['client.session.max.lifespan'] = spec.clientSessionMax;
  if (spec.postLogoutRedirectUris) attributes['post.logout.redirect.uris'] = list(spec.postLogoutRedirectUris).join('##');
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

/** Creates the client unless it exists (then: warn, change nothing). */
export async function createClient(ctx: Ctx, spec: ClientSpec): Promise<void> {
  ctx.secrets.add(spec.clientSecret);
  const rep = clientRepresentation(ctx, spec);
  const kc = await keycloakAdmin(ctx, spec.realm);
  const base = await keycloakUrl(ctx);
  if (kc) {
    const found = await kc.clients.find({ clientId: spec.clientId }).catch((e) => {
      throw keycloakError(e, base, `look up client ${spec.clientId} in realm ${spec.realm}`);
    });
    if (found.length) {
      ctx.log.warn(`Keycloak client ${spec.clientId} already exists in realm ${spec.realm}: left unchanged`);
      return;
    }
  }
  const kind = rep.publicClient ? 'public' : 'confidential';
  if (ctx.dryRun || !kc) {
    ctx.exec.planText(`create Keycloak ${kind} client ${spec.clientId} in realm ${spec.realm} (redirect ${list(spec.redirectUrl).join(', ')})`);
    return;
  }
  await kc.clients.create(rep).catch((e) => {
    throw keycloakError(e, base, `create client ${spec.clientId}`);
  });
  ctx.log.ok(`Keycloak ${kind} client ${spec.clientId} created in realm ${spec.realm}`);
}

async function requireAdmin(ctx: Ctx, realm: string) {
  const kc = await keycloakAdmin(ctx, realm);
  if (!kc) throw new TaskError('Keycloak is not reachable or no admin credentials were found');
  return kc;
}

export async function getClient(ctx: Ctx, realm: string, clientId: string): Promise<Record<string, unknown> | undefined> {
  const kc = await requireAdmin(ctx, realm);
  const found = await kc.clients.find({ clientId }).catch(async (e) => {
    throw keycloakError(e, await keycloakUrl(ctx), `look up client ${clientId} in realm ${realm}`);
  });
  return found[0] as Record<string, unknown> | undefined;
}

export async function updateClient(ctx: Ctx, realm: string, clientId: string, redirectUrl: string): Promise<void> {
  const kc = await requireAdmin(ctx, realm);
  const client = await getClient(ctx, realm, clientId);
  if (!client) throw new TaskError(`Keycloak client ${clientId} not found in realm ${realm}`);
  if (ctx.dryRun) {
    ctx.exec.planText(`set redirect URIs of Keycloak client ${clientId} to ${list(redirectUrl).join(', ')}`);
    return;
  }
  await kc.clients.update({ id: client.id as string }, { ...client, redirectUris: list(redirectUrl) });
  ctx.log.ok(`redirect URIs of ${clientId} updated`);
}

/** Deletes the client; a missing client is fine. */
export async function deleteClient(ctx: Ctx, realm: string, clientId: string): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const client = kc ? await getClient(ctx, realm, clientId) : undefined;
  if (kc && !client) {
    ctx.log.info(`  Keycloak client ${clientId} does not exist in realm ${realm}`);
    return;
  }
  if (ctx.dryRun || !kc) {
    ctx.exec.planText(`delete Keycloak client ${clientId} in realm ${realm}`);
    return;
  }
  await kc.clients.del({ id: client!.id as string });
  ctx.log.ok(`Keycloak client ${clientId} deleted from realm ${realm}`);
}
