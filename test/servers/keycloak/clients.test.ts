import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startKeycloakServer, type KeycloakTestServer } from './index.js';

const test = suite<{ server: KeycloakTestServer; token: string }>(
  'keycloak admin clients REST',
  {} as {
    server: KeycloakTestServer;
    token: string;
  },
);

test.before.each(async (ctx) => {
  ctx.server = await startKeycloakServer({ realms: ['master', 'buunstack', 'other'] });
  const res = await fetch(`${ctx.server.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: ctx.server.adminUser,
      password: ctx.server.adminPassword,
    }),
  });
  ctx.token = ((await res.json()) as { access_token: string }).access_token;
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

async function api(
  ctx: { server: KeycloakTestServer; token: string },
  method: string,
  path: string,
  body?: unknown,
  token = ctx.token,
) {
  const res = await fetch(`${ctx.server.url}/admin/realms/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    location: res.headers.get('location'),
  };
}

test('401 without, with a forged, or with an expired bearer token', async (ctx) => {
  const none = await fetch(`${ctx.server.url}/admin/realms/buunstack/clients`);
  assert.is(none.status, 401);
  const forged = ctx.token.split('.').slice(0, 2).join('.') + '.AAAA';
  assert.is((await api(ctx, 'GET', 'buunstack/clients', undefined, forged)).status, 401);
  ctx.server.advanceClock(61);
  assert.equal(await api(ctx, 'GET', 'buunstack/clients'), {
    status: 401,
    body: { error: 'HTTP 401 Unauthorized' },
    location: null,
  });
});

test('realm lookup and unknown realms', async (ctx) => {
  const realm = await api(ctx, 'GET', 'buunstack');
  assert.equal([realm.status, realm.body.realm, realm.body.enabled], [200, 'buunstack', true]);
  assert.equal((await api(ctx, 'GET', 'nope')).body, { error: 'Realm not found.' });
  assert.equal((await api(ctx, 'GET', 'nope/clients')).status, 404);
  assert.equal((await api(ctx, 'GET', 'buunstack/identity-provider/instances')).status, 404);
});

test('create: 201 + Location, Keycloak defaults, secret for confidential clients, 409 duplicate', async (ctx) => {
  const created = await api(ctx, 'POST', 'buunstack/clients', {
    clientId: 'conf',
    redirectUris: ['https://x/cb'],
  });
  assert.is(created.status, 201);
  assert.match(
    created.location!,
    new RegExp(`^${ctx.server.url}/admin/realms/buunstack/clients/[0-9a-f-]{36}$`),
  );
  const id = created.location!.split('/').pop();
  const c = (await api(ctx, 'GET', `buunstack/clients/${id}`)).body;
  assert.equal(
    [
      c.id,
      c.enabled,
      c.publicClient,
      c.protocol,
      c.standardFlowEnabled,
      c.directAccessGrantsEnabled,
      c.attributes,
    ],
    [id, true, false, 'openid-connect', true, false, {}],
  );
  assert.type(c.secret, 'string');
  assert.equal(c.access, { view: true, configure: true, manage: true });
  const dup = await api(ctx, 'POST', 'buunstack/clients', { clientId: 'conf' });
  assert.equal([dup.status, dup.body], [409, { errorMessage: 'Client conf already exists' }]);
  // the same clientId in another realm is fine
  assert.is((await api(ctx, 'POST', 'other/clients', { clientId: 'conf' })).status, 201);
  assert.is(ctx.server.clients('buunstack').length, 1);
});

test('representations are checked: unknown fields and wrong types are 400', async (ctx) => {
  const typo = await api(ctx, 'POST', 'buunstack/clients', {
    clientId: 'x',
    redirectUri: ['https://x'],
  });
  assert.is(typo.status, 400);
  assert.match(typo.body.error_description, /Unrecognized field "redirectUri"/);
  assert.is(
    (await api(ctx, 'POST', 'buunstack/clients', { clientId: 'x', redirectUris: 'https://x' }))
      .status,
    400,
  );
  assert.is(
    (await api(ctx, 'POST', 'buunstack/clients', { clientId: 'x', publicClient: 'yes' })).status,
    400,
  );
  assert.is((await api(ctx, 'POST', 'buunstack/clients', { publicClient: true })).status, 400);
  assert.equal(ctx.server.clients('buunstack'), []);
});

test('find: exact clientId, search=true substring, first/max paging', async (ctx) => {
  for (const clientId of ['alpha', 'beta', 'alphabet', 'gamma'])
    await api(ctx, 'POST', 'buunstack/clients', { clientId });
  const ids = (r: { body: Array<{ clientId: string }> }) => r.body.map((c) => c.clientId);
  assert.equal(ids(await api(ctx, 'GET', 'buunstack/clients?clientId=alpha')), ['alpha']);
  assert.equal(ids(await api(ctx, 'GET', 'buunstack/clients?clientId=ALPHA&search=true')), [
    'alpha',
    'alphabet',
  ]);
  assert.equal(ids(await api(ctx, 'GET', 'buunstack/clients?clientId=zzz')), []);
  assert.equal(ids(await api(ctx, 'GET', 'buunstack/clients?first=1&max=2')), ['beta', 'alphabet']);
  assert.is((await api(ctx, 'GET', 'buunstack/clients')).body.length, 4);
});

test('update merges fields and attributes; 404 and 409 like Keycloak; delete', async (ctx) => {
  const mk = async (clientId: string, extra: Record<string, unknown> = {}) =>
    (await api(ctx, 'POST', 'buunstack/clients', { clientId, ...extra }))
      .location!.split('/')
      .pop()!;
  const id = await mk('app', { publicClient: true, attributes: { a: '1', b: '2' } });
  await mk('taken');
  assert.is(
    (
      await api(ctx, 'PUT', `buunstack/clients/${id}`, {
        redirectUris: ['https://n/cb'],
        attributes: { b: '', c: '3' },
      })
    ).status,
    204,
  );
  const c = (await api(ctx, 'GET', `buunstack/clients/${id}`)).body;
  assert.equal(
    [c.redirectUris, c.publicClient, c.attributes],
    [['https://n/cb'], true, { a: '1', c: '3' }],
  );
  const clash = await api(ctx, 'PUT', `buunstack/clients/${id}`, { clientId: 'taken' });
  assert.equal([clash.status, clash.body], [409, { errorMessage: 'Client taken already exists' }]);
  const missing = await api(ctx, 'PUT', 'buunstack/clients/nope', { redirectUris: [] });
  assert.equal([missing.status, missing.body], [404, { error: 'Could not find client' }]);
  assert.is((await api(ctx, 'DELETE', `buunstack/clients/${id}`)).status, 204);
  assert.equal((await api(ctx, 'DELETE', `buunstack/clients/${id}`)).body, {
    error: 'Could not find client',
  });
  assert.equal((await api(ctx, 'GET', `buunstack/clients/${id}`)).status, 404);
  assert.equal(
    ctx.server
      .requests()
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.status),
    [204, 404],
  );
});

test("a client session timeout beyond the realm's SSO session is refused, as Keycloak 26.7 does", async (ctx) => {
  // buunstack as create-realm makes it: SSO idle 7200 s, max 86400 s.
  const idle = await api(ctx, 'POST', 'buunstack/clients', {
    clientId: 'long-idle',
    attributes: { 'client.session.idle.timeout': '7201' },
  });
  assert.equal(
    [idle.status, idle.body],
    [
      400,
      {
        error: 'invalid_input',
        error_description:
          'Client session idle timeout cannot exceed realm SSO session idle timeout.',
      },
    ],
  );
  const max = await api(ctx, 'POST', 'buunstack/clients', {
    clientId: 'long-max',
    attributes: { 'client.session.max.lifespan': '604800' },
  });
  assert.is(max.status, 400);
  assert.is(
    max.body.error_description,
    'Client session max lifespan cannot exceed realm SSO session max lifespan.',
  );
  const ok = await api(ctx, 'POST', 'buunstack/clients', {
    clientId: 'at-limit',
    attributes: { 'client.session.idle.timeout': '7200', 'client.session.max.lifespan': '86400' },
  });
  assert.is(ok.status, 201);
});

test.run();
