// Issue 11, point 10: a server that accepts and never answers costs one bounded timeout
// per call, and the message names the service and its URL (Vault, Keycloak).
import { createServer, type Server, type Socket } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { httpTimeoutMs, isTlsFailure, isUnreachable } from '../../tasks/core/http.js';
import { runCli } from '../support/cli.js';

const test = suite('core/http: every HTTP call has one bounded timeout');

let server: Server;
let url: string;
const sockets: Socket[] = [];

test.before(async () => {
  // Accepts the connection, reads the request, never answers.
  server = createServer((s) => void sockets.push(s.on('data', () => {})));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
test.after(() => {
  sockets.forEach((s) => s.destroy());
  server.close();
});

const ENV = {
  TASKS_HTTP_TIMEOUT: '1',
  KEYCLOAK_ADMIN_USER: 'admin',
  KEYCLOAK_ADMIN_PASSWORD: 'admin-password-1',
  VAULT_TOKEN: 'hvs.some-token-value',
};

test('Keycloak that never answers: exit 1 after the bound, naming Keycloak and its URL', async () => {
  const start = Date.now();
  const r = await runCli(['keycloak:get-client', 'buunstack', 'x'], {
    env: { ...ENV, KEYCLOAK_URL: url },
  });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, `✗ Keycloak at ${url} did not answer within 1s (log in as the admin)`);
  assert.match(r.stderr, 'TASKS_HTTP_TIMEOUT');
  assert.ok(Date.now() - start < 15_000, `took ${Date.now() - start} ms`);
});

test('Vault that never answers: exit 1 after the bound, naming Vault and its URL', async () => {
  const start = Date.now();
  const r = await runCli(['vault:get', 'app/x', 'f'], { env: { ...ENV, VAULT_ADDR: url } });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, `✗ Vault at ${url} did not answer within 1s (read secret/app/x)`);
  assert.ok(Date.now() - start < 15_000, `took ${Date.now() - start} ms`);
});

test('TASKS_HTTP_TIMEOUT: seconds, default 30; zero or garbage is refused', () => {
  assert.is(httpTimeoutMs({}), 30_000);
  assert.is(httpTimeoutMs({ TASKS_HTTP_TIMEOUT: '2.5' }), 2500);
  assert.throws(() => httpTimeoutMs({ TASKS_HTTP_TIMEOUT: '0' }), /positive number of seconds/);
  assert.throws(() => httpTimeoutMs({ TASKS_HTTP_TIMEOUT: 'soon' }), /positive number/);
});

test('one test for "never reached" and one for "TLS failed", for every client (fetch, node-vault)', async () => {
  // fetch: TypeError("fetch failed") with the system error as its cause.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
  const refused = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
  assert.ok(isUnreachable(refused));
  assert.not.ok(isTlsFailure(refused));
  // request (node-vault): the code on the error itself; an HTTP answer means it was reached.
  assert.ok(isUnreachable({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND vault' }));
  assert.not.ok(isUnreachable({ code: 'ECONNREFUSED', response: { statusCode: 503 } }));
  assert.not.ok(isUnreachable({ message: 'x', response: { status: 404 } }));
  const tls = { message: 'fetch failed', cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } };
  assert.ok(isTlsFailure(tls));
  assert.not.ok(isUnreachable(tls));
  assert.not.ok(isUnreachable(new Error('boom')));
  assert.not.ok(isUnreachable(undefined));
});

test.run();
