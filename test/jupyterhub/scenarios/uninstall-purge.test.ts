// uninstall --purge --yes after an install with everything on: nothing of the install is
// left in the namespace, in Vault (KV destroyed incl. metadata, admin token revoked, policy,
// Kubernetes role and per-user policies gone) or in Keycloak (client gone). Users' own KV
// data is theirs and stays. Then delete-pv.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withUserPod } from '../../fakes/index.js';
import { ALL_ON, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, keycloakWrites, line, mark, NS, stateBytes, vaultWrites } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: uninstall --purge after an everything-on install');

const PATHS = ['jupyterhub/config', 'jupyterhub/admin-service', 'jupyterhub/vault-token'];
let sc: Scenario;
let leaks: LeakWatch;
let adminToken: string;

test.before(async () => {
  sc = await startScenario({ eso: true, vault: true, prometheus: true, nvidia: true });
  leaks = watchLeaks(sc);
  const r = await sc.run(['jupyterhub:install', sc.vault.rootToken], ALL_ON);
  assert.is(r.code, 0, r.stderr);
  adminToken = String(sc.vault.kvRead('jupyterhub/vault-token')?.token);
  // What a spawn would have left: alice's policy, her own secret, her running server.
  sc.vault.setPolicy(
    'jupyter-user-alice',
    'path "secret/data/jupyter/users/alice/*" { capabilities = ["read"] }',
  );
  sc.vault.kvWrite('jupyter/users/alice/notes', { text: 'mine' });
  sc.fc.update((s) => void withUserPod(s, NS, 'alice'));
});
test.after(() => sc.close());

async function refused(args: string[], env: Record<string, string | undefined>, message: string) {
  const state = stateBytes(sc);
  const [vw, kw] = [vaultWrites(sc).length, keycloakWrites(sc).length];
  const m = mark(sc);
  const r = await sc.run(args, env);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state);
  assert.equal([vaultWrites(sc).length, keycloakWrites(sc).length], [vw, kw]);
}

test('--purge without --yes (no terminal): exit 1, the listing names Vault and Keycloak; nothing removed', async () => {
  await refused(
    ['jupyterhub:uninstall', '--purge'],
    { VAULT_TOKEN: sc.vault.rootToken },
    'keycloak: client/jupyterhub',
  );
});

test('--purge --dry-run without --yes and no terminal: exit 0, the live inventory, nothing changed', async () => {
  const state = stateBytes(sc);
  const [vw, kw] = [vaultWrites(sc).length, keycloakWrites(sc).length];
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:uninstall', '--purge', '--dry-run'], {
    VAULT_TOKEN: sc.vault.rootToken,
  });
  assert.is(r.code, 0, r.stderr);
  const block = (title: string) =>
    (r.stderr.split(`${title}:\n`)[1] ?? '')
      .split('\n')
      .filter((l) => l.startsWith('  - '))
      .map((l) => l.slice(4).replace(/ \(.*\)$/, ''));
  const removed = block('Removed');
  for (const item of [
    'kubernetes: helm-release/jupyterhub',
    'kubernetes: pod/jupyter-alice',
    'kubernetes: persistentvolumeclaim/jupyter-nfs-pvc',
    'kubernetes: secret/jupyterhub-crypt-key',
    'kubernetes: secret/jupyterhub-admin-service-token',
    'kubernetes: externalsecret/jupyterhub-vault-token',
    'kubernetes: configmap/vault-token-renewer-config',
    'kubernetes: servicemonitor/jupyterhub-hub',
    'kubernetes: release claim persistentvolume/jupyter-nfs-pv',
    'vault: destroy secret/jupyterhub/config',
    'vault: destroy secret/jupyterhub/vault-token',
    'vault: revoke hub admin token',
    'vault: policy/jupyterhub-admin',
    'vault: policy/jupyter-user-alice',
    'vault: auth/token/roles/jupyterhub-user',
    'keycloak: client/jupyterhub',
  ])
    assert.ok(removed.includes(item), `${item} not in:\n${removed.join('\n')}`);
  assert.equal(block('Stays').sort(), [
    'kubernetes: namespace/datastack',
    'kubernetes: storageclass/jupyter-nfs-static',
    'vault: secret/jupyter/users/alice',
  ]);
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state);
  assert.equal([vaultWrites(sc).length, keycloakWrites(sc).length], [vw, kw]);
});

test('--purge --yes without a Vault token: exit 1 naming VAULT_TOKEN before removing anything', async () => {
  await refused(
    ['jupyterhub:uninstall', '--purge', '--yes'],
    { VAULT_TOKEN: undefined },
    'VAULT_TOKEN',
  );
});

test('--purge --yes: exit 0', async () => {
  const r = await sc.run(['jupyterhub:uninstall', '--purge', '--yes'], {
    VAULT_TOKEN: sc.vault.rootToken,
  });
  assert.is(r.code, 0, r.stderr);
});

test('cluster: release gone, namespace empty (ESO-owned Secrets, ConfigMap, ServiceMonitor too), PV freed', () => {
  assert.is(sc.fc.release('jupyterhub', NS), undefined);
  const left = sc.fc.state().objects.filter((o) => o.metadata.namespace === NS);
  assert.equal(
    left.map((o) => `${o.kind}/${o.metadata.name}`),
    [],
  );
  assert.ok(sc.fc.object('Namespace', NS), 'the namespace stays');
  assert.is(sc.fc.object('PersistentVolume', 'jupyter-nfs-pv')?.spec.claimRef, undefined);
});

test('Vault: KV entries destroyed with their metadata, admin token revoked', () => {
  for (const path of PATHS) {
    assert.is(sc.vault.kvRead(path), undefined, path);
    assert.is(sc.vault.kvVersions(path), 0, `${path}: metadata destroyed too`);
  }
  assert.is(sc.vault.token(adminToken)?.revoked, true);
  assert.equal(
    sc.vault
      .tokens()
      .filter((t) => !t.revoked)
      .map((t) => t.policies),
    [['root']],
  );
});

test('Vault: policy jupyterhub-admin, the Kubernetes role and jupyter-user-* policies gone; user data kept', () => {
  assert.is(sc.vault.policy('jupyterhub-admin'), undefined);
  assert.is(sc.vault.kubernetesRole('jupyterhub-admin'), undefined);
  assert.is(sc.vault.policy('jupyter-user-alice'), undefined);
  assert.ok(sc.vault.policy('default'), 'built-in policies stay');
  assert.equal(sc.vault.kvRead('jupyter/users/alice/notes'), { text: 'mine' });
});

test('Keycloak: the client is gone', () => {
  assert.equal(
    sc.keycloak.clients('buunstack').filter((c) => c.clientId === 'jupyterhub'),
    [],
  );
  assert.ok(keycloakWrites(sc).some((w) => w.method === 'DELETE'));
});

test('delete-pv afterwards: PV and StorageClass gone', async () => {
  const r = await sc.run(['jupyterhub:delete-pv']);
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('PersistentVolume', 'jupyter-nfs-pv'), undefined);
  assert.is(sc.fc.object('StorageClass', 'jupyter-nfs-static'), undefined);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
