// Install again over the fresh install: the hub's keys stay, and nothing but the Helm
// revision changes in the cluster, OpenBao or Keycloak.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getObject, kvGet, releases, secretData, tasks } from '../support/stack.js';
import { clusterState, fullInstall, keycloakState, NS, vaultState } from './fixture.js';

const test = suite('stack: install again');

test('crypt key and admin-service token unchanged; only the Helm revision moves', async () => {
  const cryptKey = secretData(getObject('secret', 'jupyterhub-crypt-key', NS), 'crypt-key');
  const adminToken = (await kvGet('jupyterhub/admin-service'))?.token;
  const cluster = clusterState();
  const vault = await vaultState();
  const keycloak = await keycloakState();
  const revision = Number(releases().find((r) => r.name === 'jupyterhub')!.revision);

  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);

  assert.is(secretData(getObject('secret', 'jupyterhub-crypt-key', NS), 'crypt-key'), cryptKey);
  assert.is((await kvGet('jupyterhub/admin-service'))?.token, adminToken);
  const after = clusterState();
  assert.is(Number(after[`helm/${NS}/jupyterhub`]), revision + 1);
  // Helm's upgrade rewrites its own objects (the hub Secret and ConfigMap carry the
  // revision; Deployments get a new checksum only when values change): compare the rest.
  const helmOwned = (k: string) => k.startsWith('helm/') || /^secrets\/sh\.helm\.release/.test(k);
  const changed = Object.keys({ ...cluster, ...after }).filter(
    (k) => !helmOwned(k) && cluster[k] !== after[k],
  );
  assert.equal(changed, [], `changed besides the Helm release: ${changed.join(', ')}`);
  assert.equal(await vaultState(), vault);
  assert.equal(await keycloakState(), keycloak);
});

test.run();
