// KV v2 through the HTTP API: versions, soft delete, undelete, destroy, metadata, LIST, cas and PATCH.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, client } from './test-helpers.js';

const test = suite<{ server: VaultTestServer }>('vault KV v2', {} as { server: VaultTestServer });

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

const write = (
  s: VaultTestServer,
  key: string,
  data: Record<string, unknown>,
  options?: Record<string, unknown>,
) => call(s, 'POST', `secret/data/${key}`, { body: options ? { data, options } : { data } });

test('versions: write, read latest and ?version, metadata', async ({ server }) => {
  const w1 = await write(server, 'app/cfg', { a: '1' });
  assert.is(w1.status, 200);
  assert.equal(Object.keys(w1.body.data).sort(), [
    'created_time',
    'custom_metadata',
    'deletion_time',
    'destroyed',
    'version',
  ]);
  assert.is(w1.body.data.version, 1);
  server.clock.advance(5);
  await write(server, 'app/cfg', { a: '2', b: 'x' });
  const latest = await call(server, 'GET', 'secret/data/app/cfg');
  assert.equal(latest.body.data.data, { a: '2', b: 'x' });
  assert.equal(latest.body.data.metadata.version, 2);
  assert.is(latest.body.mount_type, 'kv');
  const v1 = await call(server, 'GET', 'secret/data/app/cfg?version=1');
  assert.equal(v1.body.data.data, { a: '1' });
  assert.equal((await call(server, 'GET', 'secret/data/app/cfg?version=7')).body, { errors: [] });
  const meta = (await call(server, 'GET', 'secret/metadata/app/cfg')).body.data;
  assert.is(meta.current_version, 2);
  assert.equal(Object.keys(meta.versions), ['1', '2']);
  assert.is(meta.max_versions, 0);
  assert.is(meta.delete_version_after, '0s');
  assert.ok(new Date(meta.updated_time).getTime() > new Date(meta.created_time).getTime());
  assert.is(server.kvVersions('app/cfg'), 2);
  assert.equal(server.kvRead('app/cfg'), { a: '2', b: 'x' });
});

test('missing secrets are 404 with an empty errors list; writes need data', async ({ server }) => {
  const r = await call(server, 'GET', 'secret/data/nope');
  assert.equal([r.status, r.body], [404, { errors: [] }]);
  assert.equal((await call(server, 'GET', 'secret/metadata/nope')).status, 404);
  const noData = await call(server, 'POST', 'secret/data/x', { body: { options: {} } });
  assert.equal([noData.status, noData.body], [400, { errors: ['no data provided'] }]);
  assert.is((await call(server, 'POST', 'secret/data/x', { body: { data: 'str' } })).status, 400);
  assert.is((await call(server, 'GET', 'secret/data/x?list=true')).status, 405);
});

test('soft delete: latest version deleted, 404 with metadata, undelete restores', async ({
  server,
}) => {
  await write(server, 'd/k', { v: '1' });
  await write(server, 'd/k', { v: '2' });
  assert.is((await call(server, 'DELETE', 'secret/data/d/k')).status, 204);
  const gone = await call(server, 'GET', 'secret/data/d/k');
  assert.is(gone.status, 404);
  assert.is(gone.body.data.data, null);
  assert.is(gone.body.data.metadata.version, 2);
  assert.match(gone.body.data.metadata.deletion_time, /^\d{4}-/);
  assert.is(server.kvRead('d/k'), undefined);
  assert.equal((await call(server, 'GET', 'secret/data/d/k?version=1')).body.data.data, { v: '1' });
  const nv = client(server, server.rootToken);
  const e = await nv
    .read('secret/data/d/k')
    .catch((err: { response: { statusCode: number } }) => err);
  assert.is((e as { response: { statusCode: number } }).response.statusCode, 404);
  assert.is(
    (await call(server, 'POST', 'secret/undelete/d/k', { body: { versions: [2] } })).status,
    204,
  );
  assert.equal(server.kvRead('d/k'), { v: '2' });
  assert.is(
    (await call(server, 'POST', 'secret/delete/d/k', { body: { versions: '1,2' } })).status,
    204,
  );
  assert.is((await call(server, 'GET', 'secret/data/d/k?version=1')).status, 404);
  assert.equal((await call(server, 'POST', 'secret/delete/d/k', { body: {} })).body, {
    errors: ['no version number provided'],
  });
});

test('destroy removes data for good; metadata delete removes every version', async ({ server }) => {
  await write(server, 'x/k', { v: '1' });
  await write(server, 'x/k', { v: '2' });
  assert.is(
    (await call(server, 'PUT', 'secret/destroy/x/k', { body: { versions: [1] } })).status,
    204,
  );
  const v1 = await call(server, 'GET', 'secret/data/x/k?version=1');
  assert.equal([v1.status, v1.body.data.data, v1.body.data.metadata.destroyed], [404, null, true]);
  await call(server, 'POST', 'secret/undelete/x/k', { body: { versions: [1] } });
  assert.is((await call(server, 'GET', 'secret/data/x/k?version=1')).status, 404);
  assert.is((await call(server, 'DELETE', 'secret/metadata/x/k')).status, 204);
  assert.is((await call(server, 'GET', 'secret/metadata/x/k')).status, 404);
  assert.is(server.kvVersions('x/k'), 0);
  await write(server, 'x/k', { v: 'new' });
  assert.is(server.kvVersions('x/k'), 1);
});

