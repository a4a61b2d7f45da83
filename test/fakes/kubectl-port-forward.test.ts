import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, createConnection, type Server } from 'node:net';
import { spawn } from 'node:child_process';
import { createFakeCluster, withJupyterHub, withNamespace, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake kubectl port-forward', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => withNamespace(s, 'jupyter'));
});
test.after.each((ctx) => {
  ctx.fc.close();
});

const es = (
  name: string,
  key: string,
  property: string,
  target = name,
) => `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${name}
  namespace: jupyter
spec:
  refreshInterval: 1h
  secretStoreRef: {name: vault-secret-store, kind: ClusterSecretStore}
  target: {name: ${target}, creationPolicy: Owner}
  data:
  - secretKey: crypt-key
    remoteRef: {key: ${key}, property: ${property}}
`;

test('port-forward relays TCP to the configured target until SIGTERM', async ({ fc }) => {
  const echo: Server = createServer((sock) => sock.on('data', (d) => sock.write(`echo:${d}`)));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  const port = (echo.address() as { port: number }).port;
  fc.update((s) => withJupyterHub(s, 'jupyter', { hubTarget: `127.0.0.1:${port}` }));
  const child = spawn('kubectl', ['port-forward', '-n', 'jupyter', 'svc/hub', '0:8081'], {
    env: { ...process.env, ...fc.env },
  });
  const local = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 8081\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (c) => reject(new Error(`port-forward exited ${c}`)));
  });
  const reply = await new Promise<string>((resolve, reject) => {
    const c = createConnection({ host: '127.0.0.1', port: local }, () => c.write('hello'));
    c.on('data', (d) => {
      resolve(String(d));
      c.end();
    });
    c.on('error', reject);
  });
  assert.is(reply, 'echo:hello');
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  assert.is(code, 0);
  echo.close();
  assert.equal(fc.calls().at(-1)?.argv, ['port-forward', '-n', 'jupyter', 'svc/hub', '0:8081']);
  const nf = await run(fc, ['kubectl', 'port-forward', '-n', 'other', 'service/hub', '0:8081']);
  assert.is(nf.stderr, 'Error from server (NotFound): services "hub" not found\n');
  const badPort = await run(fc, ['kubectl', 'port-forward', '-n', 'jupyter', 'svc/hub', '0:9999']);
  assert.is(badPort.stderr, 'error: Service hub does not have a service port 9999\n');
  const pod = await run(fc, ['kubectl', 'port-forward', '-n', 'jupyter', 'pod/hub-0', '0:8081']);
  assert.is(pod.code, 2);
});

test('nothing listening in the pod: the client may still send, then gets EOF and the error', async ({
  fc,
}) => {
  const dead: Server = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const port = (dead.address() as { port: number }).port;
  await new Promise<void>((r) => dead.close(() => r()));
  fc.update((s) => withJupyterHub(s, 'jupyter', { hubTarget: `127.0.0.1:${port}` }));
  const child = spawn('kubectl', ['port-forward', '-n', 'jupyter', 'svc/hub', '0:8081'], {
    env: { ...process.env, ...fc.env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const local = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 8081\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (c) => reject(new Error(`port-forward exited ${c}`)));
  });
  // As with kubectl, the local connection is accepted and read before the pod's refusal
  // closes it: a request written a moment after connecting is not refused unread.
  const ended = await new Promise<string>((resolve) => {
    let wrote = false;
    const when = () => (wrote ? 'after the write' : 'before the write');
    const c = createConnection({ host: '127.0.0.1', port: local }, () =>
      setTimeout(() => c.write('GET / HTTP/1.1\r\n\r\n', () => (wrote = true)), 100),
    );
    c.on('data', () => resolve('data'));
    c.on('end', () => resolve(`end ${when()}`));
    c.on('error', (e) => resolve(`${(e as NodeJS.ErrnoException).code} ${when()}`));
  });
  assert.is(ended, 'end after the write');
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  assert.is(code, 0);
  assert.match(stderr, `an error occurred forwarding ${local} -> 8081`);
  assert.match(stderr, 'ECONNREFUSED');
});

test.run();
