import KcAdminClient from '@keycloak/keycloak-admin-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startKeycloakServer, type KeycloakTestServer } from './index.js';

const test = suite<{ server: KeycloakTestServer }>(
  'keycloak via @keycloak/keycloak-admin-client',
  {} as { server: KeycloakTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startKeycloakServer({ adminUser: 'admin', adminPassword: 'pw' });
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

async function login(server: KeycloakTestServer, password = server.adminPassword) {
  const kc = new KcAdminClient({ baseUrl: server.url, realmName: 'master' });
  await kc.auth({
    grantType: 'password',
    clientId: 'admin-cli',
    username: server.adminUser,
    password,
  });
  return kc;
}

test("auth, setConfig, find, create, findOne, update, del — the project's calls", async ({
  server,
}) => {
  const kc = await login(server);
  kc.setConfig({ realmName: 'buunstack' });
  assert.equal(await kc.clients.find({ clientId: 'jupyterhub' }), []);
  const { id } = await kc.clients.create({
    clientId: 'jupyterhub',
    enabled: true,
    publicClient: true,
    redirectUris: ['https://jupyter.example.com/hub/oauth_callback'],
    directAccessGrantsEnabled: false,
    attributes: {
      'pkce.code.challenge.method': 'S256',
      // Within realm buunstack's SSO session (7200 s idle, 86400 s max, as create-realm sets).
      'client.session.idle.timeout': '7200',
      'client.session.max.lifespan': '86400',
    },
  });
  assert.match(id, /^[0-9a-f-]{36}$/);
  const found = await kc.clients.find({ clientId: 'jupyterhub' });
  assert.is(found.length, 1);
  assert.is(found[0].id, id);
  const one = await kc.clients.findOne({ id });
  assert.ok(one);
  assert.equal(
    [one!.clientId, one!.publicClient, one!.enabled, one!.protocol, one!.secret],
    ['jupyterhub', true, true, 'openid-connect', undefined],
  );
  assert.is(one!.attributes!['pkce.code.challenge.method'], 'S256');
  await kc.clients.update(
    { id },
    { ...one!, redirectUris: ['https://a.example/cb', 'https://b.example/cb'] },
  );
  assert.equal((await kc.clients.findOne({ id }))!.redirectUris, [
    'https://a.example/cb',
    'https://b.example/cb',
  ]);
  await kc.clients.del({ id });
  assert.is(await kc.clients.findOne({ id }), null); // catchNotFound: 404 becomes null
  assert.equal(server.clients('buunstack'), []);
});

test('library surfaces Keycloak errors: wrong password, duplicate clientId, missing client', async ({
  server,
}) => {
  try {
    await login(server, 'wrong');
    assert.unreachable('login with a wrong password succeeded');
  } catch (e) {
    assert.instance(e, Error);
    // the library reports the "error" field first, as with a real Keycloak
    assert.is((e as Error).message, 'invalid_grant');
    const err = e as { response: Response; responseData: { error_description: string } };
    assert.is(err.response.status, 401);
    assert.is(err.responseData.error_description, 'Invalid user credentials');
  }
  const kc = await login(server);
  kc.setConfig({ realmName: 'buunstack' });
  await kc.clients.create({ clientId: 'dup' });
  try {
    await kc.clients.create({ clientId: 'dup' });
    assert.unreachable('duplicate create succeeded');
  } catch (e) {
    assert.is((e as Error).message, 'Client dup already exists');
    assert.is((e as { response: Response }).response.status, 409);
  }
  try {
    await kc.clients.del({ id: '00000000-0000-0000-0000-000000000000' });
    assert.unreachable('delete of a missing client succeeded');
  } catch (e) {
    assert.is((e as { response: Response }).response.status, 404);
    assert.is((e as Error).message, 'Could not find client');
  }
});

test('access tokens are JWTs that expire on the server clock; the refresh grant renews them', async ({
  server,
}) => {
  const kc = await login(server);
  kc.setConfig({ realmName: 'buunstack' });
  server.advanceClock(120); // access token (60 s) expired on the server side
  const before = kc.accessToken;
  // The library checks expiry with the real clock, so force it by presenting an expired token.
  const stale = await fetch(`${server.url}/admin/realms/buunstack/clients`, {
    headers: { Authorization: `Bearer ${before}` },
  });
  assert.is(stale.status, 401);
  const payload = JSON.parse(Buffer.from(before!.split('.')[1], 'base64url').toString());
  assert.equal(
    [payload.azp, payload.typ, payload.iss],
    ['admin-cli', 'Bearer', `${server.url}/realms/master`],
  );
  assert.is(payload.exp - payload.iat, 60);
  const refreshed = await fetch(`${server.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: 'admin-cli',
      refresh_token: kc.refreshToken!,
    }),
  });
  assert.is(refreshed.status, 200);
  kc.setAccessToken(((await refreshed.json()) as { access_token: string }).access_token);
  assert.equal(await kc.clients.find({ clientId: 'none' }), []);
});

test.run();
