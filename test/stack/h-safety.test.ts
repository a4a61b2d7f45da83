// The safety guarantees proven on the real systems: every check before the first change
// (a wrong Keycloak password leaves the cluster, OpenBao and Keycloak as they were), the
// hub's Vault token held to least privilege by OpenBao's own ACL, and a crypt key stored
// in Vault reused rather than replaced.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bao, getObject, kubectl, kvGet, secretData, tasks } from '../support/stack.js';
import { clusterState, fullInstall, keycloakState, NS, vaultState } from './fixture.js';

const test = suite('stack: safety');

test('a wrong Keycloak admin password stops install before any change', async () => {
  const before = {
    cluster: clusterState(),
    vault: await vaultState(),
    keycloak: await keycloakState(),
  };
  const r = await tasks(
    ['jupyterhub:install', '--yes'],
    fullInstall({ KEYCLOAK_ADMIN_PASSWORD: 'not-the-password' }),
  );
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /Keycloak/);
  const after = {
    cluster: clusterState(),
    vault: await vaultState(),
    keycloak: await keycloakState(),
  };
  assert.equal(after, before);
});

test("the hub's Vault token: only jupyter-user-* policies, only role-minted tokens, no other secrets", async () => {
  const install = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(install.code, 0, install.stderr);
  const hub = (await kvGet('jupyterhub/vault-token'))?.token;
  assert.ok(hub, 'the hub admin token');
  const policy = {
    policy: 'path "*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }',
  };
  assert.is(
    (await bao('PUT', 'sys/policies/acl/takeover', policy, hub)).status,
    403,
    'no other policy',
  );
  assert.is(
    (await bao('PUT', 'sys/policies/acl/default', policy, hub)).status,
    403,
    'not the default policy',
  );
  assert.is((await bao('GET', 'sys/policies/acl/takeover')).status, 404);
  const minted = await bao('POST', 'auth/token/create', { policies: ['admin'] }, hub);
  assert.is(minted.status, 403, 'no token outside the role');
  const orphan = await bao('POST', 'auth/token/create-orphan', { policies: ['admin'] }, hub);
  assert.is(orphan.status, 403, 'no orphan token outside the role');
  const viaRole = await bao(
    'POST',
    'auth/token/create/jupyterhub-user',
    { policies: ['admin'] },
    hub,
  );
  assert.ok(viaRole.status >= 400, `the role refuses policy admin (${viaRole.status})`);
  for (const path of [
    'secret/data/jupyterhub/config',
    'secret/data/jupyter/users/bob/api',
    'secret/data/keycloak/admin',
  ]) {
    assert.is((await bao('GET', path, undefined, hub)).status, 403, path);
  }
  // What the pre-spawn hook does, and nothing more: a user policy and a token with it.
  const userPolicy = {
    policy: 'path "secret/data/jupyter/users/carol/*" { capabilities = ["read"] }',
  };
  assert.is((await bao('PUT', 'sys/policies/acl/jupyter-user-carol', userPolicy, hub)).status, 204);
  const user = await bao(
    'POST',
    'auth/token/create/jupyterhub-user',
    { policies: ['jupyter-user-carol'] },
    hub,
  );
  assert.is(user.status, 200, JSON.stringify(user.json?.errors));
  assert.equal(user.json.auth.policies.sort(), ['default', 'jupyter-user-carol']);
  assert.is(user.json.auth.orphan, true);
  assert.is(user.json.auth.renewable, true);
});

test('a crypt key in Vault is reused when the Secret is gone', async () => {
  const stored = (await kvGet('jupyterhub/config'))?.['crypt-key'];
  assert.ok(stored, 'crypt key in OpenBao');
  kubectl('delete', 'externalsecret', 'jupyterhub-crypt-key', '-n', NS);
  kubectl('delete', 'secret', 'jupyterhub-crypt-key', '-n', NS, '--ignore-not-found');
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.ok(
    (await kvGet('jupyterhub/config'))?.['crypt-key'] === stored,
    'Vault keeps the same key',
  );
  assert.ok(
    secretData(getObject('secret', 'jupyterhub-crypt-key', NS), 'crypt-key') === stored,
    'the synced Secret carries the stored key',
  );
  const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall());
  assert.is(u.code, 0, u.stderr);
});

test.run();
