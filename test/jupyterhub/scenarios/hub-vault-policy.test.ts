// Issue 11, point 8: after install with the Vault integration, the hub's token (the one
// install stored for it) can write per-user policies and mint user tokens through the
// token role, and nothing else: no other policy, no token with another policy, no secret.
// Checked with the Vault test server's ACL, through its HTTP API.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call } from '../../servers/vault/test-helpers.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';

const test = suite('jupyterhub scenario: the hub Vault token is least-privilege');

let sc: Scenario;
let hub: string;

const EVERYTHING =
  'path "*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }';

test.before(async () => {
  sc = await startScenario({ eso: true });
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_NAMESPACE: 'datastack',
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
    NOTEBOOK_VAULT_TOKEN_MAX_TTL: '100h',
    VAULT_TOKEN: sc.vault.rootToken,
  });
  assert.is(r.code, 0, r.stderr);
  hub = String(sc.vault.kvRead('jupyterhub/vault-token')?.token ?? '');
  assert.ok(hub, 'install stored the hub token');
  sc.vault.kvWrite('jupyter/users/bob/x', { k: "bob's" });
  sc.vault.kvWrite('keycloak/admin', { password: 'kc-admin-pw' });
});
test.after(() => sc.close());

test('install wrote the token role: jupyter-user-* and default, orphan, renewable, max TTL', async () => {
  const role = await call(sc.vault, 'GET', 'auth/token/roles/jupyterhub-user');
  assert.is(role.status, 200);
  assert.equal(role.body.data.allowed_policies, ['default']);
  assert.equal(role.body.data.allowed_policies_glob, ['jupyter-user-*']);
  assert.is(role.body.data.orphan, true);
  assert.is(role.body.data.renewable, true);
  assert.is(role.body.data.token_explicit_max_ttl, 100 * 3600);
});

test('the hub can write jupyter-user-* and mint such a token through the role', async () => {
  const w = await call(sc.vault, 'PUT', 'sys/policy/jupyter-user-alice', {
    token: hub,
    body: { policy: 'path "secret/data/jupyter/users/alice/*" { capabilities = ["read"] }' },
  });
  assert.is(w.status, 204, JSON.stringify(w.body));
  const t = await call(sc.vault, 'POST', 'auth/token/create/jupyterhub-user', {
    token: hub,
    body: { policies: ['jupyter-user-alice'], ttl: '2h', explicit_max_ttl: '500h' },
  });
  assert.is(t.status, 200, JSON.stringify(t.body));
  assert.equal(t.body.auth.policies, ['default', 'jupyter-user-alice']);
  assert.is(t.body.auth.orphan, true);
  const info = sc.vault.token(t.body.auth.client_token)!;
  assert.is(info.explicitMaxTtl, 100 * 3600, 'capped by the role');
  // alice cannot read bob's secrets.
  const bob = await call(sc.vault, 'GET', 'secret/data/jupyter/users/bob/x', {
    token: t.body.auth.client_token,
  });
  assert.is(bob.status, 403);
});

test('the hub cannot write any other policy (default included)', async () => {
  for (const path of [
    'sys/policies/acl/everything',
    'sys/policy/everything',
    'sys/policies/acl/default',
    'sys/policy/default',
    'sys/policies/acl/jupyterhub-admin',
  ]) {
    const r = await call(sc.vault, 'PUT', path, { token: hub, body: { policy: EVERYTHING } });
    assert.is(r.status, 403, path);
  }
  assert.is(sc.vault.policy('everything'), undefined);
});

test('the hub cannot mint a token with another policy, nor a role of its own', async () => {
  for (const path of [
    'auth/token/create/jupyterhub-user',
    'auth/token/create',
    'auth/token/create-orphan',
  ])
    for (const policies of [['jupyterhub-admin'], ['root'], ['jupyter-user-alice', 'other']]) {
      const r = await call(sc.vault, 'POST', path, { token: hub, body: { policies } });
      assert.ok([400, 403].includes(r.status), `${path} ${policies.join(',')}: ${r.status}`);
    }
  const role = await call(sc.vault, 'POST', 'auth/token/roles/mine', {
    token: hub,
    body: { allowed_policies: 'jupyterhub-admin' },
  });
  assert.is(role.status, 403);
});

test('the hub cannot read secrets: users, Keycloak admin, its own config', async () => {
  for (const path of [
    'secret/data/jupyter/users/bob/x',
    'secret/data/keycloak/admin',
    'secret/data/jupyterhub/config',
    'secret/data/jupyterhub/vault-token',
  ]) {
    const r = await call(sc.vault, 'GET', path, { token: hub });
    assert.is(r.status, 403, path);
  }
});

test.run();
