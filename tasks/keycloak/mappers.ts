import { TaskError, type Ctx } from '../core/index.js';
import { keycloakAdmin } from './admin.js';
import {
  call,
  change,
  findClient,
  findScope,
  requireAdmin,
  requireClient,
  requireScope,
  type Kc,
} from './session.js';

export interface Mapper {
  name: string;
  protocol: 'openid-connect';
  protocolMapper: string;
  config: Record<string, string>;
}

export const audienceMapper = (audience: string): Mapper => ({
  name: `aud-mapper-${audience}`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: {
    'included.client.audience': audience,
    'id.token.claim': 'false',
    'access.token.claim': 'true',
  },
});

export const groupsMapper = (): Mapper => ({
  name: 'groups',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-group-membership-mapper',
  config: {
    'claim.name': 'groups',
    'full.path': 'false',
    'id.token.claim': 'true',
    'access.token.claim': 'true',
    'userinfo.token.claim': 'true',
  },
});

export const clientRolesMapper = (name: string, clientId: string, claim: string): Mapper => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-usermodel-client-role-mapper',
  config: {
    'userinfo.token.claim': 'true',
    'id.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': claim,
    'jsonType.label': 'String',
    multivalued: 'true',
    'usermodel.clientRoleMapping.clientId': clientId,
  },
});

export const attributeMapper = (name: string, attribute: string, claim: string): Mapper => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-usermodel-attribute-mapper',
  config: {
    'userinfo.token.claim': 'true',
    'id.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': claim,
    'jsonType.label': 'String',
    'user.attribute': attribute,
    multivalued: 'false',
  },
});

type Existing = { id?: string; name?: string; config?: Record<string, string> };

/** Where a mapper goes: a client (by clientId) or a client scope (by name). */
export type Target = { client: string } | { scope: string };

const label = (t: Target) => ('client' in t ? `client ${t.client}` : `client scope ${t.scope}`);

/** The client or scope is not there (a dry run plans it; a real run stops). */
class Missing extends TaskError {}

async function mapperApi(ctx: Ctx, kc: Kc, realm: string, t: Target) {
  // A dry-run may plan a mapper for a client or scope the same run only plans to create.
  const found = await ctx.effects.query(
    { describe: `find ${label(t)}`, absentWhen: (err) => err instanceof Missing },
    async () => {
      const f =
        'client' in t
          ? await findClient(ctx, kc, realm, t.client)
          : await findScope(ctx, kc, realm, t.scope);
      if (!f)
        throw new Missing(
          'client' in t
            ? `Keycloak client ${t.client} not found in realm ${realm}`
            : `client scope ${t.scope} not found in realm ${realm}`,
        );
      return f;
    },
  );
  if (!found) return undefined;
  const { id } = found;
  if ('client' in t) {
    return {
      list: () => kc.clients.listProtocolMappers({ id }) as Promise<Existing[]>,
      add: (m: Mapper) => kc.clients.addProtocolMapper({ id }, m),
      del: (mapperId: string) => kc.clients.delProtocolMapper({ id, mapperId }),
    };
  }
  return {
    list: () => kc.clientScopes.listProtocolMappers({ id }) as Promise<Existing[]>,
    add: (m: Mapper) => kc.clientScopes.addProtocolMapper({ id }, m),
    del: (mapperId: string) => kc.clientScopes.delProtocolMapper({ id, mapperId }),
  };
}

/**
 * Adds the mapper unless `present` finds one already (then: say so, change nothing).
 * `replace` deletes a mapper of the same name first (update-client-roles-mapper).
 */
export async function addMapper(
  ctx: Ctx,
  realm: string,
  target: Target,
  mapper: Mapper,
  opts: { present?: (m: Existing) => boolean; replace?: boolean } = {},
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const where = label(target);
  if (!kc) {
    ctx.effects.note(
      `add ${mapper.protocolMapper} mapper "${mapper.name}" to ${where} in realm ${realm}`,
    );
    return;
  }
  const api = await mapperApi(ctx, kc, realm, target);
  if (!api) {
    ctx.effects.note(
      `add ${mapper.protocolMapper} mapper "${mapper.name}" to ${where} in realm ${realm}`,
    );
    return;
  }
  const existing = await call(ctx, `list mappers of ${where}`, api.list);
  const present = opts.present ?? ((m: Existing) => m.name === mapper.name);
  const found = existing.find(present);
  if (found && !opts.replace) {
    ctx.log.info(`  mapper "${found.name}" already exists on ${where}`);
    return;
  }
  if (found?.id)
    await change(ctx, kc, `delete mapper "${found.name}" of ${where}`, () => api.del(found.id!));
  const done = await change(
    ctx,
    kc,
    `add ${mapper.protocolMapper} mapper "${mapper.name}" to ${where} in realm ${realm}`,
    () => api.add(mapper),
  );
  if (done) ctx.log.ok(`mapper "${mapper.name}" ${found ? 'replaced on' : 'added to'} ${where}`);
}

