// Token roles as Vault keeps them: auth/token/roles/<name> (write, read, list, delete) and
// auth/token/create/<name>, whose allowed/disallowed policies (exact and glob) replace the
// parent-subset rule, with orphan, renewable and the explicit max TTL taken from the role.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, tokenWith } from './test-helpers.js';

const test = suite<{ server: VaultTestServer }>(
  'vault token roles',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
  const w = await call(ctx.server, 'POST', 'auth/token/roles/users', {
    body: {
      allowed_policies: 'default',
      allowed_policies_glob: 'user-*',
      disallowed_policies_glob: 'user-admin*',
      orphan: true,
      renewable: true,
      token_explicit_max_ttl: '5h',
    },
  });
  assert.is(w.status, 204, JSON.stringify(w.body));
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

const MINTER = 'path "auth/token/create/users" { capabilities = ["update"] }';

test('write, read, list and delete a role', async ({ server }) => {
  const r = await call(server, 'GET', 'auth/token/roles/users');
  assert.is(r.status, 200);
  assert.equal(r.body.data.allowed_policies, ['default']);
  assert.equal(r.body.data.allowed_policies_glob, ['user-*']);
  assert.equal(r.body.data.disallowed_policies_glob, ['user-admin*']);
  assert.is(r.body.data.orphan, true);
  assert.is(r.body.data.token_explicit_max_ttl, 5 * 3600);
  assert.equal((await call(server, 'LIST', 'auth/token/roles')).body.data.keys, ['users']);
  assert.is((await call(server, 'DELETE', 'auth/token/roles/users')).status, 204);
  assert.is((await call(server, 'GET', 'auth/token/roles/users')).status, 404);
  const root = await call(server, 'POST', 'auth/token/roles/bad', {
    body: { allowed_policies: 'root' },
  });
  assert.is(root.status, 400);
});

test('through the role: a matching policy works without holding it, as an orphan, capped', async ({
  server,
}) => {
  const minter = await tokenWith(server, { minter: MINTER });
  const r = await call(server, 'POST', 'auth/token/create/users', {
    token: minter,
    body: { policies: ['user-alice'], ttl: '10h', explicit_max_ttl: '100h' },
  });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.auth.lease_duration, 5 * 3600, 'the 10h asked for are capped at the role max');
  assert.equal(r.body.auth.policies, ['default', 'user-alice']);
  assert.is(r.body.auth.orphan, true);
  const te = server.token(r.body.auth.client_token)!;
  assert.is(te.explicitMaxTtl, 5 * 3600);
  assert.is(te.parent, undefined);
  const info = await call(server, 'GET', 'auth/token/lookup-self', {
    token: r.body.auth.client_token,
  });
  assert.is(info.body.data.path, 'auth/token/create/users');
});

test('through the role: other, disallowed or root policies are refused; unknown role is 400', async ({
  server,
}) => {
  const minter = await tokenWith(server, { minter: MINTER });
  for (const policies of [['minter'], ['user-admin-x'], ['root'], ['user-bob', 'other']]) {
    const r = await call(server, 'POST', 'auth/token/create/users', {
      token: minter,
      body: { policies },
    });
    assert.is(r.status, 400, `${policies.join(',')}: ${JSON.stringify(r.body)}`);
  }
  const unknown = await call(server, 'POST', 'auth/token/create/nobody', { body: {} });
  assert.is(unknown.status, 400);
  // The ACL still applies: a token without the path cannot use the role at all.
  const other = await tokenWith(server, { other: 'path "x" { capabilities = ["read"] }' });
  const denied = await call(server, 'POST', 'auth/token/create/users', {
    token: other,
    body: { policies: ['user-bob'] },
  });
  assert.is(denied.status, 403);
});

test.run();
