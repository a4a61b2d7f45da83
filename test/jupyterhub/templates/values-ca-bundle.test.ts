// Issue 16.5: one general private CA bundle (JUPYTERHUB_CA_BUNDLE) from a file or an
// existing Secret/ConfigMap, used by every consumer in the hub that has no bundle of its
// own (the authenticator, the pre-spawn hook, the renewer sidecar) and, when asked, by
// requests, Python's ssl and curl in notebooks. Valid for both charts in every case.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHART_VERSIONS, parseHelmYaml, validateValues } from '../../support/z2jh.js';
import { baseEnv, type TemplateEnv } from './env.js';
import { renderValues } from './render.js';

const test = suite('jupyterhub values: the general private CA bundle');

const PEM = (n: string) => `-----BEGIN CERTIFICATE-----\nMIIB${n}AAAA\n-----END CERTIFICATE-----`;
const BUNDLE = '/etc/jupyterhub/ca/ca-bundle.pem';
const VAULT_ON = { JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true' };
const FROM_FILE = { CA_BUNDLE_PEM: PEM('bundle') };
const FROM_SECRET = { CA_BUNDLE_SECRET: 'corp-ca', CA_BUNDLE_KEY: 'ca.crt' };
const FROM_CONFIGMAP = { CA_BUNDLE_CONFIGMAP: 'kube-root-ca.crt', CA_BUNDLE_KEY: 'ca.crt' };
const IN_NOTEBOOKS = { JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS: 'true' };

function values(overrides: Partial<TemplateEnv>): any {
  const { yaml } = renderValues(baseEnv(overrides));
  for (const version of CHART_VERSIONS) {
    const r = validateValues(yaml, version);
    assert.ok(r.valid, `${version}:\n${r.errors.join('\n')}`);
  }
  return parseHelmYaml(yaml);
}

const sidecarEnv = (v: any, name: string) =>
  v.hub.extraContainers[0].env.find((e: any) => e.name === name)?.value;
const sidecarMount = (v: any, path: string) =>
  v.hub.extraContainers[0].volumeMounts.find((m: any) => m.mountPath === path);
const notebookEnv = ['REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'CURL_CA_BUNDLE'];

test('from a file: in the hub, used for Vault (hook and renewer) and Keycloak', () => {
  const v = values({ ...VAULT_ON, ...FROM_FILE });
  assert.equal(v.hub.extraFiles['ca-bundle.pem'], {
    mountPath: BUNDLE,
    mode: 0o644,
    stringData: `${PEM('bundle')}\n`,
  });
  assert.is(v.hub.extraEnv.VAULT_CACERT, BUNDLE);
  assert.equal(v.hub.config.OAuthenticator.http_request_kwargs, { ca_certs: BUNDLE });
  assert.is(sidecarEnv(v, 'VAULT_CACERT'), BUNDLE);
  assert.equal(sidecarMount(v, BUNDLE), {
    name: 'files',
    mountPath: BUNDLE,
    subPath: 'ca-bundle.pem',
    readOnly: true,
  });
  // Not in notebooks unless asked.
  assert.is(v.singleuser.extraFiles, undefined);
  for (const name of notebookEnv) assert.is(v.singleuser.extraEnv[name], undefined);
});

test("Vault's and Keycloak's own bundles win over the general one", () => {
  const v = values({ ...VAULT_ON, ...FROM_FILE, VAULT_CA_PEM: PEM('vault') });
  assert.is(v.hub.extraEnv.VAULT_CACERT, '/etc/jupyterhub/ca/vault-ca.pem');
  assert.is(sidecarEnv(v, 'VAULT_CACERT'), '/etc/jupyterhub/ca/vault-ca.pem');
  assert.equal(v.hub.config.OAuthenticator.http_request_kwargs, { ca_certs: BUNDLE });
  const k = values({ ...FROM_FILE, KEYCLOAK_CA_PEM: PEM('kc') });
  assert.equal(k.hub.config.OAuthenticator.http_request_kwargs, {
    ca_certs: '/etc/jupyterhub/ca/keycloak-ca.pem',
  });
  assert.is(k.hub.extraEnv.VAULT_CACERT, BUNDLE);
});

test('from a Secret, Vault on: a volume next to the Vault ones, mounted in the hub and the renewer', () => {
  const v = values({ ...VAULT_ON, ...FROM_SECRET });
  assert.equal(
    v.hub.extraVolumes.map((x: any) => x.name),
    ['vault-secrets', 'vault-config', 'vault-admin-token', 'ca-bundle'],
  );
  assert.equal(v.hub.extraVolumes[3], { name: 'ca-bundle', secret: { secretName: 'corp-ca' } });
  const mount = { name: 'ca-bundle', mountPath: BUNDLE, subPath: 'ca.crt', readOnly: true };
  assert.equal(v.hub.extraVolumeMounts[3], mount);
  assert.equal(sidecarMount(v, BUNDLE), mount);
  assert.is(v.hub.extraEnv.VAULT_CACERT, BUNDLE);
  assert.not.ok('ca-bundle.pem' in v.hub.extraFiles);
});

test('from a ConfigMap, Vault off: only that volume, no sidecar', () => {
  const v = values(FROM_CONFIGMAP);
  assert.equal(v.hub.extraVolumes, [{ name: 'ca-bundle', configMap: { name: 'kube-root-ca.crt' } }]);
  assert.equal(v.hub.extraVolumeMounts, [
    { name: 'ca-bundle', mountPath: BUNDLE, subPath: 'ca.crt', readOnly: true },
  ]);
  assert.is(v.hub.extraContainers, undefined);
  assert.equal(v.hub.config.OAuthenticator.http_request_kwargs, { ca_certs: BUNDLE });
});

test("from an object: its content's digest on the hub pod (a new CA there restarts the hub)", () => {
  const digest = 'a'.repeat(64);
  for (const from of [FROM_SECRET, FROM_CONFIGMAP]) {
    const v = values({ ...from, CA_BUNDLE_SHA256: digest });
    assert.equal(v.hub.annotations, { 'buun.channel/ca-bundle-sha256': digest });
  }
  // Without one (a file is in the chart's own Secret, whose checksum the chart watches):
  // no annotations at all, as before.
  assert.is(values(FROM_FILE).hub.annotations, undefined);
  assert.is(values({}).hub.annotations, undefined);
});

test('in notebooks, from a file: singleuser.extraFiles and the env of requests, ssl and curl', () => {
  const v = values({ ...FROM_FILE, ...IN_NOTEBOOKS });
  assert.equal(v.singleuser.extraFiles['ca-bundle.pem'], {
    mountPath: BUNDLE,
    mode: 0o644,
    stringData: `${PEM('bundle')}\n`,
  });
  for (const name of notebookEnv) assert.is(v.singleuser.extraEnv[name], BUNDLE, name);
});

test('in notebooks, from a ConfigMap with the Airflow volume: both volumes', () => {
  const v = values({
    ...FROM_CONFIGMAP,
    ...IN_NOTEBOOKS,
    JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true',
  });
  assert.equal(
    v.singleuser.storage.extraVolumes.map((x: any) => x.name),
    ['airflow-dags', 'ca-bundle'],
  );
  assert.equal(v.singleuser.storage.extraVolumes[1].configMap, { name: 'kube-root-ca.crt' });
  assert.equal(v.singleuser.storage.extraVolumeMounts[1], {
    name: 'ca-bundle',
    mountPath: BUNDLE,
    subPath: 'ca.crt',
    readOnly: true,
  });
  assert.is(v.singleuser.extraFiles, undefined);
  for (const name of notebookEnv) assert.is(v.singleuser.extraEnv[name], BUNDLE, name);
});

test.run();