test('LIST on metadata: keys with trailing "/" for folders, by LIST verb and by ?list=true', async ({
  server,
}) => {
  server.kvWrite('jupyter/users/alice/a', { v: '1' });
  server.kvWrite('jupyter/users/alice/b', { v: '1' });
  server.kvWrite('jupyter/users/alice/b/c', { v: '1' });
  server.kvWrite('jupyter/users/bob/z', { v: '1' });
  const byVerb = await call(server, 'LIST', 'secret/metadata/jupyter/users/');
  assert.equal(byVerb.body.data.keys, ['alice/', 'bob/']);
  const byQuery = await call(server, 'GET', 'secret/metadata/jupyter/users/alice?list=true');
  assert.equal(byQuery.body.data.keys, ['a', 'b', 'b/']);
  const nodeVault = await client(server, server.rootToken).list('secret/metadata/jupyter');
  assert.equal(nodeVault.data.keys, ['users/']);
  const top = await call(server, 'LIST', 'secret/metadata');
  assert.equal(top.body.data.keys, ['jupyter/']);
  const empty = await call(server, 'LIST', 'secret/metadata/nothing/here');
  assert.equal([empty.status, empty.body], [404, { errors: [] }]);
  const methods = server.requests().map((r) => r.method);
  assert.ok(methods.includes('LIST') && methods.includes('GET'));
});

test('check-and-set: cas must match the current version; cas_required enforces it', async ({
  server,
}) => {
  assert.is((await write(server, 'c/k', { v: '1' }, { cas: 0 })).status, 200);
  const stale = await write(server, 'c/k', { v: '2' }, { cas: 0 });
  assert.equal(
    [stale.status, stale.body.errors],
    [400, ['check-and-set parameter did not match the current version']],
  );
  assert.is((await write(server, 'c/k', { v: '2' }, { cas: 1 })).status, 200);
  await call(server, 'POST', 'secret/metadata/c/k', { body: { cas_required: true } });
  assert.equal((await write(server, 'c/k', { v: '3' })).body.errors, [
    'check-and-set parameter required for this call',
  ]);
});

test('PATCH is a JSON merge patch and needs application/merge-patch+json', async ({ server }) => {
  await write(server, 'p/k', { a: '1', b: '2', nested: { x: 1, y: 2 } });
  const patch = (body: unknown, type = 'application/merge-patch+json') =>
    call(server, 'PATCH', 'secret/data/p/k', { body, headers: { 'Content-Type': type } });
  const wrong = await patch({ data: { a: '9' } }, 'application/json');
  assert.is(wrong.status, 415);
  const ok = await patch({ data: { a: '9', b: null, nested: { y: null, z: 3 } } });
  assert.is(ok.status, 200);
  assert.is(ok.body.data.version, 2);
  assert.equal(server.kvRead('p/k'), { a: '9', nested: { x: 1, z: 3 } });
  const viaNodeVault = await client(server, server.rootToken).update('secret/data/p/k', {
    data: { c: '3' },
  });
  assert.is(viaNodeVault.data.version, 3);
  const missing = await call(server, 'PATCH', 'secret/data/p/none', {
    body: { data: {} },
    headers: { 'Content-Type': 'application/merge-patch+json' },
  });
  assert.is(missing.status, 404);
});

test('max_versions prunes old versions; delete_version_after expires versions by the clock', async ({
  server,
}) => {
  for (let i = 1; i <= 12; i++) server.kvWrite('m/k', { i: String(i) });
  let meta = (await call(server, 'GET', 'secret/metadata/m/k')).body.data;
  assert.equal(
    [meta.current_version, meta.oldest_version, Object.keys(meta.versions).length],
    [12, 3, 10],
  );
  await call(server, 'POST', 'secret/metadata/m/k', {
    body: { max_versions: 2, delete_version_after: '1h' },
  });
  meta = (await call(server, 'GET', 'secret/metadata/m/k')).body.data;
  assert.equal(
    [meta.max_versions, meta.oldest_version, meta.delete_version_after],
    [2, 11, '1h0m0s'],
  );
  await write(server, 'm/k', { i: '13' });
  assert.equal(server.kvRead('m/k'), { i: '13' });
  server.clock.advance(3600);
  assert.is((await call(server, 'GET', 'secret/data/m/k')).status, 404);
});

test("paths outside data/metadata/delete/undelete/destroy get Vault's KV v2 warning", async ({
  server,
}) => {
  const r = await call(server, 'GET', 'secret/app/cfg');
  assert.is(r.status, 404);
  assert.match(r.body.warnings[0], /^Invalid path for a versioned K\/V secrets engine/);
});

test.run();
