// Issue 11, point 13 through install: the CA bundles named by the variables reach the
// release values; an unreadable or non-PEM file stops install before any change; the
// insecure switch is said out loud.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, keycloakWrites, line, mark, NS, stateBytes } from './helpers.js';

const test = suite('jupyterhub scenario: CA bundles and the insecure switch');

let sc: Scenario;
const ENV = { ...ALL_OFF, JUPYTERHUB_NAMESPACE: 'datastack' };
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBprivateCA\n-----END CERTIFICATE-----\n';

test.before(async () => {
  sc = await startScenario();
  writeFileSync(join(sc.dir, 'vault-ca.pem'), PEM);
  writeFileSync(join(sc.dir, 'not-a-cert.txt'), 'hello\n');
});
test.after(() => sc.close());

test('a missing or non-PEM bundle: refused naming the variable, nothing changed', async () => {
  for (const [file, message] of [
    ['nope.pem', /cannot read JUPYTERHUB_VAULT_CA_BUNDLE nope\.pem \(ENOENT\)/],
    ['not-a-cert.txt', /JUPYTERHUB_VAULT_CA_BUNDLE not-a-cert\.txt holds no PEM certificate/],
  ] as const) {
    const state = stateBytes(sc);
    const m = mark(sc);
    const r = await sc.run(['jupyterhub:install'], { ...ENV, JUPYTERHUB_VAULT_CA_BUNDLE: file });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
    assert.is(stateBytes(sc), state);
    assert.equal(keycloakWrites(sc), []);
  }
});

test('bundles given: the release carries them; the default verifies', async () => {
  const r = await sc.run(['jupyterhub:install'], {
    ...ENV,
    JUPYTERHUB_VAULT_CA_BUNDLE: 'vault-ca.pem',
    JUPYTERHUB_KEYCLOAK_CA_BUNDLE: join(sc.dir, 'vault-ca.pem'),
  });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, 'JUPYTERHUB_TLS_INSECURE');
  const v = sc.fc.release('jupyterhub', NS)?.values as Record<string, any>;
  assert.is(v.hub.extraFiles['vault-ca.pem'].stringData, PEM);
  assert.is(v.hub.extraFiles['keycloak-ca.pem'].stringData, PEM);
  assert.is(v.hub.extraEnv.VAULT_CACERT, '/etc/jupyterhub/ca/vault-ca.pem');
  assert.not.ok('validate_server_cert' in v.hub.config.OAuthenticator);
});

test('JUPYTERHUB_TLS_INSECURE=true: a warning, and the release turns verification off', async () => {
  const r = await sc.run(['jupyterhub:install'], { ...ENV, JUPYTERHUB_TLS_INSECURE: 'true' });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /^! JUPYTERHUB_TLS_INSECURE=true: the hub will not verify/m);
  const v = sc.fc.release('jupyterhub', NS)?.values as Record<string, any>;
  assert.is(v.hub.config.OAuthenticator.validate_server_cert, false);
  assert.is(v.hub.extraEnv.VAULT_SKIP_VERIFY, 'true');
});

test.run();
