import KcAdminClient from '@keycloak/keycloak-admin-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startKeycloakServer, type KeycloakTestServer } from './index.js';

// The realm, user, group, client-scope, mapper and role endpoints, driven by the real admin
// client: what Keycloak accepts is stored, what it rejects (duplicates, unknown fields, wrong
// types, unknown ids) is rejected with its status.
const test = suite<{ server: KeycloakTestServer; kc: KcAdminClient }>(
  'keycloak test server: realms, users, groups, scopes, mappers, roles',
  {} as { server: KeycloakTestServer; kc: KcAdminClient },
);

test.before.each(async (ctx) => {
  ctx.server = await startKeycloakServer();
  ctx.kc = new KcAdminClient({ baseUrl: ctx.server.url, realmName: 'master' });
  await ctx.kc.auth({
    grantType: 'password',
    clientId: 'admin-cli',
    username: ctx.server.adminUser,
    password: ctx.server.adminPassword,
  });
});
test.after.each(async ({ server }) => server.close());

const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 0;
  } catch (err) {
    return (err as { response?: { status?: number } }).response?.status ?? -1;
  }
};

test('realms: create (409 on a duplicate, 400 on an unknown field), findOne (null when missing), update, delete', async ({
  kc,
  server,
}) => {
  await kc.realms.create({ realm: 'r1', enabled: true, accessTokenLifespan: 600 });
  assert.ok(server.realms().includes('r1'));
  assert.is(await status(kc.realms.create({ realm: 'r1' })), 409);
  assert.is(await status(kc.realms.create({ realm: 'r2', bogusField: 1 } as never)), 400);
  assert.is(
    await status(kc.realms.create({ realm: 'r3', accessTokenLifespan: '10' } as never)),
    400,
  );
  assert.is(await kc.realms.findOne({ realm: 'nope' }), null);
  const r1 = (await kc.realms.findOne({ realm: 'r1' }))!;
  assert.equal([r1.accessTokenLifespan, r1.ssoSessionIdleTimeout], [600, 1800]);
  await kc.realms.update({ realm: 'r1' }, { ...r1, ssoSessionIdleTimeout: 60 });
  assert.is(server.realm('r1')!.settings.ssoSessionIdleTimeout, 60);
  assert.ok((await kc.realms.find()).some((r) => r.realm === 'r1'));
  await kc.realms.del({ realm: 'r1' });
  assert.not.ok(server.realms().includes('r1'));
  assert.is(await status(kc.realms.del({ realm: 'r1' })), 404);
});

test('users: lower-cased names, 409 on a duplicate, exact find, reset-password, unmanaged attributes dropped', async ({
  kc,
  server,
}) => {
  kc.setConfig({ realmName: 'buunstack' });
  const { id } = await kc.users.create({
    username: 'Ann',
    email: 'Ann@X.org',
    enabled: true,
    attributes: { dept: ['x'] },
  });
  assert.is(await status(kc.users.create({ username: 'ann' })), 409);
  assert.is(await status(kc.users.create({ username: 'other', email: 'ann@x.org' })), 409);
  assert.is(await status(kc.users.create({ username: 'u2', extra: 1 } as never)), 400);
  assert.equal((await kc.users.find({ username: 'an', exact: true })).length, 0);
  assert.equal(
    (await kc.users.find({ username: 'an' })).map((u) => u.username),
    ['ann'],
  );
  const user = server.realm('buunstack')!.users[0]!;
  assert.equal([user.rep.username, user.rep.email, user.rep.attributes], ['ann', 'ann@x.org', {}]);
  await kc.users.resetPassword({
    id,
    credential: { type: 'password', value: 'pw-1', temporary: false },
  });
  assert.is(server.realm('buunstack')!.users[0]!.password, 'pw-1');
  assert.is(
    await status(kc.users.resetPassword({ id, credential: { type: 'password', value: '' } })),
    400,
  );
  assert.is(await status(kc.users.del({ id: 'missing' })), 404);
});

test('user profile: an added attribute becomes managed; a profile without email is refused', async ({
  kc,
  server,
}) => {
  kc.setConfig({ realmName: 'buunstack' });
  const profile = await kc.users.getProfile();
  await kc.users.updateProfile({
    ...profile,
    attributes: [...profile.attributes!, { name: 'dept' }],
  });
  const { id } = await kc.users.create({
    username: 'bob',
    attributes: { dept: ['ops'], junk: ['x'] },
  });
  assert.equal(server.realm('buunstack')!.users.find((u) => u.rep.id === id)!.rep.attributes, {
    dept: ['ops'],
  });
  assert.is(
    await status(
      kc.users.updateProfile({ attributes: profile.attributes!.filter((a) => a.name !== 'email') }),
    ),
    400,
  );
});

