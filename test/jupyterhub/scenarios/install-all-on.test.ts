// Everything on: ESO + Vault installed, Vault integration with the root token as argument,
// kube-prometheus-stack (monitoring), NVIDIA plugin (GPU limit 2), NFS, Airflow, MCP.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from '../../support/cli.js';
import { ALL_ON, startScenario, type Scenario } from '../../support/scenario.js';
import { CHART_VERSIONS, validateValues } from '../../support/z2jh.js';
import { CALLBACK, NS, outFile, readyCondition, secretValue, template } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: install with every feature on');

let sc: Scenario;
let leaks: LeakWatch;
let r: CliResult;

test.before(async () => {
  sc = await startScenario({ eso: true, vault: true, prometheus: true, nvidia: true });
  leaks = watchLeaks(sc);
  r = await sc.run(['jupyterhub:install', sc.vault.rootToken], ALL_ON);
});
test.after(() => sc.close());

const SYNCED = [
  ['jupyterhub-crypt-key', 'crypt-key', 'jupyterhub/config', 'crypt-key'],
  ['jupyterhub-admin-service-token', 'token', 'jupyterhub/admin-service', 'token'],
  ['jupyterhub-vault-token', 'token', 'jupyterhub/vault-token', 'token'],
] as const;

test('exit 0; every Vault request succeeded (all with the root token from the argument)', () => {
  assert.is(r.code, 0, r.stderr);
  const failed = sc.vault
    .requests()
    // A 404 on a GET is an absent value (install looks for stored keys and tokens first).
    .filter((q) => q.status >= 400 && !(q.method === 'GET' && q.status === 404));
  assert.equal(failed, []);
  assert.not.ok(
    sc.fc.calls().some((c) => c.tool === 'vault'),
    'no vault CLI (OIDC) call',
  );
});

test('three ExternalSecrets Ready, their Secrets synced from Vault KV and owned by them', () => {
  for (const [name, key, path, field] of SYNCED) {
    const es = sc.fc.object('ExternalSecret', name, NS);
    assert.ok(es, name);
    assert.is(readyCondition(es)?.status, 'True', name);
    assert.equal(es.spec.secretStoreRef, {
      name: 'vault-secret-store',
      kind: 'ClusterSecretStore',
    });
    assert.equal(es.spec.target, { name, creationPolicy: 'Owner' });
    assert.equal(es.spec.data, [{ secretKey: key, remoteRef: { key: path, property: field } }]);
    const stored = sc.vault.kvRead(path)?.[field];
    assert.type(stored, 'string');
    assert.is(secretValue(sc, name, key), stored, `${name} matches Vault ${path}`);
    assert.is(sc.fc.object('Secret', name, NS)?.metadata.ownerReferences?.[0]?.name, name);
  }
  assert.match(String(sc.vault.kvRead('jupyterhub/config')?.['crypt-key']), /^[0-9a-f]{64}$/);
});

test('policy jupyterhub-admin equals the HCL file; Kubernetes auth role as specified', () => {
  assert.is(sc.vault.policy('jupyterhub-admin'), template('jupyterhub-admin-policy.hcl'));
  const role = sc.vault.kubernetesRole('jupyterhub-admin');
  assert.ok(role);
  assert.equal(role.bound_service_account_names, ['hub']);
  assert.equal(role.bound_service_account_namespaces, [NS]);
  assert.equal(role.token_policies, ['jupyterhub-admin']);
  assert.is(role.audience, 'vault');
  assert.is(role.token_ttl, 24 * 3600);
  assert.is(role.token_max_ttl, 720 * 3600);
});

test('admin token: renewable, policy jupyterhub-admin, ttl 24h, no explicit max, at secret/jupyterhub/vault-token', () => {
  const id = String(sc.vault.kvRead('jupyterhub/vault-token')?.token);
  const t = sc.vault.token(id);
  assert.ok(t, 'the stored value is a token Vault knows');
  assert.ok(t.policies.includes('jupyterhub-admin'));
  assert.is(t.renewable, true);
  assert.is(t.ttl, 86400);
  assert.is(t.explicitMaxTtl, 0);
  assert.is(t.displayName, 'token-jupyterhub-admin');
  assert.is(t.revoked, false);
  assert.is(sc.vault.tokens().filter((x) => x.policies.includes('jupyterhub-admin')).length, 1);
});

test('ConfigMap vault-token-renewer-config carries the renewer script verbatim', () => {
  const cm = sc.fc.object('ConfigMap', 'vault-token-renewer-config', NS);
  assert.equal(cm?.data, { 'vault-token-renewer.sh': template('vault-token-renewer.sh') });
});