/** Every mapper of a client and its scope links, as upstream prints them. */
export async function checkMapperDetails(
  ctx: Ctx,
  realm: string,
  clientId: string,
): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const client = await requireClient(ctx, kc, realm, clientId);
  const mappers = await call(ctx, `list mappers of ${clientId}`, () =>
    kc.clients.listProtocolMappers({ id: client.id }),
  );
  const lines = [`=== All Protocol Mappers for client '${clientId}' ===`];
  mappers.forEach((m, i) => {
    lines.push(
      '',
      `${i + 1}. ${m.name}`,
      `   Protocol: ${m.protocol}`,
      `   Type: ${m.protocolMapper}`,
      '   Config:',
    );
    for (const [k, v] of Object.entries(m.config ?? {})) lines.push(`     ${k}: ${v}`);
  });
  const defaults = await call(ctx, 'list default scopes', () =>
    kc.clients.listDefaultClientScopes({ id: client.id }),
  );
  const optional = await call(ctx, 'list optional scopes', () =>
    kc.clients.listOptionalClientScopes({ id: client.id }),
  );
  lines.push(
    '',
    '=== Client Scope Assignments ===',
    `Default scopes: ${defaults.map((s) => s.name).join(', ')}`,
    `Optional scopes: ${optional.map((s) => s.name).join(', ')}`,
  );
  return lines.join('\n');
}

export interface AttributeSpec {
  realm: string;
  clientId: string;
  attribute: string;
  displayName: string;
  claimName: string;
  options: string[];
  defaultValue: string;
  mapperName: string;
  view: string[];
  edit: string[];
}

/**
 * add-attribute-mapper: the attribute in the user profile (with permissions and allowed
 * options), a client mapper for it, and the default value on every user that has none.
 */
export async function addAttributeMapper(ctx: Ctx, s: AttributeSpec): Promise<void> {
  const kc = await keycloakAdmin(ctx, s.realm);
  const profile = kc
    ? await call(ctx, 'read the user profile', () => kc.users.getProfile())
    : undefined;
  if (kc) await requireClient(ctx, kc, s.realm, s.clientId);
  if (profile?.attributes?.some((a) => a.name === s.attribute)) {
    ctx.log.info(`  attribute ${s.attribute} already exists in the user profile`);
  } else {
    const attribute = {
      name: s.attribute,
      displayName: s.displayName,
      permissions: { view: s.view, edit: s.edit },
      ...(s.options.length && { validations: { options: { options: s.options } } }),
    };
    const done = await change(
      ctx,
      kc,
      `add attribute ${s.attribute} to the user profile of realm ${s.realm} (view: ${s.view.join(',')}; edit: ${s.edit.join(',')})`,
      (k) =>
        k.users.updateProfile({
          ...profile,
          attributes: [...(profile?.attributes ?? []), attribute],
        }),
    );
    if (done) ctx.log.ok(`attribute ${s.attribute} added to the user profile`);
  }
  await addMapper(
    ctx,
    s.realm,
    { client: s.clientId },
    attributeMapper(s.mapperName, s.attribute, s.claimName),
  );
  if (!s.defaultValue) return;
  if (!kc) {
    ctx.effects.note(`set ${s.attribute}=${s.defaultValue} on every user without it`);
    return;
  }
  const users = await call(ctx, 'list users', () => kc.users.find());
  for (const user of users) {
    if (user.attributes?.[s.attribute]) continue;
    const done = await change(
      ctx,
      kc,
      `set ${s.attribute}=${s.defaultValue} on user ${user.username}`,
      (k) =>
        k.users.update(
          { id: user.id! },
          { ...user, attributes: { ...user.attributes, [s.attribute]: [s.defaultValue] } },
        ),
    );
    if (done) ctx.log.ok(`default ${s.attribute} set for user ${user.username}`);
  }
}

export function requireNonEmpty(name: string, value: string): string {
  if (!value) throw new TaskError(`${name} must not be empty`);
  return value;
}
