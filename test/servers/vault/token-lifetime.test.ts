import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, client, failure, INVALID_TOKEN, tokenWith } from './test-helpers.js';
import { ADMIN } from './token-fixtures.js';

const test = suite<{ server: VaultTestServer }>(
  'vault token lifetimes',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

test("renewal is capped by the explicit max TTL, with Vault's warning, then the token expires", async ({
  server,
}) => {
  const r = await call(server, 'POST', 'auth/token/create-orphan', {
    body: { policies: ['default'], ttl: '24h', explicit_max_ttl: '30h', renewable: true },
  });
  const token = r.body.auth.client_token as string;
  server.clock.advance(20 * 3600);
  const first = await call(server, 'POST', 'auth/token/renew-self', { token, body: {} });
  assert.is(first.status, 200);
  assert.is(first.body.auth.lease_duration, 10 * 3600);
  assert.equal(first.body.warnings, [
    'TTL of "24h" exceeded the effective max_ttl of "10h"; TTL value is capped accordingly',
  ]);
  const look = await call(server, 'GET', 'auth/token/lookup-self', { token });
  assert.is(look.body.data.ttl, 10 * 3600);
  assert.is(look.body.data.creation_ttl, 24 * 3600);
  assert.type(look.body.data.last_renewal_time, 'number');
  server.clock.advance(10 * 3600 - 1);
  const last = await call(server, 'POST', 'auth/token/renew-self', {
    token,
    body: { increment: '1h' },
  });
  assert.is(last.body.auth.lease_duration, 1);
  server.clock.advance(1);
  const dead = await call(server, 'GET', 'auth/token/lookup-self', { token });
  assert.equal([dead.status, dead.body], [403, { errors: [INVALID_TOKEN] }]);
});

test('renew by token with increment; non-renewable tokens are refused', async ({ server }) => {
  const fixed = await call(server, 'POST', 'auth/token/create', {
    body: { policies: ['default'], ttl: '1h', renewable: false },
  });
  const fixedToken = fixed.body.auth.client_token;
  assert.is(fixed.body.auth.renewable, false);
  const no = await call(server, 'POST', 'auth/token/renew', { body: { token: fixedToken } });
  assert.equal([no.status, no.body], [400, { errors: ['lease is not renewable'] }]);
  const ok = await call(server, 'POST', 'auth/token/create', {
    body: { policies: ['default'], ttl: '1h' },
  });
  const renewed = await call(server, 'POST', 'auth/token/renew', {
    body: { token: ok.body.auth.client_token, increment: 7200 },
  });
  assert.is(renewed.body.auth.lease_duration, 7200);
  const missing = await call(server, 'POST', 'auth/token/renew', { body: { token: 'hvs.nope' } });
  assert.equal([missing.status, missing.body.errors], [400, ['token not found']]);
  const rootRenew = await call(server, 'POST', 'auth/token/renew-self', { body: {} });
  assert.is(rootRenew.status, 400); // root token has no TTL
});

test('an orphan survives revocation of its creator; a child does not', async ({ server }) => {
  const creator = await tokenWith(server, { admin: ADMIN });
  const mk = (endpoint: string) =>
    call(server, 'POST', `auth/token/${endpoint}`, {
      token: creator,
      body: { policies: ['admin'] },
    }).then((r) => r.body.auth.client_token as string);
  const child = await mk('create');
  const orphan = await mk('create-orphan');
  const grandchild = (await call(server, 'POST', 'auth/token/create', { token: child, body: {} }))
    .body.auth.client_token;
  const revoke = await call(server, 'POST', 'auth/token/revoke', { body: { token: creator } });
  assert.is(revoke.status, 204);
  for (const gone of [creator, child, grandchild]) {
    assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: gone })).status, 403);
  }
  assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: orphan })).status, 200);
  assert.is(server.token(child)!.revoked, true);
  assert.is(server.token(orphan)!.revoked, false);
});

test('expired tokens are unknown (403), and expiry of a parent ends its children', async ({
  server,
}) => {
  const parent = await tokenWith(server, { admin: ADMIN }, { ttl: '1h' });
  const child = (
    await call(server, 'POST', 'auth/token/create', { token: parent, body: { ttl: '10h' } })
  ).body.auth.client_token;
  server.clock.advance(3599);
  assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: parent })).status, 200);
  server.clock.advance(1);
  const gone = await call(server, 'GET', 'auth/token/lookup-self', { token: parent });
  assert.equal([gone.status, gone.body], [403, { errors: [INVALID_TOKEN] }]);
  assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: child })).status, 403);
  const nv = await failure(client(server, parent).tokenLookupSelf());
  assert.equal(nv, { status: 403, message: INVALID_TOKEN });
  assert.is(server.token(parent)!.expired, true);
});

test('num_uses limits a token; a limited token cannot create children', async ({ server }) => {
  const t = await tokenWith(server, { admin: ADMIN }, { num_uses: 2 });
  const child = await call(server, 'POST', 'auth/token/create', { token: t, body: {} });
  assert.equal(child.body.errors, ['restricted use token cannot generate child tokens']);
  assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: t })).status, 200);
  assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: t })).status, 403);
});

test('revoke-self, revoke-accessor and the test API token view', async ({ server }) => {
  const a = server.createToken({ policies: ['x'], ttl: '1h', displayName: 'a' });
  const b = server.createToken({ policies: ['x'], ttl: '2h', explicitMaxTtl: '1h', orphan: false });
  const tb = server.tokens().find((t) => t.id === b)!;
  assert.equal(
    [tb.ttl, tb.orphan, tb.parent, tb.policies],
    [3600, false, server.rootToken, ['default', 'x']],
  );
  assert.is(server.token(a)!.displayName, 'token-a');
  assert.is((await call(server, 'POST', 'auth/token/revoke-self', { token: a })).status, 204);
  assert.is((await call(server, 'GET', 'auth/token/lookup-self', { token: a })).status, 403);
  const r = await call(server, 'POST', 'auth/token/revoke-accessor', {
    body: { accessor: tb.accessor },
  });
  assert.is(r.status, 204);
  assert.is(server.token(b)!.revoked, true);
  const rev = await call(server, 'POST', 'auth/token/revoke', {
    body: { token: 'hvs.never-existed' },
  });
  assert.is(rev.status, 204);
});

test.run();
