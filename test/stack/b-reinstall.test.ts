// Install again over the fresh install: the hub's keys stay, and nothing but the Helm
// revision changes in the cluster, OpenBao or Keycloak.
//
// One exception, the chart's and not ours: at a fresh install Z2JH 4.x renders the hub
// Secret twice with different generated values (cookie secret, proxy token), so the
// checksum annotations on the hub and proxy pod templates do not match the Secret until
// the first upgrade recomputes them: that upgrade rolls hub and proxy once. Every later
// install changes nothing at all.
import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getObject, kvGet, releases, secretData, tasks } from '../support/stack.js';
import { clusterState, fullInstall, keycloakState, NS, vaultState } from './fixture.js';

const test = suite('stack: install again');

const revision = () =>
  Number(releases().find((r) => r.name === 'jupyterhub' && r.namespace === NS)!.revision);
const helmRecord = (k: string) => k.startsWith('helm/') || /^secrets\/sh\.helm\.release/.test(k);

/** A Deployment's spec without the two checksum annotations the chart recomputes. */
function specSansChecksums(name: string): unknown {
  const spec = structuredClone(getObject('deployment', name, NS).spec);
  const annotations = spec.template.metadata.annotations ?? {};
  delete annotations['checksum/secret'];
  delete annotations['checksum/auth-token'];
  return spec;
}

// Secrets are compared by digest, so a failure's diff shows no secret.
const digest = (v: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(v ?? null))
    .digest('hex');

async function snapshot() {
  return {
    cryptKey: digest(secretData(getObject('secret', 'jupyterhub-crypt-key', NS), 'crypt-key')),
    adminToken: digest((await kvGet('jupyterhub/admin-service'))?.token),
    hubSecret: digest(getObject('secret', 'hub', NS).data),
    cluster: clusterState(),
    vault: await vaultState(),
    keycloak: await keycloakState(),
    revision: revision(),
  };
}

test('second install: keys unchanged; besides the revision only the checksum roll of hub and proxy', async () => {
  const before = await snapshot();
  const specs = { hub: specSansChecksums('hub'), proxy: specSansChecksums('proxy') };
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  const after = await snapshot();
  assert.is(after.cryptKey, before.cryptKey);
  assert.is(after.adminToken, before.adminToken);
  assert.equal(
    after.hubSecret,
    before.hubSecret,
    "the chart's hub Secret keeps its generated values",
  );
  assert.is(after.revision, before.revision + 1);
  const changed = Object.keys({ ...before.cluster, ...after.cluster }).filter(
    (k) => !helmRecord(k) && before.cluster[k] !== after.cluster[k],
  );
  assert.equal(changed.sort(), ['deployments.apps/hub', 'deployments.apps/proxy']);
  assert.equal(specSansChecksums('hub'), specs.hub);
  assert.equal(specSansChecksums('proxy'), specs.proxy);
  assert.equal(after.vault, before.vault);
  assert.equal(after.keycloak, before.keycloak);
});

test('third install: nothing changes but the Helm revision', async () => {
  const before = await snapshot();
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  const after = await snapshot();
  assert.is(after.revision, before.revision + 1);
  const changed = Object.keys({ ...before.cluster, ...after.cluster }).filter(
    (k) => !helmRecord(k) && before.cluster[k] !== after.cluster[k],
  );
  assert.equal(changed, [], `changed: ${changed.join(', ')}`);
  const { cluster: _c, revision: _r, ...restBefore } = before;
  const { cluster: _c2, revision: _r2, ...restAfter } = after;
  assert.equal(restAfter, restBefore);
});

test.run();
