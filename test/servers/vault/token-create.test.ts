import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, client, tokenWith } from './test-helpers.js';
import { ADMIN, NO_SUDO } from './token-fixtures.js';

const test = suite<{ server: VaultTestServer }>(
  'vault token creation',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

test("create-orphan: without sudo only a subset of the caller's policies; with sudo any", async ({
  server,
}) => {
  const plain = await tokenWith(server, { admin: NO_SUDO });
  const refused = await call(server, 'POST', 'auth/token/create-orphan', {
    token: plain,
    body: { policies: ['jupyter-user-alice'], ttl: '24h' },
  });
  assert.is(refused.status, 400);
  assert.equal(refused.body, { errors: ['child policies must be subset of parent'] });
  // Vault lets create-orphan hand out a subset without sudo (the endpoint is ACL-controlled).
  const subset = await call(server, 'POST', 'auth/token/create-orphan', {
    token: plain,
    body: { policies: ['admin'] },
  });
  assert.is(subset.status, 200);
  assert.is(subset.body.auth.orphan, true);

  const sudo = await tokenWith(server, { admin2: ADMIN });
  const vault = client(server, sudo); // tokenCreateOrphan swaps this client's token: throwaway client
  const created = await vault.tokenCreateOrphan({
    policies: ['jupyter-user-alice'],
    ttl: '24h',
    explicit_max_ttl: '168h',
    renewable: true,
    display_name: 'notebook-alice',
  });
  assert.equal(created.auth.policies, ['default', 'jupyter-user-alice']);
  assert.is(created.auth.orphan, true);
  assert.is(created.auth.lease_duration, 86400);
  assert.is(created.auth.renewable, true);
  assert.equal(created.warnings, ['Policy "jupyter-user-alice" does not exist']);
  const info = server.token(created.auth.client_token)!;
  assert.is(info.displayName, 'token-notebook-alice');
  assert.is(info.explicitMaxTtl, 168 * 3600);
  assert.is(info.parent, undefined);
});

test('no_parent on auth/token/create needs sudo; root is never assignable by non-root', async ({
  server,
}) => {
  const plain = await tokenWith(server, { admin: NO_SUDO });
  const r = await call(server, 'POST', 'auth/token/create', {
    token: plain,
    body: { policies: ['admin'], no_parent: true },
  });
  assert.equal(
    [r.status, r.body.errors],
    [400, ['root or sudo privileges required to create orphan token']],
  );
  const sudo = await tokenWith(server, {
    s: 'path "auth/token/create" { capabilities = ["update", "sudo"] }',
  });
  const orphan = await call(server, 'POST', 'auth/token/create', {
    token: sudo,
    body: { policies: ['x'], no_parent: true },
  });
  assert.is(orphan.status, 200);
  assert.is(orphan.body.auth.orphan, true);
  const rootAsk = await call(server, 'POST', 'auth/token/create', {
    token: sudo,
    body: { policies: ['root'] },
  });
  assert.equal(
    [rootAsk.status, rootAsk.body.errors],
    [400, ['root tokens may not be created without parent token being root']],
  );
  const idAsk = await call(server, 'POST', 'auth/token/create', {
    token: plain,
    body: { id: 'mine' },
  });
  assert.equal(idAsk.body.errors, ['root or sudo privileges required to specify token id']);
});

test("a child inherits the parent's policies when none are asked; default follows the parent", async ({
  server,
}) => {
  const parent = await tokenWith(server, { p: ADMIN }, { no_default_policy: true });
  const child = await call(server, 'POST', 'auth/token/create', { token: parent, body: {} });
  assert.is(child.status, 200);
  assert.equal(child.body.auth.policies, ['p']); // the parent has no "default", so neither does the child
  const parent2 = await tokenWith(server, { p: ADMIN });
  const child2 = await call(server, 'POST', 'auth/token/create', { token: parent2, body: {} });
  assert.equal(child2.body.auth.policies, ['default', 'p']);
  assert.is(child2.body.auth.orphan, false);
});

test('lookup-self has Vault\'s shape; lookup of a bad token is 403 "bad token"', async ({
  server,
}) => {
  const created = await call(server, 'POST', 'auth/token/create', {
    body: {
      policies: ['B', 'a'],
      ttl: '1h30m',
      display_name: 'jupyterhub admin!',
      meta: { user: 'x' },
    },
  });
  assert.equal(created.body.auth.policies, ['a', 'b', 'default']);
  const token = created.body.auth.client_token as string;
  assert.match(token, /^hvs\.[A-Za-z0-9]{24}$/);
  const d = (await call(server, 'POST', 'auth/token/lookup', { body: { token } })).body.data;
  assert.equal(Object.keys(d).sort(), [
    'accessor',
    'creation_time',
    'creation_ttl',
    'display_name',
    'entity_id',
    'expire_time',
    'explicit_max_ttl',
    'id',
    'issue_time',
    'meta',
    'num_uses',
    'orphan',
    'path',
    'policies',
    'renewable',
    'ttl',
    'type',
  ]);
  assert.is(d.display_name, 'token-jupyterhub-admin');
  assert.is(d.creation_ttl, 5400);
  assert.is(d.ttl, 5400);
  assert.is(d.type, 'service');
  assert.is(d.path, 'auth/token/create');
  assert.equal(d.meta, { user: 'x' });
  assert.is(new Date(d.expire_time).getTime(), server.clock.now() + 5400 * 1000);
  assert.match(d.expire_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const rootLook = (await call(server, 'GET', 'auth/token/lookup-self')).body.data;
  assert.equal(
    [rootLook.policies, rootLook.expire_time, rootLook.ttl, rootLook.path],
    [['root'], null, 0, 'auth/token/root'],
  );
  assert.is('renewable' in rootLook, false);
  const bad = await call(server, 'POST', 'auth/token/lookup', { body: { token: 'hvs.unknown' } });
  assert.equal([bad.status, bad.body], [403, { errors: ['bad token'] }]);
});

test('TTLs: Go durations and seconds, 768h system maximum, bad values rejected', async ({
  server,
}) => {
  const mk = (body: Record<string, unknown>) =>
    call(server, 'POST', 'auth/token/create', { body: { policies: ['p'], ...body } });
  assert.is((await mk({ ttl: '1h30m' })).body.auth.lease_duration, 5400);
  assert.is((await mk({ ttl: 90 })).body.auth.lease_duration, 90);
  assert.is((await mk({ ttl: '600' })).body.auth.lease_duration, 600);
  assert.is((await mk({})).body.auth.lease_duration, 768 * 3600);
  const capped = await mk({ ttl: '1000h' });
  assert.is(capped.body.auth.lease_duration, 768 * 3600);
  assert.ok(
    capped.body.warnings.includes(
      'TTL of "1000h" exceeded the effective max_ttl of "768h"; TTL value is capped accordingly',
    ),
  );
  const bad = await mk({ ttl: 'soon' });
  assert.equal(
    [bad.status, bad.body.errors],
    [400, ['strconv.ParseInt: parsing "soon": invalid syntax']],
  );
  assert.equal((await mk({ ttl: '5x' })).status, 400);
  assert.equal((await mk({ ttl: '-5s' })).body.errors, ['ttl must be positive']);
});

test.run();
