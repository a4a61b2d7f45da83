// Issue 11, point 4: every check comes before the first change. A missing KEYCLOAK_HOST,
// wrong Keycloak credentials, an unreachable Keycloak, a sealed or unreachable Vault, a
// token Vault does not know: install stops with the cause named and leaves the cluster,
// Vault and Keycloak exactly as they were.
import { createServer } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, keycloakWrites, line, mark, stateBytes, vaultWrites } from './helpers.js';

const test = suite('jupyterhub scenario: every check before the first change');

let sc: Scenario;
// External Secrets installed: the hub's secrets would go to Vault, so Vault is needed too.
const ENV = {
  ...ALL_OFF,
  JUPYTERHUB_NAMESPACE: 'datastack',
  KEYCLOAK_REALM: 'buunstack',
};

test.before(async () => {
  sc = await startScenario({ eso: true });
});
test.after(() => sc.close());

async function refused(env: Record<string, string | undefined>, message: RegExp) {
  const state = stateBytes(sc);
  const m = mark(sc);
  const kc = keycloakWrites(sc).length;
  const vw = vaultWrites(sc).length;
  const r = await sc.run(['jupyterhub:install'], {
    ...ENV,
    VAULT_TOKEN: sc.vault.rootToken,
    ...env,
  });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state, 'the cluster is unchanged');
  assert.is(keycloakWrites(sc).length, kc, 'Keycloak is unchanged');
  assert.is(vaultWrites(sc).length, vw, 'Vault is unchanged');
  assert.is(sc.fc.object('Namespace', 'datastack'), undefined);
  return r;
}

test('KEYCLOAK_HOST empty, no terminal: named, nothing created', async () => {
  await refused({ KEYCLOAK_HOST: '', KEYCLOAK_URL: undefined }, /KEYCLOAK_HOST is required/);
});

test('wrong Keycloak admin password: 401 named, nothing created', async () => {
  await refused(
    { KEYCLOAK_ADMIN_PASSWORD: 'not-the-password' },
    /Keycloak rejected the admin credentials \(401\)/,
  );
});

test('Keycloak unreachable: named with its URL, nothing created', async () => {
  // A port that was free a moment ago: connection refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  await refused(
    { KEYCLOAK_URL: `http://127.0.0.1:${port}` },
    new RegExp(`cannot reach Keycloak at http://127\\.0\\.0\\.1:${port}`),
  );
});

test('Keycloak realm missing: named, nothing created', async () => {
  await refused({ KEYCLOAK_REALM: 'nosuchrealm' }, /has no realm nosuchrealm/);
});

test('Vault sealed: named, nothing created', async () => {
  sc.vault.seal(true);
  try {
    await refused({}, /Vault at .* is sealed/);
  } finally {
    sc.vault.seal(false);
  }
});

test('Vault unreachable: named with its address, nothing created', async () => {
  await refused(
    { VAULT_ADDR: 'http://127.0.0.1:1' },
    /cannot reach Vault at http:\/\/127\.0\.0\.1:1/,
  );
});

test('a token Vault does not know: named, nothing created', async () => {
  await refused(
    { VAULT_TOKEN: 'hvs.not-a-real-token-1234' },
    /Vault denied look up its own token \(403/,
  );
});

test('a token that may not write the hub secrets: the paths named, nothing created', async () => {
  const weak = sc.vault.createToken({ policies: ['default'], ttl: '1h' });
  await refused(
    { VAULT_TOKEN: weak },
    /the Vault token may not write secret\/data\/jupyterhub\/config/,
  );
});

test('--dry-run with Keycloak unreachable: planned anyway, said once', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const r = await sc.run(['jupyterhub:install', '--dry-run'], {
    ...ENV,
    VAULT_TOKEN: sc.vault.rootToken,
    KEYCLOAK_URL: `http://127.0.0.1:${port}`,
  });
  assert.is(r.code, 0, r.stderr);
  const said = r.stderr.split('\n').filter((l) => l.includes('is not reachable: planning without'));
  assert.is(said.length, 1, r.stderr);
});

test('with every check passing, the same install goes through', async () => {
  const r = await sc.run(['jupyterhub:install'], { ...ENV, VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  assert.ok(sc.fc.object('Namespace', 'datastack'));
});

test.run();