test('groups: tree, sibling conflicts, search shape, membership, members, cascade on delete', async ({
  kc,
  server,
}) => {
  kc.setConfig({ realmName: 'buunstack' });
  const top = await kc.groups.create({ name: 'eng', attributes: { description: ['E'] } });
  assert.is(await status(kc.groups.create({ name: 'eng' })), 409);
  const child = await kc.groups.createChildGroup({ id: top.id }, { name: 'data' });
  assert.is(await status(kc.groups.createChildGroup({ id: top.id }, { name: 'data' })), 409);
  const hits = await kc.groups.find({ search: 'dat' });
  assert.equal(
    hits.map((g) => [g.name, g.subGroups?.map((s) => s.name)]),
    [['eng', ['data']]],
  );
  const { id: uid } = await kc.users.create({ username: 'carl' });
  await kc.users.addToGroup({ id: uid, groupId: child.id });
  assert.equal(
    (await kc.users.listGroups({ id: uid })).map((g) => g.path),
    ['/eng/data'],
  );
  assert.equal(
    (await kc.groups.listMembers({ id: child.id })).map((u) => u.username),
    ['carl'],
  );
  assert.is(await status(kc.users.addToGroup({ id: uid, groupId: 'nope' })), 404);
  await kc.groups.del({ id: top.id });
  assert.equal(server.realm('buunstack')!.groups, []);
  assert.equal(await kc.users.listGroups({ id: uid }), []);
});

test('client scopes and mappers: built-in scopes, 409s, unknown mapper types and non-string config refused', async ({
  kc,
  server,
}) => {
  kc.setConfig({ realmName: 'buunstack' });
  const names = (await kc.clientScopes.find()).map((s) => s.name);
  assert.ok(names.includes('profile') && names.includes('roles'));
  const { id } = await kc.clientScopes.create({ name: 'api', protocol: 'openid-connect' });
  assert.is(await status(kc.clientScopes.create({ name: 'api' })), 409);
  assert.is(await status(kc.clientScopes.create({ name: 'has space' })), 400);
  const mapper = {
    name: 'aud',
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    config: { 'included.client.audience': 'x' },
  };
  await kc.clientScopes.addProtocolMapper({ id }, mapper);
  assert.is(await status(kc.clientScopes.addProtocolMapper({ id }, mapper)), 409);
  assert.is(
    await status(
      kc.clientScopes.addProtocolMapper({ id }, { ...mapper, name: 'b', protocolMapper: 'nope' }),
    ),
    400,
  );
  assert.is(
    await status(
      kc.clientScopes.addProtocolMapper(
        { id },
        { ...mapper, name: 'c', config: { x: true } as never },
      ),
    ),
    400,
  );
  assert.equal(
    (await kc.clientScopes.listProtocolMappers({ id })).map((m) => m.name),
    ['aud'],
  );
  const { id: cid } = await kc.clients.create({ clientId: 'app' });
  await kc.clients.addDefaultClientScope({ id: cid, clientScopeId: id });
  assert.ok((await kc.clients.listDefaultClientScopes({ id: cid })).some((s) => s.name === 'api'));
  const address = (await kc.clientScopes.find()).find((s) => s.name === 'address')!;
  assert.is(
    await status(kc.clients.addDefaultClientScope({ id: cid, clientScopeId: address.id! })),
    409,
    'already optional',
  );
  assert.equal(
    server.realm('buunstack')!.scopes.find((s) => s.rep.name === 'api')!.mappers.length,
    1,
  );
});

test('client roles and user role mappings; service account user; client secret', async ({
  kc,
  server,
}) => {
  kc.setConfig({ realmName: 'buunstack' });
  const { id: cid } = await kc.clients.create({ clientId: 'svc', secret: 's3cr3t' });
  await kc.clients.createRole({ id: cid, name: 'reader' });
  assert.is(await status(kc.clients.createRole({ id: cid, name: 'reader' })), 409);
  assert.is(await kc.clients.findRole({ id: cid, roleName: 'nope' }), null);
  const role = (await kc.clients.findRole({ id: cid, roleName: 'reader' }))!;
  const { id: uid } = await kc.users.create({ username: 'dora' });
  await kc.users.addClientRoleMappings({
    id: uid,
    clientUniqueId: cid,
    roles: [{ id: role.id!, name: 'reader' }],
  });
  assert.equal(
    (await kc.users.listClientRoleMappings({ id: uid, clientUniqueId: cid })).map((r) => r.name),
    ['reader'],
  );
  assert.is(
    await status(
      kc.users.addClientRoleMappings({
        id: uid,
        clientUniqueId: cid,
        roles: [{ id: 'x', name: 'x' }],
      }),
    ),
    404,
  );
  await kc.users.delClientRoleMappings({
    id: uid,
    clientUniqueId: cid,
    roles: [{ id: role.id!, name: 'reader' }],
  });
  assert.equal(await kc.users.listClientRoleMappings({ id: uid, clientUniqueId: cid }), []);
  assert.is(await status(kc.clients.getServiceAccountUser({ id: cid })), 400);
  const client = (await kc.clients.findOne({ id: cid }))!;
  await kc.clients.update({ id: cid }, { ...client, serviceAccountsEnabled: true });
  assert.is((await kc.clients.getServiceAccountUser({ id: cid })).username, 'service-account-svc');
  assert.equal(
    (await kc.users.find()).map((u) => u.username),
    ['dora'],
    'service-account users are not listed',
  );
  assert.equal(await kc.clients.getClientSecret({ id: cid }), { type: 'secret', value: 's3cr3t' });
  assert.ok(server.realm('buunstack')!.clientRoles.get(cid));
});

test.run();
