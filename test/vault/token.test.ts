import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { vaultToken } from '../../tasks/vault/token.js';
import { assertOneLineError } from '../support/assert-error.js';
import { tempDir } from '../support/cli.js';
import { testContext } from '../support/context.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// Where the Vault token comes from: argument > VAULT_TOKEN (env, .env.local, op://) >
// OIDC through the vault CLI (never for root recipes) > a prompt (an error without a terminal).
const test = suite('vault token resolution');
let sc: Scenario;
let oidcToken: string;
let noVault: ReturnType<typeof tempDir>;
test.before(async () => {
  sc = await startScenario();
  sc.vault.kvWrite('app/token', { k: 'value-read' });
  sc.vault.setPolicy(
    'app',
    'path "secret/data/app/*" {\n  capabilities = ["create", "read", "update", "delete"]\n}\n',
  );
  oidcToken = sc.vault.createToken({ policies: ['app'], displayName: 'oidc-alice' });
  // A PATH with the fakes except `vault`: no OIDC login is possible.
  noVault = tempDir();
  mkdirSync(join(noVault.path, 'bin'));
  const fakes = sc.env.PATH!.split(':')[0]!;
  for (const tool of ['kubectl', 'helm', 'op'])
    symlinkSync(join(fakes, tool), join(noVault.path, 'bin', tool));
});
test.after(async () => {
  noVault.remove();
  await sc.close();
});
test.before.each(() => {
  sc.fc.update((s) => {
    delete s.simulations.vaultCli;
    delete s.simulations.op;
  });
  writeFileSync(sc.fc.env.FAKE_CALL_LOG!, '');
});

const vaultCalls = () =>
  sc.fc
    .calls()
    .filter((c) => c.tool === 'vault')
    .map((c) => c.argv.join(' '));
const callLog = () => readFileSync(sc.fc.env.FAKE_CALL_LOG!, 'utf8');

test('VAULT_TOKEN from the environment: no login, no prompt', async () => {
  const r = await sc.run(['vault:get', 'app/token', 'k'], { VAULT_TOKEN: sc.vault.rootToken });
  assert.equal([r.code, r.stdout, r.stderr], [0, 'value-read\n', '']);
  assert.equal(sc.fc.calls(), []);
});

test('VAULT_TOKEN from .env.local (found from the working directory)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir.path, '.env.local'), `VAULT_TOKEN=${sc.vault.rootToken}\n`);
  const r = await sc.run(['vault:get', 'app/token', 'k'], {}, { cwd: dir.path });
  dir.remove();
  assert.equal([r.code, r.stdout, r.stderr], [0, 'value-read\n', '']);
  assert.equal(vaultCalls(), []);
});

test('op:// references are read with `op read`, from the environment and from .env.local', async () => {
  const ref = 'op://Private/vault/root-token';
  sc.fc.update((s) => (s.simulations.op = { items: { [ref]: sc.vault.rootToken } }));
  const env = await sc.run(['vault:put', 'app/op', 'k=via-op-1'], { VAULT_TOKEN: ref });
  assert.is(env.code, 0, env.stderr);
  const dir = tempDir();
  writeFileSync(join(dir.path, '.env.local'), `VAULT_TOKEN=${ref}\n`);
  const file = await sc.run(['vault:get', 'app/op', 'k'], {}, { cwd: dir.path });
  dir.remove();
  assert.equal([file.code, file.stdout], [0, 'via-op-1\n'], file.stderr);
  assert.equal(sc.vault.kvRead('app/op'), { k: 'via-op-1' });
  assert.equal(
    sc.fc.calls().map((c) => [c.tool, c.argv]),
    [
      ['op', ['read', ref]],
      ['op', ['read', ref]],
    ],
  );
  assert.not.ok(callLog().includes(sc.vault.rootToken));
  assert.not.ok((env.stderr + file.stderr).includes(sc.vault.rootToken));
});

test('op:// while signed out of 1Password: one line, exit 1', async () => {
  sc.fc.update((s) => (s.simulations.op = { signedIn: false, items: {} }));
  const r = await sc.run(['vault:get', 'app/token', 'k'], {
    VAULT_TOKEN: 'op://Private/vault/root-token',
  });
  assertOneLineError(
    r,
    /^✗ op read op:\/\/Private\/vault\/root-token failed: .*You are not currently signed in/,
  );
});

