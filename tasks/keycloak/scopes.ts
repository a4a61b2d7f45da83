import type { Ctx } from '../core/index.js';
import { keycloakAdmin } from './admin.js';
import { call, change, findScope, requireAdmin, requireClient, requireScope } from './session.js';

/** Creates an openid-connect client scope (included in the token scope); an existing one stays. */
export async function createClientScope(
  ctx: Ctx,
  realm: string,
  name: string,
  description = '',
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  if (kc && (await findScope(ctx, kc, realm, name))) {
    ctx.log.info(`  client scope ${name} already exists`);
    return;
  }
  const done = await change(ctx, kc, `create client scope ${name} in realm ${realm}`, (k) =>
    k.clientScopes.create({
      name,
      description: description || `${name} scope`,
      protocol: 'openid-connect',
      attributes: { 'include.in.token.scope': 'true' },
    }),
  );
  if (done) ctx.log.ok(`client scope ${name} created (id ${done.result.id})`);
}

/** Links a client scope to a client as a default scope. */
export async function addScopeToClient(
  ctx: Ctx,
  realm: string,
  clientId: string,
  scopeName: string,
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const plan = `add client scope ${scopeName} to client ${clientId} as a default scope`;
  if (!kc) {
    ctx.effects.note(plan);
    return;
  }
  const client = await requireClient(ctx, kc, realm, clientId);
  const scope = await requireScope(ctx, kc, realm, scopeName);
  const done = await change(ctx, kc, plan, (k) =>
    k.clients.addDefaultClientScope({ id: client.id, clientScopeId: scope.id }),
  );
  if (done) ctx.log.ok(`client scope ${scopeName} added to client ${clientId} as a default scope`);
}

/** A client scope with its attributes and mappers, as upstream prints it (ending in raw JSON). */
export async function getClientScope(ctx: Ctx, realm: string, name: string): Promise<string> {
  const kc = await requireAdmin(ctx, realm);
  const scope = await requireScope(ctx, kc, realm, name);
  const mappers = await call(ctx, `list mappers of client scope ${name}`, () =>
    kc.clientScopes.listProtocolMappers({ id: scope.id }),
  );
  const lines = [
    '=== Client Scope Details ===',
    `Name: ${scope.name}`,
    `ID: ${scope.id}`,
    `Description: ${scope.description || '(none)'}`,
    `Protocol: ${scope.protocol}`,
    '',
    '=== Attributes ===',
  ];
  const attributes = Object.entries(scope.attributes ?? {});
  if (attributes.length) for (const [k, v] of attributes) lines.push(`  ${k}: ${v}`);
  else lines.push('  (none)');
  lines.push('', '=== Protocol Mappers ===');
  if (!mappers.length) lines.push('  (none)');
  mappers.forEach((m, i) => {
    lines.push(
      '',
      `Mapper ${i + 1}:`,
      `  Name: ${m.name}`,
      `  Protocol: ${m.protocol}`,
      `  Protocol Mapper: ${m.protocolMapper}`,
      '  Config:',
    );
    for (const [k, v] of Object.entries(m.config ?? {})) lines.push(`    ${k}: ${v}`);
  });
  lines.push(
    '',
    '=== Raw JSON ===',
    JSON.stringify({ ...scope, protocolMappers: mappers }, null, 2),
  );
  return lines.join('\n');
}