test('NFS: StorageClass, PV (server and export from the variables) and a bound PVC', () => {
  const sc0 = sc.fc.object('StorageClass', 'jupyter-nfs-static');
  assert.equal(
    [sc0?.provisioner, sc0?.volumeBindingMode, sc0?.reclaimPolicy],
    ['kubernetes.io/no-provisioner', 'WaitForFirstConsumer', 'Retain'],
  );
  const pv = sc.fc.object('PersistentVolume', 'jupyter-nfs-pv');
  assert.equal(pv?.metadata.labels, { type: 'jupyter-nfs', app: 'jupyterhub' });
  assert.equal(pv?.spec.nfs, { server: '10.0.0.5', path: '/export/jupyter' });
  assert.equal(
    [pv?.spec.storageClassName, pv?.spec.persistentVolumeReclaimPolicy],
    ['jupyter-nfs-static', 'Retain'],
  );
  const pvc = sc.fc.object('PersistentVolumeClaim', 'jupyter-nfs-pvc', NS);
  assert.is(pvc?.spec.volumeName, 'jupyter-nfs-pv');
  assert.is(pv?.spec.claimRef?.name, 'jupyter-nfs-pvc');
});

test('monitoring: namespace labelled, ServiceMonitor jupyterhub-hub as specified', () => {
  const labels = sc.fc.object('Namespace', NS)?.metadata.labels ?? {};
  assert.is(labels['buun.channel/enable-monitoring'], 'true');
  assert.is(labels['pod-security.kubernetes.io/enforce'], 'restricted');
  const sm = sc.fc.object('ServiceMonitor', 'jupyterhub-hub', NS);
  assert.equal(sm?.metadata.labels, {
    'app.kubernetes.io/name': 'jupyterhub',
    'app.kubernetes.io/component': 'hub',
    release: 'kube-prometheus-stack',
  });
  assert.equal(sm?.spec.endpoints, [
    { port: 'hub', path: '/hub/metrics', interval: '30s', scrapeTimeout: '10s' },
  ]);
});

test('release values: sidecar, GPU limit 2, static NFS PVC, Airflow DAGs, MCP; valid for both charts', () => {
  const rel = sc.fc.release('jupyterhub', NS);
  assert.equal([rel?.chart, rel?.version, rel?.revision], ['jupyterhub', '4.3.2', 1]);
  const v = rel?.values as Record<string, any>;
  const [sidecar] = v.hub.extraContainers;
  assert.is(sidecar.name, 'vault-token-renewer');
  assert.is(sidecar.image, 'hashicorp/vault:1.17.5');
  assert.equal(
    sidecar.volumeMounts.map((m: any) => m.mountPath),
    ['/vault/secrets', '/vault/config', '/vault/admin-token'],
  );
  assert.is(v.hub.extraEnv.VAULT_TOKEN_FILE, '/vault/secrets/vault-token');
  assert.is(
    v.singleuser.extraResource.limits['nvidia.com/gpu'],
    '2',
    'as upstream writes it: a string',
  );
  assert.is(v.singleuser.extraPodConfig.runtimeClassName, 'nvidia');
  assert.is(v.singleuser.storage.type, 'static');
  assert.is(v.singleuser.storage.static.pvcName, 'jupyter-nfs-pvc');
  assert.equal(v.singleuser.storage.extraVolumes, [
    { name: 'airflow-dags', persistentVolumeClaim: { claimName: 'airflow-dags-pvc' } },
  ]);
  assert.is(v.singleuser.extraEnv.JUPYTERHUB_ALLOW_TOKEN_IN_URL, '1');
  assert.is(v.hub.config.GenericOAuthenticator.oauth_callback_url, CALLBACK);
  assert.ok(v.hub.extraFiles['user_policy.hcl'], 'user policy embedded');
  const text = readFileSync(outFile(sc, 'jupyterhub-values.yaml'), 'utf8');
  for (const version of CHART_VERSIONS) {
    const res = validateValues(text, version);
    assert.ok(res.valid, `${version}: ${res.errors.join('\n')}`);
  }
});

test('notes and summary: MCP endpoint, Airflow PVC, every feature on', () => {
  assert.match(r.stderr, 'https://jupyter.example.com/user/{username}/mcp');
  assert.match(r.stderr, 'airflow-dags-pvc');
  assert.match(r.stderr, /gpu: +on \(2 per user\)/);
  assert.match(r.stderr, /monitoring: +on +mcp: on +airflow dags: on/);
  assert.match(r.stderr, outFile(sc, 'jupyterhub-servicemonitor.yaml'));
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
