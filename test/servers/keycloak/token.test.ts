import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startKeycloakServer, type KeycloakTestServer } from './index.js';

const test = suite<{ server: KeycloakTestServer }>(
  'keycloak token endpoint',
  {} as { server: KeycloakTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startKeycloakServer({ adminPassword: 'pw' });
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

async function token(server: KeycloakTestServer, form: Record<string, string>, realm = 'master') {
  const res = await fetch(`${server.url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const password = (server: KeycloakTestServer, extra: Record<string, string> = {}) => ({
  grant_type: 'password',
  client_id: 'admin-cli',
  username: server.adminUser,
  password: server.adminPassword,
  ...extra,
});

test('password grant answers a Keycloak-shaped token response with JWT access token', async ({
  server,
}) => {
  const r = await token(server, password(server));
  assert.is(r.status, 200);
  assert.equal(Object.keys(r.body).sort(), [
    'access_token',
    'expires_in',
    'not-before-policy',
    'refresh_expires_in',
    'refresh_token',
    'scope',
    'session_state',
    'token_type',
  ]);
  assert.equal(
    [r.body.token_type, r.body.expires_in, r.body.refresh_expires_in],
    ['Bearer', 60, 1800],
  );
  const [header, payload, sig] = r.body.access_token.split('.');
  assert.ok(sig.length > 0);
  assert.equal(JSON.parse(Buffer.from(header, 'base64url').toString()).typ, 'JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  assert.equal(
    [claims.azp, claims.iss, claims.preferred_username],
    ['admin-cli', `${server.url}/realms/master`, 'admin'],
  );
  assert.is(claims.exp - claims.iat, 60);
});

test('errors: wrong credentials 401 invalid_grant, other client 401 invalid_client, bad requests 400', async ({
  server,
}) => {
  assert.equal(await token(server, password(server, { password: 'nope' })), {
    status: 401,
    body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
  });
  assert.equal(await token(server, password(server, { client_id: 'other' })), {
    status: 401,
    body: {
      error: 'invalid_client',
      error_description: 'Invalid client or Invalid client credentials',
    },
  });
  const { grant_type: _g, ...noGrant } = password(server);
  assert.equal(await token(server, noGrant), {
    status: 400,
    body: { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' },
  });
  assert.equal(
    (await token(server, password(server, { grant_type: 'client_credentials' }))).body.error,
    'unsupported_grant_type',
  );
  // the admin user lives in master only
  assert.is((await token(server, password(server), 'buunstack')).status, 401);
  assert.equal(await token(server, password(server), 'nope'), {
    status: 404,
    body: { error: 'Realm does not exist' },
  });
  const json = await fetch(`${server.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(password(server)),
  });
  assert.is(json.status, 400);
});

test('refresh_token grant: new tokens; tampered, foreign-client or expired refresh tokens refused', async ({
  server,
}) => {
  const first = (await token(server, password(server))).body;
  const refresh = (rt: string, client = 'admin-cli') =>
    token(server, { grant_type: 'refresh_token', client_id: client, refresh_token: rt });
  const again = await refresh(first.refresh_token);
  assert.is(again.status, 200);
  assert.is(again.body.session_state, first.session_state);
  const [h, p, sig] = first.refresh_token.split('.');
  const tampered = `${h}.${p}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
  assert.equal((await refresh(tampered)).body, {
    error: 'invalid_grant',
    error_description: 'Invalid refresh token',
  });
  assert.equal((await refresh(first.access_token)).status, 400); // an access token is not a refresh token
  assert.equal((await refresh(first.refresh_token, 'other')).status, 401);
  server.advanceClock(1801);
  assert.equal((await refresh(first.refresh_token)).body, {
    error: 'invalid_grant',
    error_description: 'Token is not active',
  });
});

test.run();
