// A fresh install on the real stack, every feature it can back switched on; each claim
// read back from the system that holds it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import {
  bao,
  getObject,
  helm,
  keycloakClients,
  kvGet,
  releases,
  secretData,
  tasks,
} from '../support/stack.js';
import { CLIENT_ID, fullInstall, HOST, NFS, NS, outDir } from './fixture.js';

const test = suite('stack: fresh install');

test('install --yes exits 0 and ends with the summary', async () => {
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, HOST);
});

test('deployments hub and proxy are 1/1 Ready on the API server', () => {
  for (const name of ['hub', 'proxy']) {
    const d = getObject('deployment', name, NS);
    assert.ok(d, `deployment ${name}`);
    assert.is(d.status.readyReplicas, 1, `${name} ready replicas`);
  }
});

test('the Helm release is deployed, from the chart version asked, with our values', () => {
  const rel = releases().find((r) => r.name === 'jupyterhub' && r.namespace === NS);
  assert.ok(rel, 'release jupyterhub');
  assert.is(rel!.status, 'deployed');
  assert.is(rel!.chart, 'jupyterhub-4.3.2');
  const deployed = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
  // Helm reads values as YAML 1.1 (`mode: 0644` is octal there): so must the comparison.
  const rendered = parse(
    readFileSync(join(outDir, 'jupyterhub', 'jupyterhub-values.yaml'), 'utf8'),
    {
      version: '1.1',
    },
  );
  assert.equal(deployed, rendered);
});

test('ExternalSecrets are Ready and their Secrets hold what OpenBao holds', async () => {
  const pairs = [
    ['jupyterhub-crypt-key', 'jupyterhub/config', 'crypt-key', 'crypt-key'],
    ['jupyterhub-admin-service-token', 'jupyterhub/admin-service', 'token', 'token'],
    ['jupyterhub-vault-token', 'jupyterhub/vault-token', 'token', 'token'],
  ] as const;
  for (const [name, path] of pairs) {
    const es = getObject('externalsecret', name, NS);
    assert.ok(es, `ExternalSecret ${name}`);
    const ready = es.status?.conditions?.find((c: any) => c.type === 'Ready');
    assert.is(ready?.status, 'True', `${name} Ready`);
    const secret = getObject('secret', name, NS);
    const kv = await kvGet(path);
    assert.ok(kv, `OpenBao secret/${path}`);
    for (const key of Object.keys(secret.data)) {
      const inVault = Object.values(kv!);
      assert.ok(
        inVault.includes(secretData(secret, key)),
        `${name}.${key} synced from secret/${path}`,
      );
      assert.ok(secretData(secret, key).length >= 24, `${name}.${key} is a real secret`);
    }
  }
});

test('Vault: the hub policy, its Kubernetes auth role and a live admin token', async () => {
  const policy = await bao('GET', 'sys/policies/acl/jupyterhub-admin');
  assert.is(policy.status, 200);
  const role = await bao('GET', 'auth/kubernetes/role/jupyterhub-admin');
  assert.is(role.status, 200);
  const token = (await kvGet('jupyterhub/vault-token'))?.token;
  assert.ok(token, 'admin token stored in secret/jupyterhub/vault-token');
  const self = await bao('GET', 'auth/token/lookup-self', undefined, token);
  assert.is(self.status, 200, 'the stored admin token is valid');
  assert.ok(self.json.data.policies.includes('jupyterhub-admin'));
  assert.is(self.json.data.renewable, true);
});

test('Keycloak: client jupyterhub with the hub callback as its only redirect URI', async () => {
  const [client] = await keycloakClients(CLIENT_ID);
  assert.ok(client, 'client exists');
  assert.equal(client.redirectUris, [`https://${HOST}/hub/oauth_callback`]);
});

test('NFS: PV with the server and path, PVC bound to it in the namespace', () => {
  const pv = getObject('pv', 'jupyter-nfs-pv');
  assert.is(pv?.spec?.nfs?.server, NFS.server);
  assert.is(pv?.spec?.nfs?.path, NFS.path);
  const pvc = getObject('pvc', 'jupyter-nfs-pvc', NS);
  assert.ok(pvc, 'PVC jupyter-nfs-pvc');
});

test('monitoring: the ServiceMonitor, and the namespace labelled for it and pod security', () => {
  assert.ok(getObject('servicemonitor', 'jupyterhub-hub', NS));
  const ns = getObject('namespace', NS);
  assert.is(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
  assert.is(ns.metadata.labels['buun.channel/enable-monitoring'], 'true');
});

test.run();
