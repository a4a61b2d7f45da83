// Issue 11, point 13: the hub verifies Vault's and Keycloak's certificates, against CA
// bundles when given (mounted through hub.extraFiles), and only an explicit insecure
// switch turns verification off. Valid values for both charts in every case.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHART_VERSIONS, parseHelmYaml, validateValues } from '../../support/z2jh.js';
import { baseEnv, type TemplateEnv } from './env.js';
import { renderValues } from './render.js';

const Tls = suite('jupyterhub values: TLS of the hub towards Vault and Keycloak');

const PEM = (n: string) =>
  `-----BEGIN CERTIFICATE-----\nMIIB${n}AAAA\n-----END CERTIFICATE-----`;
const VAULT_ON = { JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true' };

function values(overrides: Partial<TemplateEnv>): any {
  const { yaml } = renderValues(baseEnv(overrides));
  for (const version of CHART_VERSIONS) {
    const r = validateValues(yaml, version);
    assert.ok(r.valid, `${version}:\n${r.errors.join('\n')}`);
  }
  return parseHelmYaml(yaml);
}

Tls('default: verification on, no CA file, no insecure setting anywhere', () => {
  const v = values(VAULT_ON);
  assert.not.ok('VAULT_CACERT' in v.hub.extraEnv);
  assert.not.ok('VAULT_SKIP_VERIFY' in v.hub.extraEnv);
  assert.not.ok('vault-ca.pem' in v.hub.extraFiles);
  assert.not.ok('keycloak-ca.pem' in v.hub.extraFiles);
  assert.not.ok('validate_server_cert' in v.hub.config.OAuthenticator);
  assert.not.ok('http_request_kwargs' in v.hub.config.OAuthenticator);
  const sidecar = v.hub.extraContainers[0];
  assert.equal(
    sidecar.env.map((e: { name: string }) => e.name),
    ['VAULT_ADDR', 'JUPYTERHUB_VAULT_TOKEN_TTL'],
  );
});

Tls('CA bundles: mounted as files, used by the hook, the renewer and the authenticator', () => {
  const v = values({ ...VAULT_ON, VAULT_CA_PEM: PEM('vault'), KEYCLOAK_CA_PEM: PEM('kc') });
  assert.is(v.hub.extraEnv.VAULT_CACERT, '/etc/jupyterhub/ca/vault-ca.pem');
  assert.equal(v.hub.extraFiles['vault-ca.pem'], {
    mountPath: '/etc/jupyterhub/ca/vault-ca.pem',
    mode: 0o644,
    stringData: `${PEM('vault')}\n`,
  });
  assert.is(v.hub.extraFiles['keycloak-ca.pem'].stringData, `${PEM('kc')}\n`);
  assert.is(v.hub.extraFiles['keycloak-ca.pem'].mountPath, '/etc/jupyterhub/ca/keycloak-ca.pem');
  assert.equal(v.hub.config.OAuthenticator.http_request_kwargs, {
    ca_certs: '/etc/jupyterhub/ca/keycloak-ca.pem',
  });
  assert.not.ok('validate_server_cert' in v.hub.config.OAuthenticator);
  const sidecar = v.hub.extraContainers[0];
  assert.ok(
    sidecar.env.some(
      (e: { name: string; value: string }) =>
        e.name === 'VAULT_CACERT' && e.value === '/etc/jupyterhub/ca/vault-ca.pem',
    ),
  );
  assert.ok(
    sidecar.volumeMounts.some(
      (m: { name: string; subPath?: string; mountPath: string }) =>
        m.name === 'files' &&
        m.subPath === 'vault-ca.pem' &&
        m.mountPath === '/etc/jupyterhub/ca/vault-ca.pem',
    ),
  );
});

Tls('a Keycloak bundle alone works with Vault off', () => {
  const v = values({ KEYCLOAK_CA_PEM: PEM('kc') });
  assert.ok(v.hub.extraFiles['keycloak-ca.pem']);
  assert.not.ok('VAULT_CACERT' in v.hub.extraEnv);
});

Tls('the insecure switch: verification off for Vault (hook and renewer) and Keycloak', () => {
  const v = values({ ...VAULT_ON, JUPYTERHUB_TLS_INSECURE: 'true' });
  assert.is(v.hub.extraEnv.VAULT_SKIP_VERIFY, 'true');
  assert.is(v.hub.config.OAuthenticator.validate_server_cert, false);
  assert.ok(
    v.hub.extraContainers[0].env.some(
      (e: { name: string; value: string }) => e.name === 'VAULT_SKIP_VERIFY' && e.value === 'true',
    ),
  );
});

Tls.run();
