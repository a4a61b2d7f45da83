// The chained modules' recipes on the real Keycloak and OpenBao: what a JupyterHub
// operator sets up before install, each result read back through the systems' own APIs.
// Last in the sequence: setup-kubernetes-auth re-points OpenBao's Kubernetes auth at
// the in-cluster address, as on a real cluster (this stack's OpenBao runs outside it).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bao, env, getObject, keycloakAdmin, tasks } from '../support/stack.js';

const test = suite('stack: chained modules (keycloak, vault)');
const REALM = 'e2e-realm';

const admin = keycloakAdmin;

const kc = (args: string[], vars: Record<string, string> = {}) =>
  tasks(args, { KEYCLOAK_REALM: REALM, ...vars });

test('keycloak: a realm as create-realm makes it, a group, a user in it, a client with mappers', async () => {
  let r = await kc(['keycloak:create-realm', 'create-client-for-k8s=false']);
  assert.is(r.code, 0, r.stderr);
  const realm = await admin(REALM);
  assert.equal(
    [realm.accessTokenLifespan, realm.ssoSessionIdleTimeout, realm.ssoSessionMaxLifespan],
    [43200, 7200, 86400],
  );
  r = await kc(['keycloak:create-group', 'data-team']);
  assert.is(r.code, 0, r.stderr);
  r = await kc(
    [
      'keycloak:create-user',
      'username=carol',
      'email=carol@example.com',
      'first_name=Carol',
      'last_name=Data',
    ],
    { KEYCLOAK_USER_PASSWORD: 'carol-password-0123456789' },
  );
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr + r.stdout, 'carol-password-0123456789');
  r = await kc(['keycloak:add-user-to-group', 'carol', 'data-team']);
  assert.is(r.code, 0, r.stderr);
  const [carol] = await admin(`${REALM}/users?username=carol&exact=true`);
  assert.is(carol?.email, 'carol@example.com');
  const groups = await admin(`${REALM}/users/${carol.id}/groups`);
  assert.equal(
    groups.map((g: any) => g.name),
    ['data-team'],
  );
  assert.ok(
    getObject('clusterrolebinding', 'oidc-carol'),
    "create-user binds the user's OIDC identity",
  );

  r = await kc([
    'keycloak:create-client',
    REALM,
    'analytics',
    'https://analytics.example.com/callback',
  ]);
  assert.is(r.code, 0, r.stderr);
  for (const args of [
    ['keycloak:add-groups-mapper', 'analytics'],
    ['keycloak:add-audience-mapper', 'analytics', 'account'],
  ]) {
    r = await kc(args);
    assert.is(r.code, 0, r.stderr);
  }
  const [client] = await admin(`${REALM}/clients?clientId=analytics`);
  assert.equal(client.redirectUris, ['https://analytics.example.com/callback']);
  const mappers = (await admin(`${REALM}/clients/${client.id}/protocol-mappers/models`)) as any[];
  const byType = Object.fromEntries(mappers.map((m) => [m.protocolMapper, m.config]));
  assert.is(byType['oidc-group-membership-mapper']?.['claim.name'], 'groups');
  assert.is(byType['oidc-audience-mapper']?.['included.client.audience'], 'account');
});

test('vault: a KV v2 engine, the admin policy, Kubernetes auth configured, read back from OpenBao', async () => {
  let r = await tasks(['vault:create-secrets-engine', 'kv-e2e'], {});
  assert.is(r.code, 0, r.stderr);
  const mounts =
    (await bao('GET', 'sys/mounts')).json.data ?? (await bao('GET', 'sys/mounts')).json;
  assert.is(mounts['kv-e2e/']?.type, 'kv');
  assert.is(mounts['kv-e2e/']?.options?.version, '2');
  r = await tasks(['vault:create-secrets-engine', 'kv-e2e'], {});
  assert.is(r.code, 0, 'a second run is fine');

  r = await tasks(['vault:create-admin-policy'], {});
  assert.is(r.code, 0, r.stderr);
  assert.match((await bao('GET', 'sys/policies/acl/admin')).json.data.policy, 'sys/auth/*');

  r = await tasks(['vault:setup-kubernetes-auth'], {});
  assert.is(r.code, 0, r.stderr);
  const config = (await bao('GET', 'auth/kubernetes/config')).json.data;
  assert.is(config.kubernetes_host, 'https://kubernetes.default.svc');
  assert.ok(config.kubernetes_ca_cert?.includes('BEGIN CERTIFICATE'), 'the cluster CA');
  assert.ok(getObject('serviceaccount', 'vault-auth', env.K8S_VAULT_NAMESPACE ?? 'vault'));
});

test('vault: OIDC login against the real Keycloak: client vault with mappers, auth/oidc config and roles', async () => {
  // OpenBao fetches the realm's discovery document when the config is written.
  const r = await tasks(['vault:setup-oidc-auth'], { KEYCLOAK_REALM: REALM });
  assert.is(r.code, 0, r.stderr);
  const [client] = await admin(`${REALM}/clients?clientId=vault`);
  assert.ok(client, 'Keycloak client vault');
  assert.ok(
    client.redirectUris.includes(`https://${env.VAULT_HOST}/ui/vault/auth/oidc/oidc/callback`),
  );
  const mappers = (await admin(`${REALM}/clients/${client.id}/protocol-mappers/models`)) as any[];
  assert.ok(mappers.some((m) => m.protocolMapper === 'oidc-group-membership-mapper'));
  assert.ok(mappers.some((m) => m.protocolMapper === 'oidc-audience-mapper'));
  const config = (await bao('GET', 'auth/oidc/config')).json.data;
  assert.is(config.oidc_discovery_url, `https://${env.KEYCLOAK_HOST}/realms/${REALM}`);
  assert.is(config.oidc_client_id, 'vault');
  assert.is((await bao('GET', 'auth/oidc/role/default')).status, 200);
  assert.is((await bao('GET', 'auth/oidc/role/admin')).status, 200);
});

test.run();
