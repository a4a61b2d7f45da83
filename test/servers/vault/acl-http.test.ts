import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { ACL_DENIED, call, client, failure, tokenWith } from './test-helpers.js';

const test = suite<{ server: VaultTestServer }>(
  'vault ACL enforcement over HTTP',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

const userPolicy = (user: string) => `
# per-user policy, as user_policy.hcl describes it
path "secret/data/jupyter/users/${user}/*" {
  capabilities = ["create", "update", "read", "delete", "list"]
}
path "secret/metadata/jupyter/users/${user}/*" {
  capabilities = ["list", "read", "delete", "update"]
}
path "secret/metadata/jupyter/users/${user}" { capabilities = ["list"] }
`;

test('a policy on users/alice/* does not grant users/bob/x (node-vault)', async ({ server }) => {
  server.kvWrite('jupyter/users/bob/x', { v: 'bob' });
  server.kvWrite('jupyter/users/alice/x', { v: 'alice' });
  const alice = client(
    server,
    await tokenWith(server, { 'jupyter-user-alice': userPolicy('alice') }),
  );
  const own = await alice.read('secret/data/jupyter/users/alice/x');
  assert.equal(own.data.data, { v: 'alice' });
  const denied = await failure(alice.read('secret/data/jupyter/users/bob/x'));
  assert.equal(denied, { status: 403, message: ACL_DENIED });
  assert.equal(
    (await failure(alice.write('secret/data/jupyter/users/bob/y', { data: { a: '1' } }))).status,
    403,
  );
  // The folder itself (no trailing segment) is not covered by ".../alice/*" for reads.
  assert.equal((await failure(alice.read('secret/data/jupyter/users/alice'))).status, 403);
});

test('LIST is granted by the exact folder rule without trailing slash, and needs "list"', async ({
  server,
}) => {
  server.kvWrite('jupyter/users/alice/a', { v: '1' });
  server.kvWrite('jupyter/users/alice/sub/b', { v: '2' });
  const token = await tokenWith(server, { u: userPolicy('alice') });
  const listed = await client(server, token).list('secret/metadata/jupyter/users/alice');
  assert.equal(listed.data.keys, ['a', 'sub/']);
  const viaQuery = await call(server, 'GET', 'secret/metadata/jupyter/users/alice?list=true', {
    token,
  });
  assert.is(viaQuery.status, 200);
  assert.equal(
    (await call(server, 'LIST', 'secret/metadata/jupyter/users', { token })).status,
    403,
  );
  const readOnly = await tokenWith(server, {
    r: 'path "secret/metadata/*" { capabilities = ["read"] }',
  });
  assert.equal(
    (await call(server, 'LIST', 'secret/metadata/jupyter', { token: readOnly })).status,
    403,
  );
});

test('deny wins for the same path across policies and at a more specific path', async ({
  server,
}) => {
  for (const key of ['secret', 'public', 'other']) server.kvWrite(`app/${key}`, { k: 'v' });
  const broad = 'path "secret/data/app/*" { capabilities = ["read", "update"] }';
  const narrowDeny = await tokenWith(server, {
    broad,
    narrow: 'path "secret/data/app/secret" { capabilities = ["deny"] }',
  });
  assert.is(
    (await call(server, 'GET', 'secret/data/app/secret', { token: narrowDeny })).status,
    403,
  );
  assert.is(
    (await call(server, 'GET', 'secret/data/app/public', { token: narrowDeny })).status,
    200,
  );
  const sameDeny = await tokenWith(server, {
    broad,
    same: 'path "secret/data/app/*" { capabilities = ["deny"] }\npath "secret/data/app/public" { capabilities = ["read"] }',
  });
  // the deny merged into the same "secret/data/app/*" rule from another policy beats read/update
  assert.is((await call(server, 'GET', 'secret/data/app/other', { token: sameDeny })).status, 403);
  assert.is(
    (await call(server, 'POST', 'secret/data/app/other', { token: sameDeny, body: { data: {} } }))
      .status,
    403,
  );
  // ...but an exact allow is more specific than a glob deny (Vault's most-specific-rule choice)
  assert.is((await call(server, 'GET', 'secret/data/app/public', { token: sameDeny })).status, 200);
  // the same when the denying policy comes first (policies are applied in name order)
  const denyFirst = await tokenWith(server, {
    'a-deny': 'path "secret/data/app/*" { capabilities = ["deny"] }',
    'z-allow': broad,
  });
  assert.is((await call(server, 'GET', 'secret/data/app/other', { token: denyFirst })).status, 403);
});

test('create vs update is decided by existence of the secret', async ({ server }) => {
  server.kvWrite('cu/existing', { v: '1' });
  const updateOnly = await tokenWith(server, {
    u: 'path "secret/data/cu/*" { capabilities = ["update"] }',
  });
  const createOnly = await tokenWith(server, {
    c: 'path "secret/data/cu/*" { capabilities = ["create"] }',
  });
  const write = (token: string, key: string) =>
    call(server, 'POST', `secret/data/cu/${key}`, { token, body: { data: { v: '2' } } });
  assert.is((await write(updateOnly, 'new1')).status, 403);
  assert.is((await write(updateOnly, 'existing')).status, 200);
  assert.is((await write(createOnly, 'new2')).status, 200);
  assert.is((await write(createOnly, 'existing')).status, 403);
  // token creation has no existence check in Vault: it needs "update"
  const onlyCreateOnTokens = await tokenWith(server, {
    t: 'path "auth/token/create" { capabilities = ["create"] }',
  });
  assert.is(
    (await call(server, 'POST', 'auth/token/create', { token: onlyCreateOnTokens, body: {} }))
      .status,
    403,
  );
});

test('default policy is attached unless no_default_policy; deny by default otherwise', async ({
  server,
}) => {
  const withDefault = await tokenWith(server, { empty: '# nothing' });
  assert.is(
    (await call(server, 'GET', 'auth/token/lookup-self', { token: withDefault })).status,
    200,
  );
  assert.is(
    (await call(server, 'GET', 'secret/data/anything', { token: withDefault })).status,
    403,
  );
  const noDefault = await tokenWith(server, { empty: '# nothing' }, { no_default_policy: true });
  const r = await call(server, 'GET', 'auth/token/lookup-self', { token: noDefault });
  assert.is(r.status, 403);
  assert.equal(r.body, { errors: [ACL_DENIED] });
  // a non-root token on a path no mount serves is denied before routing; root gets the 404
  assert.is((await call(server, 'GET', 'nomount/x', { token: withDefault })).status, 403);
  assert.is((await call(server, 'GET', 'nomount/x')).status, 404);
});

test('root-protected paths need sudo on top of the operation capability', async ({ server }) => {
  const listOnly = await tokenWith(server, {
    l: 'path "auth/token/accessors" { capabilities = ["list"] }',
  });
  const withSudo = await tokenWith(server, {
    s: 'path "auth/token/accessors" { capabilities = ["list", "sudo"] }',
  });
  assert.is((await call(server, 'LIST', 'auth/token/accessors', { token: listOnly })).status, 403);
  const ok = await call(server, 'LIST', 'auth/token/accessors', { token: withSudo });
  assert.is(ok.status, 200);
  assert.ok(ok.body.data.keys.length >= 3);
});

test('sys/capabilities-self reports what the token may do', async ({ server }) => {
  const token = await tokenWith(server, { u: userPolicy('alice') });
  const r = await call(server, 'POST', 'sys/capabilities-self', {
    token,
    body: { paths: ['secret/data/jupyter/users/alice/x', 'secret/data/jupyter/users/bob/x'] },
  });
  assert.is(r.status, 200);
  assert.equal(r.body.data['secret/data/jupyter/users/alice/x'], [
    'create',
    'delete',
    'list',
    'read',
    'update',
  ]);
  assert.equal(r.body.data['secret/data/jupyter/users/bob/x'], ['deny']);
  const root = await call(server, 'POST', 'sys/capabilities-self', { body: { path: 'any/where' } });
  assert.equal(root.body.data.capabilities, ['root']);
});

test.run();
