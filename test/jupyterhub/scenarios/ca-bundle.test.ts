// Issue 16.5 through install: JUPYTERHUB_CA_BUNDLE from a file or an existing ConfigMap
// reaches the release values (hub, and notebooks when asked); a missing object, a
// malformed reference or "in notebooks" without a bundle stop install before any change;
// a new CA in the same ConfigMap is a change of the hub pod (its digest), for diff too.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withNamespace, withObject } from '../../fakes/seed.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, keycloakWrites, line, mark, NS, stateBytes } from './helpers.js';

const test = suite('jupyterhub scenario: the general private CA bundle');

let sc: Scenario;
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBcorporateCA\n-----END CERTIFICATE-----\n';
const BUNDLE = '/etc/jupyterhub/ca/ca-bundle.pem';
const DIGEST = 'buun.channel/ca-bundle-sha256';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test.before(async () => {
  sc = await startScenario({
    cluster: (s) => {
      withNamespace(s, NS);
      withObject(s, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'corp-ca', namespace: NS },
        data: { 'bundle.pem': PEM, 'readme.txt': 'not a certificate' },
      });
    },
  });
  writeFileSync(join(sc.dir, 'corp-ca.pem'), PEM);
});
test.after(() => sc.close());

test('refused before any change, naming the variable', async () => {
  for (const [env, message] of [
    [
      { JUPYTERHUB_CA_BUNDLE: 'configmap:nope' },
      /ConfigMap nope in namespace datastack does not exist/,
    ],
    [
      { JUPYTERHUB_CA_BUNDLE: 'configmap:corp-ca' },
      /ConfigMap corp-ca in namespace datastack has no key ca\.crt/,
    ],
    [
      { JUPYTERHUB_CA_BUNDLE: 'configmap:corp-ca/readme.txt' },
      /key readme\.txt holds no PEM certificate/,
    ],
    [
      { JUPYTERHUB_CA_BUNDLE: 'secret:Bad_Name' },
      /JUPYTERHUB_CA_BUNDLE "secret:Bad_Name" is not secret:NAME/,
    ],
    [
      { JUPYTERHUB_CA_BUNDLE: 'missing.pem' },
      /cannot read JUPYTERHUB_CA_BUNDLE missing\.pem \(ENOENT\)/,
    ],
    [
      { JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS: 'true' },
      /JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS=true needs JUPYTERHUB_CA_BUNDLE/,
    ],
  ] as const) {
    const state = stateBytes(sc);
    const m = mark(sc);
    const r = await sc.run(['jupyterhub:install'], { ...ALL_OFF, ...env });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
    assert.is(stateBytes(sc), state);
    assert.equal(keycloakWrites(sc), []);
  }
});

test('a file, in notebooks too: the hub and the user pods get it', async () => {
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_CA_BUNDLE: 'corp-ca.pem',
    JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS: 'true',
  });
  assert.is(r.code, 0, r.stderr);
  const v = sc.fc.release('jupyterhub', NS)?.values as Record<string, any>;
  assert.is(v.hub.extraFiles['ca-bundle.pem'].stringData, PEM);
  assert.is(v.singleuser.extraFiles['ca-bundle.pem'].stringData, PEM);
  assert.equal(v.hub.config.OAuthenticator.http_request_kwargs, { ca_certs: BUNDLE });
  assert.is(v.singleuser.extraEnv.REQUESTS_CA_BUNDLE, BUNDLE);
});

test('an existing ConfigMap key: mounted from the cluster, not copied', async () => {
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_CA_BUNDLE: 'configmap:corp-ca/bundle.pem',
  });
  assert.is(r.code, 0, r.stderr);
  const v = sc.fc.release('jupyterhub', NS)?.values as Record<string, any>;
  assert.equal(v.hub.extraVolumes, [{ name: 'ca-bundle', configMap: { name: 'corp-ca' } }]);
  assert.equal(v.hub.extraVolumeMounts[0].subPath, 'bundle.pem');
  assert.not.ok('ca-bundle.pem' in v.hub.extraFiles);
  assert.is(v.singleuser.extraEnv.REQUESTS_CA_BUNDLE, undefined);
  assert.equal(v.hub.annotations, { [DIGEST]: sha256(PEM) });
});

test('a new CA in the same ConfigMap: diff shows it, install puts it on the hub pod', async () => {
  const vars = { ...ALL_OFF, JUPYTERHUB_CA_BUNDLE: 'configmap:corp-ca/bundle.pem' };
  const diff = async () => {
    const r = await sc.run(['jupyterhub:diff', '--json'], vars);
    assert.is(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).release.changes;
  };
  assert.equal(await diff(), []);
  const NEW_PEM = PEM.replace('corporateCA', 'corporateCA2027');
  sc.fc.update((s) => {
    const cm = s.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'corp-ca');
    cm!.data = { ...cm!.data, 'bundle.pem': NEW_PEM };
  });
  assert.equal(await diff(), [{ path: `hub.annotations["${DIGEST}"]`, kind: 'changed' }]);
  const r = await sc.run(['jupyterhub:install'], vars);
  assert.is(r.code, 0, r.stderr);
  const v = sc.fc.release('jupyterhub', NS)?.values as Record<string, any>;
  assert.equal(v.hub.annotations, { [DIGEST]: sha256(NEW_PEM) });
  assert.equal(await diff(), []);
});

test.run();
