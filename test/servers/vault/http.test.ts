import net from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, client, failure } from './test-helpers.js';

const test = suite<{ server: VaultTestServer }>(
  'vault HTTP surface',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer({ rootToken: 'root-token-for-tests' });
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

/** Sends raw bytes and returns the raw response (for verbs and framing fetch won't produce). */
function raw(server: VaultTestServer, request: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), '127.0.0.1', () => sock.write(request));
    let out = '';
    sock.on('data', (d) => (out += d.toString('utf8')));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
  });
}

test('sys/health: 200 active, 503 sealed, HEAD, query overrides; no token needed', async ({
  server,
}) => {
  const up = await call(server, 'GET', 'sys/health', { token: null });
  assert.is(up.status, 200);
  assert.equal(
    [up.body.initialized, up.body.sealed, up.body.standby, up.body.version],
    [true, false, false, '1.17.5'],
  );
  const head = await fetch(`${server.url}/v1/sys/health`, { method: 'HEAD' });
  assert.is(head.status, 200);
  assert.is(await head.text(), '');
  server.seal(true);
  const down = await call(server, 'GET', 'sys/health', { token: null });
  assert.equal([down.status, down.body.sealed], [503, true]);
  assert.is((await fetch(`${server.url}/v1/sys/health`, { method: 'HEAD' })).status, 503);
  assert.is((await call(server, 'GET', 'sys/health?sealedcode=200', { token: null })).status, 200);
  const status = await call(server, 'GET', 'sys/seal-status', { token: null });
  assert.equal([status.status, status.body.sealed, status.body.type], [200, true, 'shamir']);
  const health = await client(server, server.rootToken).health();
  assert.is(health.sealed, true);
});

test('sealed: every other request is 503 "Vault is sealed" until unsealed', async ({ server }) => {
  server.seal(true);
  const r = await call(server, 'GET', 'secret/data/x');
  assert.equal([r.status, r.body], [503, { errors: ['Vault is sealed'] }]);
  assert.equal(await failure(client(server, server.rootToken).read('secret/data/x')), {
    status: 503,
    message: 'Vault is sealed',
  });
  server.seal(false);
  assert.is((await call(server, 'GET', 'secret/data/x')).status, 404);
});

test('authentication: X-Vault-Token or Bearer; missing and invalid tokens are 403', async ({
  server,
}) => {
  const none = await call(server, 'GET', 'secret/data/x', { token: null });
  assert.equal([none.status, none.body], [403, { errors: ['permission denied'] }]);
  const bad = await call(server, 'GET', 'secret/data/x', { token: 'hvs.bogus' });
  assert.equal(
    [bad.status, bad.body],
    [403, { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] }],
  );
  const bearer = await call(server, 'GET', 'auth/token/lookup-self', {
    token: null,
    headers: { Authorization: `Bearer ${server.rootToken}` },
  });
  assert.is(bearer.status, 200);
});

test('unknown routes: 404 "no handler for route", unknown paths in a mount, unsupported verbs', async ({
  server,
}) => {
  const r = await call(server, 'GET', 'nomount/data/x/y');
  assert.equal(
    [r.status, r.body],
    [404, { errors: ['no handler for route "nomount/data/x/y". route entry not found.'] }],
  );
  assert.equal((await call(server, 'GET', 'auth/token/nope')).body, {
    errors: ['unsupported path'],
  });
  assert.equal((await call(server, 'DELETE', 'auth/token/create')).status, 405);
  assert.is((await call(server, 'OPTIONS', 'secret/data/x')).status, 405);
  assert.is((await fetch(`${server.url}/not-v1`)).status, 404);
});

test('LIST verb on the wire is accepted and logged as LIST; ?list=true works the same', async ({
  server,
}) => {
  server.kvWrite('a/b', { v: '1' });
  const res = await raw(
    server,
    `LIST /v1/secret/metadata/a HTTP/1.1\r\nHost: x\r\nX-Vault-Token: ${server.rootToken}\r\nConnection: keep-alive\r\n\r\n`,
  );
  assert.match(res, /^HTTP\/1\.1 200 OK/);
  assert.match(res, /"keys":\["b"\]/);
  assert.match(res, /[Cc]onnection: close/);
  const viaQuery = await call(server, 'GET', 'secret/metadata/a?list=1');
  assert.equal(viaQuery.body.data.keys, ['b']);
  assert.equal(server.requests().slice(-2), [
    { method: 'LIST', path: '/v1/secret/metadata/a', status: 200 },
    { method: 'GET', path: '/v1/secret/metadata/a', status: 200 },
  ]);
});

test('bodies: bad JSON is 400; a chunked body passes the front intact', async ({ server }) => {
  const bad = await call(server, 'POST', 'secret/data/x', { body: '{nope' });
  assert.is(bad.status, 400);
  assert.match(bad.body.errors[0], /^failed to parse JSON input/);
  const payload = JSON.stringify({ data: { big: 'y'.repeat(200_000) } });
  const chunked = await raw(
    server,
    `POST /v1/secret/data/big HTTP/1.1\r\nHost: x\r\nX-Vault-Token: ${server.rootToken}\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `${payload.length.toString(16)}\r\n${payload}\r\n0\r\n\r\n`,
  );
  assert.match(chunked, /^HTTP\/1\.1 200 OK/);
  assert.is((server.kvRead('big')!.big as string).length, 200_000);
});

test('many requests over a keep-alive client all succeed (the front closes each connection)', async ({
  server,
}) => {
  const nv = client(server, server.rootToken);
  for (let i = 0; i < 30; i++) await nv.write(`secret/data/k${i}`, { data: { i: String(i) } });
  const listed = await Promise.all([
    nv.list('secret/metadata'),
    nv.list('secret/metadata/'),
    nv.read('secret/data/k29'),
  ]);
  assert.is(listed[0].data.keys.length, 30);
  assert.equal(listed[2].data.data, { i: '29' });
});

test('request log has method, path, status only — never tokens or bodies', async ({ server }) => {
  await call(server, 'POST', 'secret/data/s', { body: { data: { password: 'hunter2' } } });
  await call(server, 'GET', 'secret/data/s?version=1');
  const log = JSON.stringify(server.requests());
  assert.not.match(log, /hunter2|root-token-for-tests|version=1/);
  assert.equal(server.requests()[0], { method: 'POST', path: '/v1/secret/data/s', status: 200 });
});

test('/_test/ control needs the root token: clock and seal', async ({ server }) => {
  const other = server.createToken({ policies: ['root'] });
  const post = (path: string, body: unknown, token: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'X-Vault-Token': token },
      body: JSON.stringify(body),
    });
  assert.is((await post('/_test/clock', { advance: 10 }, other)).status, 403);
  const before = server.clock.now();
  const r = await post('/_test/clock', { advance: 10 }, server.rootToken);
  assert.equal(await r.json(), { now: before + 10_000 });
  assert.is((await post('/_test/seal', { sealed: true }, server.rootToken)).status, 200);
  assert.is((await call(server, 'GET', 'secret/data/x')).status, 503);
  assert.is((await post('/_test/seal', { sealed: 'no' }, server.rootToken)).status, 400);
  await post('/_test/seal', { sealed: false }, server.rootToken);
  assert.is((await call(server, 'GET', 'secret/data/x')).status, 404);
});

test.run();
