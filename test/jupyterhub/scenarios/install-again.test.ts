// Install twice with everything on: the second run replaces no secret (cluster or Vault),
// deletes and creates nothing, keeps the still-valid admin token, and only bumps the Helm
// revision. Then an expired and a non-renewable stored admin token: replaced AND revoked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from '../../support/cli.js';
import { ALL_ON, startScenario, type Scenario } from '../../support/scenario.js';
import { installedObjects, keycloakWrites, line, mark, NS, secretValue } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite(
  'jupyterhub scenario: install twice; a stale admin token is replaced and revoked',
);

const PATHS = ['jupyterhub/config', 'jupyterhub/admin-service', 'jupyterhub/vault-token'];
const SECRETS = [
  ['jupyterhub-crypt-key', 'crypt-key'],
  ['jupyterhub-admin-service-token', 'token'],
  ['jupyterhub-vault-token', 'token'],
] as const;

let sc: Scenario;
let leaks: LeakWatch;
const install = () => sc.run(['jupyterhub:install', sc.vault.rootToken], ALL_ON);
const storedToken = () => String(sc.vault.kvRead('jupyterhub/vault-token')?.token);
const clusterValues = () => SECRETS.map(([name, key]) => secretValue(sc, name, key));
const vaultValues = () => PATHS.map((p) => [sc.vault.kvRead(p), sc.vault.kvVersions(p)]);

let second: CliResult;
let before: {
  objects: Record<string, string>;
  cluster: unknown;
  vault: unknown;
  token: string;
  vaultRequests: number;
  kcWrites: number;
};
let secondCalls: string[];

test.before(async () => {
  sc = await startScenario({ eso: true, vault: true, prometheus: true, nvidia: true });
  leaks = watchLeaks(sc);
  const first = await install();
  assert.is(first.code, 0, first.stderr);
  before = {
    objects: installedObjects(sc),
    cluster: clusterValues(),
    vault: vaultValues(),
    token: storedToken(),
    vaultRequests: sc.vault.requests().length,
    kcWrites: keycloakWrites(sc).length,
  };
  const m = mark(sc);
  second = await install();
  secondCalls = m.since().map(line);
});
test.after(() => sc.close());

test('second run: exit 0, no delete, no wait for a re-created ExternalSecret', () => {
  assert.is(second.code, 0, second.stderr);
  assert.equal(
    secondCalls.filter((l) => / delete |kubectl wait /.test(l)),
    [],
  );
});

test('second run: no secret value replaced, in the cluster or in Vault (no new KV version)', () => {
  assert.equal(clusterValues(), before.cluster);
  assert.equal(vaultValues(), before.vault);
  assert.ok((before.vault as unknown[][]).every(([data, version]) => data && version === 1));
});

test('second run: every object keeps its uid; Secrets, ExternalSecrets, PV/PVC untouched', () => {
  const after = installedObjects(sc);
  const uid = (m: Record<string, string>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.split('@')[0]]));
  assert.equal(uid(after), uid(before.objects), 'same objects, none re-created');
  for (const key of Object.keys(before.objects).filter((k) =>
    /^(Secret|ExternalSecret|PersistentVolume|PersistentVolumeClaim|StorageClass|ConfigMap|ServiceMonitor|Namespace)\//.test(
      k,
    ),
  )) {
    assert.is(after[key], before.objects[key], `${key} changed`);
  }
});

test('second run: the still-valid admin token is kept, not revoked, no token created', () => {
  assert.is(storedToken(), before.token);
  assert.is(sc.vault.token(before.token)?.revoked, false);
  const requests = sc.vault
    .requests()
    .slice(before.vaultRequests)
    .map((q) => `${q.method} ${q.path}`);
  assert.not.ok(
    requests.some((q) => /auth\/token\/(create|revoke)|POST \/v1\/secret\//.test(q)),
    requests.join('\n'),
  );
  assert.ok(requests.includes('POST /v1/auth/token/lookup'), 'the stored token was checked');
  assert.match(second.stderr, "kept the hub's Vault admin token");
});

test('second run: Keycloak unchanged; Helm revision 2 with the same chart version', () => {
  assert.is(keycloakWrites(sc).length, before.kcWrites);
  const rel = sc.fc.release('jupyterhub', NS);
  assert.equal([rel?.revision, rel?.version, rel?.status], [2, '4.3.2', 'deployed']);
});

async function replacedAndRevoked(old: string) {
  const r = await install();
  assert.is(r.code, 0, r.stderr);
  const now = storedToken();
  assert.is.not(now, old);
  const t = sc.vault.token(now);
  assert.equal(
    [t?.revoked, t?.renewable, t?.policies.includes('jupyterhub-admin')],
    [false, true, true],
  );
  assert.is(sc.vault.token(old)?.revoked, true, 'old token revoked');
  assert.is(secretValue(sc, 'jupyterhub-vault-token', 'token'), now, 'the hub gets the new token');
  // The crypt key and admin-service token are never replaced by install.
  assert.equal(clusterValues().slice(0, 2), (before.cluster as string[]).slice(0, 2));
  return r;
}

test('expired admin token (Vault clock 25h on): a new one is stored and synced, the old revoked', async () => {
  const old = storedToken();
  sc.vault.clock.advance(25 * 3600);
  assert.is(sc.vault.token(old)?.expired, true);
  const n = sc.vault.requests().length;
  await replacedAndRevoked(old);
  const requests = sc.vault
    .requests()
    .slice(n)
    .map((q) => `${q.method} ${q.path}`);
  assert.ok(requests.includes('POST /v1/auth/token/revoke'));
});

test('valid but non-renewable stored token: replaced, and the old one (still alive) revoked', async () => {
  const old = sc.vault.createToken({
    policies: ['jupyterhub-admin'],
    ttl: '24h',
    renewable: false,
    orphan: false,
    displayName: 'jupyterhub-admin',
  });
  leaks.add(old);
  sc.vault.kvWrite('jupyterhub/vault-token', { token: old });
  assert.is(sc.vault.token(old)?.revoked, false);
  await replacedAndRevoked(old);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
