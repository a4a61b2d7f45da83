// uninstall removes exactly what the README lists and keeps the rest; --purge also
// clears the hub's Vault entries, token, policies and role, and the Keycloak client —
// but never the users' own secrets.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bao, getObject, keycloakClients, kvGet, releases, tasks } from '../support/stack.js';
import { CLIENT_ID, fullInstall, NS } from './fixture.js';

const test = suite('stack: uninstall');

const gone = (kind: string, name: string, ns?: string) =>
  assert.is(getObject(kind, name, ns), undefined, `${kind} ${name} should be gone`);
const kept = (kind: string, name: string, ns?: string) =>
  assert.ok(getObject(kind, name, ns), `${kind} ${name} should stay`);

test('uninstall --yes: release and namespaced objects gone; namespace, PV, Vault, Keycloak stay', async () => {
  const adminToken = (await kvGet('jupyterhub/vault-token'))?.token;
  const r = await tasks(['jupyterhub:uninstall', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(releases().some((x) => x.name === 'jupyterhub' && x.namespace === NS));
  for (const name of ['jupyterhub-crypt-key', 'jupyterhub-admin-service-token'])
    gone('secret', name, NS);
  for (const name of [
    'jupyterhub-crypt-key',
    'jupyterhub-admin-service-token',
    'jupyterhub-vault-token',
  ])
    gone('externalsecret', name, NS);
  gone('pvc', 'jupyter-nfs-pvc', NS);
  gone('servicemonitor', 'jupyterhub-hub', NS);
  gone('deployment', 'hub', NS);
  kept('namespace', NS);
  const pv = getObject('pv', 'jupyter-nfs-pv');
  assert.ok(pv, 'the NFS PV stays');
  assert.not.ok(pv.spec.claimRef, 'its claim reference is cleared so a new PVC can bind');
  // As the just module does: the crypt key and admin-service entries are soft-deleted
  // (their latest version; `vault kv undelete` brings them back); the rest stays.
  for (const path of ['config', 'admin-service']) {
    assert.is(await kvGet(`jupyterhub/${path}`), undefined, `secret/jupyterhub/${path} deleted`);
    const meta = (await bao('GET', `secret/metadata/jupyterhub/${path}`)).json?.data;
    assert.ok(
      meta?.versions?.[meta.current_version]?.deletion_time,
      `${path}: soft delete, recoverable`,
    );
  }
  assert.ok(await kvGet('jupyterhub/vault-token'), 'the admin token entry stays');
  assert.is((await bao('GET', 'sys/policies/acl/jupyterhub-admin')).status, 200);
  assert.is((await bao('GET', 'auth/token/lookup-self', undefined, adminToken)).status, 200);
  assert.is((await keycloakClients(CLIENT_ID)).length, 1, 'the Keycloak client stays');
});

test('uninstall --purge --yes after a new install: the hub’s Vault and Keycloak state go, users’ secrets stay', async () => {
  const install = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(install.code, 0, install.stderr);
  // A user's own secret, and a per-user policy as the pre-spawn hook writes them.
  assert.is(
    (await bao('POST', 'secret/data/jupyter/users/alice/notes', { data: { k: 'v' } })).status,
    200,
  );
  assert.is(
    (
      await bao('PUT', 'sys/policies/acl/jupyter-user-alice', {
        policy: 'path "secret/data/jupyter/users/alice/*" { capabilities = ["read"] }',
      })
    ).status,
    204,
  );
  const adminToken = (await kvGet('jupyterhub/vault-token'))?.token;
  assert.ok(adminToken);

  const r = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  for (const path of ['config', 'admin-service', 'vault-token']) {
    assert.is(
      (await bao('GET', `secret/metadata/jupyterhub/${path}`)).status,
      404,
      `secret/jupyterhub/${path} destroyed`,
    );
  }
  assert.is(
    (await bao('GET', 'auth/token/lookup-self', undefined, adminToken)).status,
    403,
    'admin token revoked',
  );
  assert.is((await bao('GET', 'sys/policies/acl/jupyterhub-admin')).status, 404);
  assert.is((await bao('GET', 'sys/policies/acl/jupyter-user-alice')).status, 404);
  assert.is((await bao('GET', 'auth/kubernetes/role/jupyterhub-admin')).status, 404);
  assert.equal(await keycloakClients(CLIENT_ID), []);
  assert.equal(await kvGet('jupyter/users/alice/notes'), { k: 'v' }, "the user's own secret stays");
  kept('namespace', NS);
});

test.run();
