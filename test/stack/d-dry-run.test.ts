// install --dry-run against the live stack reads, plans, and changes nothing anywhere.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tasks } from '../support/stack.js';
import { clusterState, fullInstall, keycloakState, vaultState } from './fixture.js';

const test = suite('stack: dry-run');

test('install --dry-run leaves the cluster, OpenBao and Keycloak as they were', async () => {
  const before = {
    cluster: clusterState(),
    vault: await vaultState(),
    keycloak: await keycloakState(),
  };
  const r = await tasks(['jupyterhub:install', '--dry-run'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  // The plan (stdout) has the chart step, with the stack's kube context in front.
  assert.match(
    r.stdout,
    /^helm --kube-context \S+ upgrade --cleanup-on-fail --install jupyterhub /m,
  );
  const after = {
    cluster: clusterState(),
    vault: await vaultState(),
    keycloak: await keycloakState(),
  };
  assert.equal(after, before);
});

test.run();
