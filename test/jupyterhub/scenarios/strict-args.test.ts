// Issue 11, points 1–3: a mistyped flag or a stray word never turns into a value (and so
// never into a real install), the env file can be named on every Node, and a secret can
// stay off the command line (stdin), with a warning when it is on it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { keycloakWrites, line, mark, stateBytes } from './helpers.js';

const test = suite('jupyterhub scenario: strict arguments, env file, secrets off argv');

let sc: Scenario;
// Variables this file depends on, set explicitly (defaults may change).
const ENV = { ...ALL_OFF, JUPYTERHUB_NAMESPACE: 'datastack' };

test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

/** The run was refused before any call: no kubectl/helm, no Vault or Keycloak request. */
async function refusedOutright(args: string[], message: RegExp | string) {
  const state = stateBytes(sc);
  const m = mark(sc);
  const kc = sc.keycloak.requests().length;
  const vault = sc.vault.requests().length;
  const r = await sc.run(args, ENV);
  assert.is(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
  assert.match(r.stderr, message);
  assert.equal(m.since().map(line), []);
  assert.is(sc.keycloak.requests().length, kc);
  assert.is(sc.vault.requests().length, vault);
  assert.is(stateBytes(sc), state);
  assert.not.match(r.stderr, /Installing JupyterHub/);
}

test('install -nx (a mistyped -n) is a usage error naming -nx, not a root token', async () => {
  await refusedOutright(['jupyterhub:install', '-nx'], /unknown option -nx for jupyterhub:install/);
});

test('install -d and install --dryrun are usage errors', async () => {
  await refusedOutright(['jupyterhub:install', '-d'], /unknown option -d\b/);
  await refusedOutright(['jupyterhub:install', '--dryrun'], /unknown option --dryrun/);
});

test('install -- --dry-run: a flag after -- is refused, not taken as the root token', async () => {
  await refusedOutright(['jupyterhub:install', '--', '--dry-run'], /--dry-run after --/);
});

test('install JUPYTERHUB_HOST=x --dry-run: not a parameter; variables go in the environment', async () => {
  await refusedOutright(
    ['jupyterhub:install', 'JUPYTERHUB_HOST=x.example.org', '--dry-run'],
    /JUPYTERHUB_HOST is not a parameter of jupyterhub:install\n.*variables go in the environment or \.env\.local/,
  );
});

test('--dotenv-path / --env-file without a value are usage errors', async () => {
  await refusedOutright(['jupyterhub:install', '--dotenv-path'], /--dotenv-path needs a file name/);
  await refusedOutright(['jupyterhub:install', '--dotenv-path', '-n'], /--dotenv-path needs/);
  await refusedOutright(
    ['jupyterhub:install', '--dotenv-path='],
    /--dotenv-path needs a file name/,
  );
});

/** `tasks` exactly as installed: node runs bin/tasks.js, so node sees the whole argv first. */
function runBin(args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  const bin = fileURLToPath(new URL('../../../../bin/tasks.js', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: sc.dir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('--dotenv-path PATH names the env file through bin/tasks.js on this Node', async () => {
  const file = join(sc.dir, 'other.env');
  writeFileSync(file, 'VAULT_HOST=vault.from-file.example\n');
  for (const args of [
    ['vault:vault-addr', '--dotenv-path', file],
    [`--dotenv-path=${file}`, 'vault:vault-addr'],
  ]) {
    const r = await runBin(args, sc.dir);
    assert.is(r.code, 0, r.out);
    assert.is(r.out, 'https://vault.from-file.example\n');
  }
  const missing = await runBin(
    ['vault:vault-addr', '--dotenv-path', join(sc.dir, 'nope.env')],
    sc.dir,
  );
  assert.is(missing.code, 1, missing.out);
  assert.match(missing.out, 'env file not found');
});

test('root token as an argument: works, warns in one line, never printed', async () => {
  const token = sc.vault.rootToken;
  const r = await sc.run(['jupyterhub:install', token, '--dry-run'], {
    ...ENV,
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
  });
  assert.is(r.code, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => l.includes('came from the command line'));
  assert.equal(warnings, [
    '! root_token came from the command line, where `ps` shows it to every user of this machine: give - instead and the value on stdin, or set VAULT_TOKEN (jupyterhub:install)',
  ]);
  assert.not.ok(r.stderr.includes(token) || r.stdout.includes(token));
});

test('root token as - on stdin: no warning, the token is used (Vault saw it)', async () => {
  const before = sc.vault.requests().length;
  const r = await sc.run(
    ['jupyterhub:install', '-', '--dry-run'],
    { ...ENV, JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true' },
    { input: `${sc.vault.rootToken}\n` },
  );
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, 'came from the command line');
  const seen = sc.vault.requests().slice(before);
  assert.ok(seen.length > 0, 'the dry-run read Vault');
  assert.ok(
    seen.every((q) => q.status !== 403),
    seen.map((q) => `${q.method} ${q.path} ${q.status}`).join('\n'),
  );
  assert.equal(keycloakWrites(sc), []);
});

test.run();
