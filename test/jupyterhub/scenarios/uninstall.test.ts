// uninstall then delete-pv, in a cluster that has a Vault release but NO ExternalSecret or
// ServiceMonitor resource type: the old recipe failed at the first such delete and skipped
// the rest (the PV claimRef stayed). Also: without --yes and without a terminal, nothing goes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withUserPod } from '../../fakes/index.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, line, mark, NS, stateBytes, vaultWrites } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite(
  'jupyterhub scenario: uninstall and delete-pv without the ESO/ServiceMonitor CRDs',
);

let sc: Scenario;
let leaks: LeakWatch;
const NFS = {
  ...ALL_OFF,
  JUPYTERHUB_NFS_PV_ENABLED: 'true',
  JUPYTER_NFS_IP: '10.0.0.5',
  JUPYTER_NFS_PATH: '/export/jupyter',
};

test.before(async () => {
  sc = await startScenario({ vault: true });
  leaks = watchLeaks(sc);
  assert.equal(sc.fc.state().crds, [], 'no CRDs at all in this cluster');
  const r = await sc.run(['jupyterhub:install'], { ...NFS, VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  sc.fc.update((s) => void withUserPod(s, NS, 'alice'));
});
test.after(() => sc.close());

test('install stored both secrets as plain Secrets and in Vault KV; the PV is bound', () => {
  assert.ok(sc.vault.kvRead('jupyterhub/config')?.['crypt-key']);
  assert.ok(sc.vault.kvRead('jupyterhub/admin-service')?.token);
  assert.ok(sc.fc.object('Secret', 'jupyterhub-crypt-key', NS));
  assert.is(
    sc.fc.object('PersistentVolume', 'jupyter-nfs-pv')?.spec.claimRef?.name,
    'jupyter-nfs-pvc',
  );
});

test('uninstall without --yes and no terminal: exit 1 after listing what would go; nothing removed', async () => {
  const state = stateBytes(sc);
  const writes = vaultWrites(sc).length;
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:uninstall'], { VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'secret/jupyterhub-crypt-key (the crypt key');
  assert.match(r.stderr, 'vault: soft-delete secret/jupyterhub/config');
  assert.match(r.stderr, '--yes');
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state);
  assert.is(vaultWrites(sc).length, writes);
});

test('uninstall --yes completes despite the missing resource types', async () => {
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:uninstall', '--yes'], { VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  const calls = m.since();
  const changes = calls.filter((c) => !/^(kubectl get|helm list)/.test(line(c)));
  assert.equal(changes.map(line), [
    `helm uninstall jupyterhub -n ${NS} --wait --ignore-not-found`,
    `kubectl delete pods -l app.kubernetes.io/component=singleuser-server -n ${NS} --ignore-not-found`,
    `kubectl delete pvc jupyter-nfs-pvc -n ${NS} --ignore-not-found`,
    `kubectl delete secret jupyterhub-crypt-key jupyterhub-admin-service-token -n ${NS} --ignore-not-found`,
    `kubectl delete externalsecret jupyterhub-crypt-key jupyterhub-admin-service-token jupyterhub-vault-token -n ${NS} --ignore-not-found`,
    `kubectl delete configmap vault-token-renewer-config -n ${NS} --ignore-not-found`,
    `kubectl delete servicemonitor jupyterhub-hub -n ${NS} --ignore-not-found`,
    `kubectl delete rolebinding jupyter-spark -n ${NS} --ignore-not-found`,
    `kubectl delete role jupyter-spark -n ${NS} --ignore-not-found`,
    `kubectl delete serviceaccount jupyter-spark -n ${NS} --ignore-not-found`,
    'kubectl patch pv jupyter-nfs-pv --type=merge -p {"spec":{"claimRef":null}}',
  ]);
  // The two deletes of uninstalled types failed in kubectl and were taken as "nothing to delete".
  assert.equal(
    changes.filter((c) => c.exit !== 0).map((c) => c.argv[1]),
    ['externalsecret', 'servicemonitor'],
  );
  assert.match(r.stderr, 'externalsecret: resource type not installed');
});

test('after uninstall: release, pods, PVC, Secrets gone; namespace stays; PV free (no claimRef)', () => {
  assert.is(sc.fc.release('jupyterhub', NS), undefined);
  const left = sc.fc.state().objects.filter((o) => o.metadata.namespace === NS);
  assert.equal(
    left.map((o) => `${o.kind}/${o.metadata.name}`),
    [],
  );
  assert.ok(sc.fc.object('Namespace', NS));
  const pv = sc.fc.object('PersistentVolume', 'jupyter-nfs-pv');
  assert.ok(pv);
  assert.is(pv.spec.claimRef, undefined);
  assert.ok(sc.fc.object('StorageClass', 'jupyter-nfs-static'));
});

test('after uninstall: Vault entries deleted (soft, as the old recipe did); Keycloak client kept', () => {
  for (const path of ['jupyterhub/config', 'jupyterhub/admin-service']) {
    assert.is(sc.vault.kvRead(path), undefined, path);
    assert.is(sc.vault.kvVersions(path), 1, `${path}: version history kept without --purge`);
  }
  assert.is(sc.keycloak.clients('buunstack').filter((c) => c.clientId === 'jupyterhub').length, 1);
});

test('delete-pv: PV and StorageClass gone; a second run is a no-op that still exits 0', async () => {
  const r = await sc.run(['jupyterhub:delete-pv']);
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('PersistentVolume', 'jupyter-nfs-pv'), undefined);
  assert.is(sc.fc.object('StorageClass', 'jupyter-nfs-static'), undefined);
  const m = mark(sc);
  const again = await sc.run(['jupyterhub:delete-pv']);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, 'PersistentVolume jupyter-nfs-pv does not exist');
  assert.equal(m.since().map(line), [
    'kubectl get pv jupyter-nfs-pv -o json --ignore-not-found',
    'kubectl delete storageclass jupyter-nfs-static --ignore-not-found',
  ]);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
