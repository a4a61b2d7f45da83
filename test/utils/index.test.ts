import { createServer, type AddressInfo, type Server } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { runCli, tempDir } from '../support/cli.js';
import { closedPort } from '../support/ports.js';

// utils:random-password and utils:check-connection through the CLI.
const test = suite('utils recipes: random-password, check-connection');
let dir: ReturnType<typeof tempDir>;
let server: Server;
let open: number;
test.before(async () => {
  dir = tempDir();
  server = createServer((s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open = (server.address() as AddressInfo).port;
});
test.after(async () => {
  dir.remove();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
const run = (...args: string[]) => runCli(args, { cwd: dir.path });

test('random-password: 48 alphanumeric characters on stdout by default; the length positional or named', async () => {
  const [def, short, named] = await Promise.all([
    run('utils:random-password'),
    run('utils:random-password', '12'),
    run('utils:random-password', 'length=100'),
  ]);
  assert.equal([def.code, def.stderr], [0, '']);
  assert.match(def.stdout, /^[A-Za-z0-9]{48}\n$/);
  assert.match(short.stdout, /^[A-Za-z0-9]{12}\n$/);
  assert.match(named.stdout, /^[A-Za-z0-9]{100}\n$/);
});

test('random-password: a bad length is a usage error (exit 2)', async () => {
  const runs = await Promise.all(
    ['0', '-3', 'abc', '1.5', '4097', '', '1e2', '0x10', ' 8'].map((n) =>
      run('utils:random-password', n),
    ),
  );
  for (const r of runs)
    assertOneLineError(r, /^✗ length must be an integer from 1 to 4096 \(got ".*"\)$/, 2);
});

test('check-connection: an open port is ok (stderr), nothing on stdout', async () => {
  const r = await run('utils:check-connection', '127.0.0.1', String(open));
  assert.equal([r.code, r.stdout, r.stderr], [0, '', `✓ connected to 127.0.0.1:${open}\n`]);
  const named = await run('utils:check-connection', 'host=127.0.0.1', `port=${open}`);
  assert.is(named.code, 0, named.stderr);
});

test('check-connection: a closed port is exit 1 with the telepresence hint, within the 1 s timeout', async () => {
  const port = await closedPort();
  const started = Date.now();
  const r = await run('utils:check-connection', '127.0.0.1', String(port));
  assertOneLineError(r, `✗ cannot connect to 127.0.0.1:${port}`);
  assert.match(r.stderr, /^ {2}run `telepresence connect` to reach in-cluster addresses$/m);
  assert.ok(Date.now() - started < 5000);
});

test('check-connection: a host that does not answer times out after about 1 s', async () => {
  // 192.0.2.0/24 is TEST-NET-1: never routed, so the connect hangs until our timeout (or fails at once).
  const started = Date.now();
  const r = await run('utils:check-connection', '192.0.2.1', '443');
  assertOneLineError(r, '✗ cannot connect to 192.0.2.1:443');
  assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
});

test('check-connection: host and port default to empty and are asked, as upstream; without a terminal, an error', async () => {
  assertOneLineError(await run('utils:check-connection'), '✗ argument <host> is required');
  assertOneLineError(
    await run('utils:check-connection', '127.0.0.1'),
    '✗ argument <port> is required',
  );
});

test('check-connection: a bad port is a usage error (exit 2)', async () => {
  const runs = await Promise.all(
    ['0', '65536', 'https', '-1', '1e3', '0x50', ' 80'].map((p) =>
      run('utils:check-connection', '127.0.0.1', p),
    ),
  );
  for (const r of runs)
    assertOneLineError(r, /^✗ port must be a number between 1 and 65535 \(got ".*"\)$/, 2);
});

test.run();