test('no VAULT_TOKEN, vault CLI installed: OIDC login, then `vault print token` (non-root recipes)', async () => {
  sc.fc.update((s) => (s.simulations.vaultCli = { oidcToken }));
  const get = await sc.run(['vault:get', 'app/token', 'k'], { VAULT_TOKEN: undefined });
  assert.equal([get.code, get.stdout], [0, 'value-read\n'], get.stderr);
  assert.match(get.stderr, /^→ logging in to Vault at http:\/\/127\.0\.0\.1:\d+ with OIDC/m);
  assert.equal(vaultCalls(), ['login -method=oidc -no-print', 'print token']);
  const login = sc.fc.calls()[0]!;
  assert.is(login.env.VAULT_ADDR, sc.vault.url);
  // The OIDC token is the one used: its policy allows app/* only.
  const put = await sc.run(['vault:put', 'app/oidc', 'k=v1234'], { VAULT_TOKEN: undefined });
  assert.is(put.code, 0, put.stderr);
  const denied = await sc.run(['vault:put', 'other/oidc', 'k=v1234'], { VAULT_TOKEN: undefined });
  assertOneLineError(denied, 'Vault denied write secret/other/oidc');
  // vault:write logs in as upstream's `write` does (root-write is the root-token variant).
  const write = await sc.run(['vault:write', 'secret/data/app/w', 'k=v'], {
    VAULT_TOKEN: undefined,
  });
  assert.match(write.stderr, /^→ logging in to Vault at http:\/\/127\.0\.0\.1:\d+ with OIDC/m);
  for (const text of [get.stderr, put.stderr, denied.stderr, write.stderr, callLog()])
    assert.not.ok(text.includes(oidcToken), 'the OIDC token leaked');
});

test('root recipes never call `vault login`: without VAULT_TOKEN they stop naming it', async () => {
  sc.fc.update((s) => (s.simulations.vaultCli = { oidcToken }));
  writeFileSync(join(sc.dir, 'p.hcl'), 'path "x" {\n  capabilities = ["read"]\n}\n');
  const runs = await Promise.all(
    [
      ['vault:put-root', 'app/r', 'k=v'],
      ['vault:get-root', 'app/token', 'k'],
      ['vault:delete-root', 'app/token'],
      ['vault:exist-root', 'app/token'],
      ['vault:write-policy', 'p', 'p.hcl'],
      ['vault:root-write', 'auth/kubernetes/role/r', 'policies=p'],
    ].map((args) => sc.run(args, { VAULT_TOKEN: undefined })),
  );
  for (const r of runs)
    assertOneLineError(r, /^✗ VAULT_TOKEN is required: set it in \.env\.local or the environment$/);
  assert.equal(vaultCalls(), []);
  assert.equal(sc.vault.kvRead('app/token'), { k: 'value-read' });
});

test('non-interactive, no VAULT_TOKEN and no vault CLI: exit 1 naming VAULT_TOKEN, nothing sent', async () => {
  const before = sc.vault.requests().length;
  const r = await sc.run(['vault:put', 'app/t', 'k=v'], {
    VAULT_TOKEN: undefined,
    PATH: join(noVault.path, 'bin'),
  });
  assertOneLineError(r, /^✗ VAULT_TOKEN is required: set it in \.env\.local or the environment$/);
  assert.is(sc.vault.requests().length, before);
});

test('CI=true: no browser login is tried, the run stops naming VAULT_TOKEN', async () => {
  sc.fc.update((s) => (s.simulations.vaultCli = { oidcToken }));
  const r = await sc.run(['vault:get', 'app/token', 'k'], { VAULT_TOKEN: undefined, CI: 'true' });
  assertOneLineError(r, /^✗ VAULT_TOKEN is required: set it in \.env\.local or the environment$/);
  assert.equal(vaultCalls(), []);
});

test('a failed OIDC login is one line naming VAULT_TOKEN', async () => {
  sc.fc.update((s) => (s.simulations.vaultCli = {}));
  const r = await sc.run(['vault:get', 'app/token', 'k'], { VAULT_TOKEN: undefined });
  assertOneLineError(r, /^✗ Vault OIDC login failed \(missing role\)$/);
  assert.match(r.stderr, /^ {2}set VAULT_TOKEN in \.env\.local or the environment/m);
  assert.equal(vaultCalls(), ['login -method=oidc -no-print']);
});

test('a token given as an argument wins over VAULT_TOKEN and is registered as a secret', async () => {
  const { ctx, err } = testContext({ env: { VAULT_TOKEN: 'env-token-value' } });
  const token = await vaultToken(ctx, sc.vault.url, { explicit: 'argument-token-value' });
  assert.is(token, 'argument-token-value');
  ctx.log.line('the token is argument-token-value');
  assert.is(err(), 'the token is ***\n');
  assert.is(
    await vaultToken(ctx, sc.vault.url),
    'argument-token-value',
    'kept for the rest of the run',
  );
});

test.run();
