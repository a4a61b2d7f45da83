// install --dry-run: with everything detected it runs only queries, leaves the state file,
// Vault and Keycloak untouched, and prints every change it would make, with no secret.
// With no cluster at all (unreachable, or no state file), it says so once and plans as for
// an empty cluster.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
    '# write secret/jupyterhub/config (fields: crypt-key)',
    'vault write secret/data/jupyterhub/config - <<EOF',
    '"crypt-key": "${JUPYTERHUB_CRYPT_KEY:?set JUPYTERHUB_CRYPT_KEY}"',
    `# ExternalSecret jupyterhub-crypt-key ← Vault jupyterhub/config`,
    `kubectl wait --for=condition=Ready externalsecret/jupyterhub-crypt-key -n ${NS} --timeout=60s`,
    '# write secret/jupyterhub/admin-service (fields: token)',
    '"token": "${JUPYTERHUB_ADMIN_SERVICE_TOKEN:?set JUPYTERHUB_ADMIN_SERVICE_TOKEN}"',
    `kubectl wait --for=condition=Ready externalsecret/jupyterhub-admin-service-token -n ${NS} --timeout=60s`,
    `# would create Keycloak public client jupyterhub in realm buunstack (redirect ${CALLBACK}`,
    'helm repo add jupyterhub https://jupyterhub.github.io/helm-chart --force-update',
    'helm repo update jupyterhub',
    '# NFS home volumes (jupyter-nfs-static, jupyter-nfs-pv, jupyter-nfs-pvc)',
    '# write policy jupyterhub-admin',
    'vault write sys/policies/acl/jupyterhub-admin -',
    '# write auth/kubernetes/role/jupyterhub-admin',
    'vault write auth/kubernetes/role/jupyterhub-admin -',
    '# ConfigMap vault-token-renewer-config (the token renewer script)',
    'kubectl apply -f - < ',
    '# create token "jupyterhub-admin" (policies: jupyterhub-admin, ttl 24h)',
    'vault write auth/token/create-orphan -',
    '# write secret/jupyterhub/vault-token (fields: token)',
    '"token": "${JUPYTERHUB_VAULT_TOKEN:?set JUPYTERHUB_VAULT_TOKEN}"',
    `kubectl wait --for=condition=Ready externalsecret/jupyterhub-vault-token -n ${NS} --timeout=60s`,
    `helm upgrade --cleanup-on-fail --install jupyterhub jupyterhub/jupyterhub --version 4.3.2 -n ${NS} --timeout=20m -f `,
    `# would wait up to 600s for deployments hub, proxy in ${NS} to be ready`,
    '# ServiceMonitor jupyterhub-hub',
  ];
  let at = 0;
  for (const text of expected) {
    const found = r.stdout.indexOf(text, at);
    assert.ok(found >= 0, `not in the plan (after position ${at}): ${text}`);
    at = found + text.length;
  }
  // The plan is on stdout; stderr has the progress and the summary.
  assert.match(
    r.stderr,
    `Planned: JupyterHub 4.3.2 at https://jupyter.example.com/ (namespace ${NS})`,
  );
  assert.not.match(r.stderr, 'helm upgrade');
  assert.not.match(r.stdout, 'Planned: JupyterHub');
});

test('the renewer script is named by path and sha256, not inlined; the file is a literal block', () => {
  const m =
    /\n# ConfigMap vault-token-renewer-config \(the token renewer script\)\necho '([0-9a-f]{64}) {2}(\S+)' \| sha256sum --check --quiet -\nkubectl apply -f - < (\S+)\n/.exec(
      r.stdout,
    );
  assert.ok(m, r.stdout);
  assert.is(m[2], m[3]);
  const text = readFileSync(m[2]!, 'utf8');
  assert.is(createHash('sha256').update(text).digest('hex'), m[1]);
  assert.match(text, 'vault-token-renewer.sh: |\n    #!/bin/sh\n');
  assert.not.match(r.stdout, '#!/bin/sh');
});

test('no cluster (API unreachable): exit 0, said once, planned as empty; nothing else run', async () => {
  empty.fc.update((s) => void (s.reachable = false));
  const state = stateBytes(empty);
  const res = await empty.run(['jupyterhub:install', '--dry-run'], ALL_OFF);
  assert.is(res.code, 0, res.stderr);
  assert.is(res.stderr.split('no reachable Kubernetes cluster').length - 1, 1);
  assert.equal(empty.fc.calls().map(line), ['kubectl get --raw /readyz --request-timeout=5s']);
  assert.is(stateBytes(empty), state);
  // As for an empty cluster: both Secrets planned, their values references to supply.
  assert.match(res.stdout, '# Secret jupyterhub-crypt-key');
  assert.match(res.stdout, 'crypt-key: ${JUPYTERHUB_CRYPT_KEY:?set JUPYTERHUB_CRYPT_KEY}');
  assert.match(res.stdout, '# Secret jupyterhub-admin-service-token');
  assert.match(
    res.stdout,
    '  token: ${JUPYTERHUB_ADMIN_SERVICE_TOKEN:?set JUPYTERHUB_ADMIN_SERVICE_TOKEN}',
  );
  assert.match(res.stdout, 'helm upgrade --cleanup-on-fail --install jupyterhub');
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
  assert.match(res.stdout, 'crypt-key: ${JUPYTERHUB_CRYPT_KEY:?set JUPYTERHUB_CRYPT_KEY}');
  // The admin token does not exist yet: its Secret is planned with a reference, not an empty value.
  assert.match(
    res.stdout,
    /# Secret jupyterhub-vault-token\n[^]*?\n {2}token: \$\{JUPYTERHUB_VAULT_TOKEN:\?set JUPYTERHUB_VAULT_TOKEN\}\n/,
  );
  assert.match(res.stdout, '#   JUPYTERHUB_VAULT_TOKEN\n');
  assert.match(res.stderr, 'Planned: JupyterHub 4.3.2');
  assert.equal(vaultWrites(empty), []);
});

test('no secret in any argv or printed byte (the root token given as argument included)', () => {
  for (const w of watches) w.assertClean();
  assert.not.match(full.printed(), full.vault.rootToken);
});

test.run();
