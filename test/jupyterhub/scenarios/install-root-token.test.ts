// ESO present, and the only Vault credential is the root token given to install as its
// argument: no VAULT_TOKEN, no vault CLI on PATH (so no OIDC login), no terminal. The secret
// recipes of step 3 must write to Vault with that token. Without it the run must stop
// before changing anything, naming VAULT_TOKEN.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import {
  isQuery,
  keycloakWrites,
  line,
  mark,
  NS,
  readyCondition,
  secretValue,
  stateBytes,
  vaultWrites,
} from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: ESO present, only the root-token argument');

let sc: Scenario;
let leaks: LeakWatch;
let bin: string;
let env: Record<string, string | undefined>;

test.before(async () => {
  sc = await startScenario({ eso: true, vault: true });
  leaks = watchLeaks(sc);
  // kubectl and helm fakes only: no `vault` anywhere on PATH.
  bin = mkdtempSync(join(tmpdir(), 'no-vault-bin-'));
  const fakes = sc.env.PATH.split(delimiter)[0];
  for (const tool of ['kubectl', 'helm']) symlinkSync(join(fakes, tool), join(bin, tool));
  const system = (process.env.PATH ?? '').split(delimiter).filter((d) => d && d !== fakes);
  env = { ...ALL_OFF, PATH: [bin, ...system].join(delimiter), VAULT_TOKEN: undefined };
});
test.after(async () => {
  rmSync(bin, { recursive: true, force: true });
  await sc.close();
});

test('without any token: exit 1 naming VAULT_TOKEN, before any change', async () => {
  const state = stateBytes(sc);
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:install'], env);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'VAULT_TOKEN');
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state);
  assert.equal(vaultWrites(sc), []);
  assert.equal(keycloakWrites(sc), []);
});

test('with the root token argument: exit 0, both secrets written to Vault and synced by ESO', async () => {
  const r = await sc.run(['jupyterhub:install', sc.vault.rootToken], env);
  assert.is(r.code, 0, r.stderr);
  for (const [name, key, path, field, format] of [
    ['jupyterhub-crypt-key', 'crypt-key', 'jupyterhub/config', 'crypt-key', /^[0-9a-f]{64}$/],
    [
      'jupyterhub-admin-service-token',
      'token',
      'jupyterhub/admin-service',
      'token',
      /^[A-Za-z0-9]{48}$/,
    ],
  ] as const) {
    const stored = sc.vault.kvRead(path)?.[field];
    assert.match(String(stored), format);
    assert.is(readyCondition(sc.fc.object('ExternalSecret', name, NS))?.status, 'True');
    assert.is(secretValue(sc, name, key), stored);
  }
  // Every request carried a valid token: without one, Vault answers 403.
  const requests = sc.vault.requests();
  assert.ok(
    requests.some((q) => q.method === 'POST' && q.path === '/v1/secret/data/jupyterhub/config'),
  );
  // (A 404 on a GET is an absent value: install first looks for keys Vault already holds.)
  assert.equal(
    requests.filter((q) => q.status >= 400 && !(q.method === 'GET' && q.status === 404)),
    [],
  );
  assert.not.ok(sc.fc.calls().some((c) => c.tool === 'vault'));
  // Vault integration is off here: no policy, role or admin token.
  assert.is(sc.vault.policy('jupyterhub-admin'), undefined);
  assert.is(sc.vault.kvRead('jupyterhub/vault-token'), undefined);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
