// install --dry-run: with everything detected it runs only queries, leaves the state file,
// Vault and Keycloak untouched, and prints every change it would make, with no secret.
// With no cluster at all (unreachable, or no state file), it says so once and plans as for
// an empty cluster.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from '../../support/cli.js';
import { ALL_OFF, ALL_ON, startScenario, type Scenario } from '../../support/scenario.js';
import { CALLBACK, isQuery, keycloakWrites, line, NS, stateBytes, vaultWrites } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: install --dry-run, with a cluster and without');

let full: Scenario;
let empty: Scenario;
const watches: LeakWatch[] = [];
let r: CliResult;
let stateBefore: string;

test.before(async () => {
  [full, empty] = await Promise.all([
    startScenario({ eso: true, vault: true, prometheus: true, nvidia: true }),
    startScenario(),
  ]);
  watches.push(watchLeaks(full), watchLeaks(empty));
  stateBefore = stateBytes(full);
  r = await full.run(['jupyterhub:install', '--dry-run', full.vault.rootToken], ALL_ON);
});
test.after(async () => void (await Promise.all([full.close(), empty.close()])));

test('exit 0; state file byte-identical; only queries were run', () => {
  assert.is(r.code, 0, r.stderr);
  assert.is(stateBytes(full), stateBefore);
  const calls = full.fc.calls();
  assert.ok(calls.length > 0);
  assert.ok(calls.every(isQuery), calls.map(line).join('\n'));
});

test('Vault and Keycloak: reads only, no write of any kind', () => {
  assert.equal(vaultWrites(full), []);
  assert.equal(keycloakWrites(full), []);
  assert.equal(full.keycloak.clients('buunstack'), []);
  assert.is(full.vault.policy('jupyterhub-admin'), undefined);
});

test('every change is printed, in install order', () => {
  const expected = [
    `# namespace ${NS}`,
    'pod-security.kubernetes.io/enforce: restricted',
    'buun.channel/enable-monitoring: "true"',
    '# would write secret/jupyterhub/config (fields: crypt-key)',
    `# ExternalSecret jupyterhub-crypt-key ← Vault jupyterhub/config`,
    `kubectl wait --for=condition=Ready externalsecret/jupyterhub-crypt-key -n ${NS} --timeout=60s`,
    '# would write secret/jupyterhub/admin-service (fields: token)',
    `kubectl wait --for=condition=Ready externalsecret/jupyterhub-admin-service-token -n ${NS} --timeout=60s`,
    `# would create Keycloak public client jupyterhub in realm buunstack (redirect ${CALLBACK}`,
    'helm repo add jupyterhub https://jupyterhub.github.io/helm-chart --force-update',
    'helm repo update jupyterhub',
    '# NFS home volumes (jupyter-nfs-static, jupyter-nfs-pv, jupyter-nfs-pvc)',
    '# would write policy jupyterhub-admin',
    '# would write auth/kubernetes/role/jupyterhub-admin',
    'name: vault-token-renewer-config',
    '# would create token "jupyterhub-admin" (policies: jupyterhub-admin, ttl 24h)',
    '# would write secret/jupyterhub/vault-token (fields: token)',
    `kubectl wait --for=condition=Ready externalsecret/jupyterhub-vault-token -n ${NS} --timeout=60s`,
    `helm upgrade --cleanup-on-fail --install jupyterhub jupyterhub/jupyterhub --version 4.3.2 -n ${NS} --timeout=20m -f `,
    `# would wait up to 600s for deployments hub, proxy in ${NS} to be ready`,
    '# ServiceMonitor jupyterhub-hub',
    `Planned: JupyterHub 4.3.2 at https://jupyter.example.com/ (namespace ${NS})`,
  ];
  let at = 0;
  for (const text of expected) {
    const found = r.stderr.indexOf(text, at);
    assert.ok(found >= 0, `not printed (after position ${at}): ${text}`);
    at = found + text.length;
  }
  assert.is(r.stdout, '');
});

test('the printed renewer script is readable (a literal block, not folded)', () => {
  assert.match(r.stderr, 'vault-token-renewer.sh: |\n    #!/bin/sh\n');
});

test('no cluster (API unreachable): exit 0, said once, planned as empty; nothing else run', async () => {
  empty.fc.update((s) => void (s.reachable = false));
  const state = stateBytes(empty);
  const res = await empty.run(['jupyterhub:install', '--dry-run'], ALL_OFF);
  assert.is(res.code, 0, res.stderr);
  assert.is(res.stderr.split('no reachable Kubernetes cluster').length - 1, 1);
  assert.equal(empty.fc.calls().map(line), ['kubectl get --raw /readyz --request-timeout=5s']);
  assert.is(stateBytes(empty), state);
  // As for an empty cluster: both Secrets planned, their values masked.
  assert.match(res.stderr, '# Secret jupyterhub-crypt-key');
  assert.match(res.stderr, 'crypt-key: ***');
  assert.match(res.stderr, '# Secret jupyterhub-admin-service-token');
  assert.match(res.stderr, '  token: ***');
  assert.match(res.stderr, 'helm upgrade --cleanup-on-fail --install jupyterhub');
  assert.equal(keycloakWrites(empty), []);
  assert.equal(empty.vault.requests(), []);
});

test('no state file at all (FAKE_CLUSTER_STATE unset), Vault on: exit 0, said once, same plan', async () => {
  const before = empty.fc.calls().length;
  const env = {
    ...ALL_OFF,
    FAKE_CLUSTER_STATE: undefined,
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
  };
  const res = await empty.run(['jupyterhub:install', '--dry-run'], {
    ...env,
    VAULT_TOKEN: empty.vault.rootToken,
  });
  assert.is(res.code, 0, res.stderr);
  assert.is(res.stderr.split('no reachable Kubernetes cluster').length - 1, 1);
  assert.ok(
    empty.fc
      .calls()
      .slice(before)
      .every((c) => line(c).startsWith('kubectl get --raw /readyz')),
  );
  assert.match(res.stderr, 'crypt-key: ***');
  // The admin token does not exist yet: its Secret is planned with a masked value, not an empty one.
  assert.match(res.stderr, /# Secret jupyterhub-vault-token\n[^]*?\n {2}token: \*\*\*\n/);
  assert.match(res.stderr, 'Planned: JupyterHub 4.3.2');
  assert.equal(vaultWrites(empty), []);
});

test('no secret in any argv or printed byte (the root token given as argument included)', () => {
  for (const w of watches) w.assertClean();
  assert.not.match(full.printed(), full.vault.rootToken);
});

test.run();
