// A preview needs no confirmation (issue 15.3): `uninstall --dry-run` and
// `delete-namespace --dry-run` run without --yes and without a terminal, print what would
// go (the inventory read from the cluster and Vault), and change nothing. Without
// --dry-run the same runs still stop at the confirmation.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withNamespace, withUserPod } from '../../fakes/index.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, line, mark, NS, stateBytes, vaultWrites } from './helpers.js';

const test = suite('jupyterhub previews: uninstall / delete-namespace --dry-run without --yes');

let sc: Scenario;
test.before(async () => {
  sc = await startScenario({ vault: true });
  const r = await sc.run(['jupyterhub:install'], { ...ALL_OFF, VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  sc.fc.update((s) => {
    withUserPod(s, NS, 'carol');
    withNamespace(s, 'keycloak');
  });
});
test.after(() => sc.close());

function unchanged(run: () => Promise<void>) {
  return async () => {
    const state = stateBytes(sc);
    const writes = vaultWrites(sc).length;
    const m = mark(sc);
    await run();
    assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
    assert.is(stateBytes(sc), state);
    assert.is(vaultWrites(sc).length, writes);
  };
}

test(
  'uninstall --dry-run: exit 0, the inventory of this cluster and Vault, the plan, nothing changed',
  unchanged(async () => {
    const r = await sc.run(['jupyterhub:uninstall', '--dry-run'], {
      VAULT_TOKEN: sc.vault.rootToken,
    });
    assert.is(r.code, 0, r.stderr);
    const [removed, stays] = r.stderr.split('Stays:\n');
    for (const item of [
      'kubernetes: helm-release/jupyterhub',
      'kubernetes: pod/jupyter-carol',
      'kubernetes: secret/jupyterhub-crypt-key',
      'kubernetes: secret/jupyterhub-admin-service-token',
      'vault: soft-delete secret/jupyterhub/config',
      'vault: soft-delete secret/jupyterhub/admin-service',
    ])
      assert.match(removed, `  - ${item}`);
    // Not installed here (all off, no ESO): never listed.
    assert.not.match(r.stderr, 'externalsecret/');
    assert.not.match(r.stderr, 'persistentvolumeclaim/');
    assert.match(stays, `  - kubernetes: namespace/${NS}`);
    assert.match(r.stdout + r.stderr, `helm uninstall jupyterhub -n ${NS}`);
    assert.not.match(r.stderr, 'was not uninstalled');
  }),
);

test(
  'uninstall without --dry-run and without --yes: still refused after the same inventory',
  unchanged(async () => {
    const r = await sc.run(['jupyterhub:uninstall'], { VAULT_TOKEN: sc.vault.rootToken });
    assert.is(r.code, 1);
    assert.match(r.stderr, 'kubernetes: pod/jupyter-carol');
    assert.match(r.stderr, 'JupyterHub was not uninstalled');
  }),
);

test(
  'delete-namespace --dry-run: exit 0 with the delete planned; without it, refused',
  unchanged(async () => {
    const dry = await sc.run(['jupyterhub:delete-namespace', '--dry-run'], ALL_OFF);
    assert.is(dry.code, 0, dry.stderr);
    assert.match(dry.stdout + dry.stderr, `kubectl delete namespace ${NS} --ignore-not-found`);
    const real = await sc.run(['jupyterhub:delete-namespace'], ALL_OFF);
    assert.is(real.code, 1);
    assert.match(real.stderr, `namespace ${NS} was not deleted`);
  }),
);

test(
  'keycloak:delete-namespace --dry-run (the shared k8s step): exit 0 with the delete planned',
  unchanged(async () => {
    const dry = await sc.run(['keycloak:delete-namespace', '--dry-run'], {});
    assert.is(dry.code, 0, dry.stderr);
    assert.match(dry.stdout + dry.stderr, 'kubectl delete namespace keycloak --ignore-not-found');
    const real = await sc.run(['keycloak:delete-namespace'], {});
    assert.is(real.code, 1);
    assert.match(real.stderr, 'namespace keycloak was not deleted');
  }),
);

test('after a real uninstall the inventory is empty: "nothing", and it says why', async () => {
  const r = await sc.run(['jupyterhub:uninstall', '--yes'], { VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  const dry = await sc.run(['jupyterhub:uninstall', '--dry-run'], {
    VAULT_TOKEN: sc.vault.rootToken,
  });
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, 'Removed: nothing (JupyterHub is not installed here)');
});

test.run();
