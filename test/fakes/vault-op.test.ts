import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFakeCluster, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake vault and op CLIs', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster({
    simulations: {
      vaultCli: {
        tokens: {
          'hvs.admin': { ttl: 86400, renewable: true, policies: ['jupyterhub-admin'] },
          'hvs.fixed': { ttl: 60, renewable: false },
        },
        oidcToken: 'hvs.oidc',
      },
      op: { items: { 'op://Private/vault/token': 'hvs.from-op' } },
    },
  });
});
test.after.each((ctx) => ctx.fc.close());

test('token lookup / renew with VAULT_TOKEN; the token never reaches the call log', async ({
  fc,
}) => {
  const env = { VAULT_TOKEN: 'hvs.admin', VAULT_ADDR: 'http://127.0.0.1:8200' };
  const l = await run(fc, ['vault', 'token', 'lookup', '-format=json'], { env });
  assert.is(l.code, 0, l.stderr);
  assert.is(JSON.parse(l.stdout).data.ttl, 86400);
  assert.match(
    (await run(fc, ['vault', 'token', 'lookup'], { env })).stdout,
    /^Key +Value\n--- +-----\n/,
  );
  const r = await run(fc, ['vault', 'token', 'renew', '-increment=1h', 'hvs.admin'], {
    env: { VAULT_ADDR: env.VAULT_ADDR },
  });
  assert.is(r.code, 0, r.stderr);
  assert.equal(fc.state().simulations.vaultCli?.tokens?.['hvs.admin'].ttl, 3600);
  const nr = await run(fc, ['vault', 'token', 'renew'], {
    env: { ...env, VAULT_TOKEN: 'hvs.fixed' },
  });
  assert.is(nr.code, 2);
  assert.match(nr.stderr, 'Code: 400. Errors:\n\n* lease is not renewable');
  const bad = await run(fc, ['vault', 'token', 'lookup'], {
    env: { ...env, VAULT_TOKEN: 'hvs.nope' },
  });
  assert.is(bad.code, 2);
  assert.match(
    bad.stderr,
    'URL: GET http://127.0.0.1:8200/v1/auth/token/lookup-self\nCode: 403. Errors:\n\n* permission denied',
  );
  // env values are masked in the log; argv is recorded verbatim so a token on a command line shows.
  assert.is(fc.calls()[0].env.VAULT_TOKEN, '***');
  assert.not.match(JSON.stringify(fc.calls().map((c) => c.env)), 'hvs.admin');
  assert.equal(fc.calls()[2].argv.slice(0, 3), ['token', 'renew', '-increment=1h']);
  assert.is(fc.calls()[2].argv.length, 4);
  fc.update(
    (s) =>
      (s.simulations.vaultCli!.results = {
        'token renew': { code: 2, stderr: 'Error renewing token: boom\n' },
      }),
  );
  assert.is(
    (await run(fc, ['vault', 'token', 'renew'], { env })).stderr,
    'Error renewing token: boom\n',
  );
  assert.is(
    (await run(fc, ['vault', 'token', 'renew', 'hvs.admin', '-increment=1h'], { env })).code,
    1,
  );
});

test('login -method=oidc, print token; unsupported vault commands', async ({ fc }) => {
  const login = await run(fc, ['vault', 'login', '-method=oidc', '-no-print']);
  assert.is(login.code, 0, login.stderr);
  assert.is(login.stdout, '');
  assert.is((await run(fc, ['vault', 'print', 'token'])).stdout, 'hvs.oidc\n');
  assert.is(
    (await run(fc, ['vault', 'print', 'token'], { env: { VAULT_TOKEN: 'hvs.env' } })).stdout,
    'hvs.env\n',
  );
  for (const args of [
    ['kv', 'get', 'secret/x'],
    ['login', '-method=userpass'],
    ['token', 'create'],
    ['token', 'lookup', '-format=yaml'],
  ]) {
    const r = await run(fc, ['vault', ...args]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, 'unsupported');
  }
});

test('op read: values, unknown references, signed out', async ({ fc }) => {
  const r = await run(fc, ['op', 'read', 'op://Private/vault/token']);
  assert.is(r.code, 0);
  assert.is(r.stdout, 'hvs.from-op\n');
  assert.is(
    (await run(fc, ['op', 'read', '-n', 'op://Private/vault/token'])).stdout,
    'hvs.from-op',
  );
  const item = await run(fc, ['op', 'read', 'op://Private/nope/token']);
  assert.is(item.code, 1);
  assert.match(
    item.stderr,
    /^\[ERROR\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d could not read secret 'op:\/\/Private\/nope\/token': "nope" isn't an item in the "Private" vault/,
  );
  assert.match(
    (await run(fc, ['op', 'read', 'op://Work/vault/token'])).stderr,
    `"Work" isn't a vault in this account`,
  );
  assert.match((await run(fc, ['op', 'read', 'not-a-ref'])).stderr, 'invalid secret reference');
  fc.update((s) => (s.simulations.op!.signedIn = false));
  assert.match(
    (await run(fc, ['op', 'read', 'op://Private/vault/token'])).stderr,
    'You are not currently signed in',
  );
  assert.is((await run(fc, ['op', 'item', 'get', 'x'])).code, 2);
});

test.run();
