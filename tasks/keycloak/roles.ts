import { TaskError, type Ctx } from '../core/index.js';
import { keycloakAdmin } from './admin.js';
import { call, change, requireAdmin, requireClient, requireUser, type Kc } from './session.js';

/** Creates a client role; an existing one stays. */
export async function createClientRole(
  ctx: Ctx,
  realm: string,
  clientId: string,
  roleName: string,
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const plan = `create role ${roleName} of client ${clientId} in realm ${realm}`;
  if (!kc) {
    ctx.effects.note(plan);
    return;
  }
  const client = await requireClient(ctx, kc, realm, clientId);
  if (
    await call(ctx, `look up role ${roleName}`, () =>
      kc.clients.findRole({ id: client.id, roleName }),
    )
  ) {
    ctx.log.info(`  role ${roleName} already exists for client ${clientId}`);
    return;
  }
  const done = await change(ctx, kc, plan, (k) =>
    k.clients.createRole({ id: client.id, name: roleName }),
  );
  if (done) ctx.log.ok(`client role ${roleName} created for client ${clientId} in realm ${realm}`);
}

async function userAndClient(ctx: Ctx, kc: Kc, realm: string, username: string, clientId: string) {
  const user = await requireUser(ctx, kc, realm, username);
  const client = await requireClient(ctx, kc, realm, clientId);
  return { user, client };
}

async function requireRole(
  ctx: Ctx,
  kc: Kc,
  clientUuid: string,
  clientId: string,
  roleName: string,
) {
  const role = await call(ctx, `look up role ${roleName}`, () =>
    kc.clients.findRole({ id: clientUuid, roleName }),
  );
  if (role?.id && role.name) return { id: role.id, name: role.name };
  const all = await call(ctx, `list roles of ${clientId}`, () =>
    kc.clients.listRoles({ id: clientUuid }),
  );
  throw new TaskError(
    `role ${roleName} not found for client ${clientId}`,
    `available roles: ${all.map((r) => r.name).join(', ') || '(none)'}`,
  );
}

/** Grants or removes a user's client role; already so is fine. */
export async function setUserClientRole(
  ctx: Ctx,
  realm: string,
  username: string,
  clientId: string,
  roleName: string,
  grant: boolean,
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const plan = grant
    ? `assign role ${roleName} of client ${clientId} to user ${username}`
    : `remove role ${roleName} of client ${clientId} from user ${username}`;
  if (!kc) {
    ctx.effects.note(plan);
    return;
  }
  const { user, client } = await userAndClient(ctx, kc, realm, username, clientId);
  const role = await requireRole(ctx, kc, client.id, clientId, roleName);
  const held = await call(ctx, `list client roles of ${username}`, () =>
    kc.users.listClientRoleMappings({ id: user.id, clientUniqueId: client.id }),
  );
  if (held.some((r) => r.name === roleName) === grant) {
    ctx.log.info(
      `  user ${username} ${grant ? 'already has' : 'does not have'} role ${roleName} of client ${clientId}`,
    );
    return;
  }
  const mapping = { id: user.id, clientUniqueId: client.id, roles: [role] };
  const done = await change(ctx, kc, plan, (k) =>
    grant ? k.users.addClientRoleMappings(mapping) : k.users.delClientRoleMappings(mapping),
  );
  if (done)
    ctx.log.ok(
      grant
        ? `role ${roleName} assigned to ${username}`
        : `role ${roleName} removed from ${username}`,
    );
}

/** The user's client roles and which of the client's roles are assigned, as upstream prints them. */
export async function listUserClientRoles(
  ctx: Ctx,
  realm: string,
  username: string,
  clientId: string,
): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const { user, client } = await userAndClient(ctx, kc, realm, username, clientId);
  const held = await call(ctx, `list client roles of ${username}`, () =>
    kc.users.listClientRoleMappings({ id: user.id, clientUniqueId: client.id }),
  );
  const lines = [`Client roles for user '${username}' in client '${clientId}':`];
  if (!held.length) lines.push('  No client roles assigned');
  for (const r of held) {
    lines.push(`  - ${r.name}`);
    if (r.description) lines.push(`    Description: ${r.description}`);
  }
  const all = await call(ctx, `list roles of ${clientId}`, () =>
    kc.clients.listRoles({ id: client.id }),
  );
  lines.push('', `Available client roles in '${clientId}':`);
  for (const r of all)
    lines.push(`  ${held.some((h) => h.id === r.id) ? '✓ assigned' : '  available'}: ${r.name}`);
  return lines.join('\n');
}

/** get-user-token-info: the client's configuration, mappers and the user's client roles. */
export async function userTokenInfo(
  ctx: Ctx,
  realm: string,
  username: string,
  clientId: string,
): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const { user, client } = await userAndClient(ctx, kc, realm, username, clientId);
  const mappers = await call(ctx, `list mappers of ${clientId}`, () =>
    kc.clients.listProtocolMappers({ id: client.id }),
  );
  const roles = await call(ctx, `list client roles of ${username}`, () =>
    kc.users.listClientRoleMappings({ id: user.id, clientUniqueId: client.id }),
  );
  const lines = [
    "A user's token needs the user's password or impersonation rights; to inspect one, copy",
    "the 'Authorization: Bearer …' header from the browser's network tab and decode it.",
    '',
    '=== Client Configuration ===',
    `Client ID: ${client.clientId}`,
    `Client Name: ${client.name}`,
    `Protocol: ${client.protocol}`,
    `Public Client: ${client.publicClient}`,
    '',
    '=== Protocol Mappers ===',
  ];
  for (const m of mappers) {
    lines.push(`- ${m.name} (${m.protocolMapper})`);
    if (m.config)
      lines.push(
        `  Claim: ${m.config['claim.name'] || 'N/A'}`,
        `  Access Token: ${m.config['access.token.claim'] || 'false'}`,
        `  ID Token: ${m.config['id.token.claim'] || 'false'}`,
      );
  }
  lines.push('', "=== User's Client Roles ===");
  if (!roles.length) lines.push('No client roles assigned');
  for (const r of roles) lines.push(`- ${r.name} (${r.id})`);
  return lines.join('\n');
}
