import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { withObject } from '../fakes/index.js';
import type { ClusterState } from '../fakes/lib/types.js';
import { startVaultServer, type VaultTestServer } from '../servers/vault/index.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// vault:install against fake kubectl/helm and an uninitialized Vault test server: the chart,
// init and unseal over the HTTP API, then Kubernetes auth, KV v2 and policy admin.
const test = suite('vault:install');
const REPO = 'https://helm.releases.hashicorp.com';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBinstall\n-----END CERTIFICATE-----\n';

const cluster = (s: ClusterState) => {
  s.chartIndex[REPO] = { vault: [{ version: '0.33.0', appVersion: '1.20.4' }] };
  withObject(s, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vault' } });
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'vault-0',
      namespace: 'vault',
      labels: { 'app.kubernetes.io/name': 'vault' },
    },
    spec: { containers: [{ name: 'vault', image: 'hashicorp/vault' }] },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
    },
  });
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'vault-auth-token', namespace: 'vault' },
    type: 'kubernetes.io/service-account-token',
    data: {
      token: Buffer.from('reviewer-jwt').toString('base64'),
      'ca.crt': Buffer.from(CA).toString('base64'),
    },
  });
};

let sc: Scenario;
let fresh: VaultTestServer;
test.before.each(async () => {
  sc = await startScenario({ cluster });
  fresh = await startVaultServer({
    uninitialized: true,
    secretMount: false,
    kubernetesAuth: false,
  });
});
test.after.each(async () => {
  await fresh.close();
  await sc.close();
});

test('install: chart with the rendered values, init + unseal, then auth, engine and policy with the new root token', async () => {
  const r = await sc.run(['vault:install'], { VAULT_ADDR: fresh.url, VAULT_TOKEN: '' });
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Root Token: ${fresh.rootToken}\nUnseal Key: ${fresh.unsealKey}\n`);
  assert.not.match(r.stderr, fresh.rootToken);
  assert.not.match(r.stderr, fresh.unsealKey);
  assert.equal(
    [
      fresh.initialized(),
      (
        (await fetch(`${fresh.url}/v1/sys/seal-status`).then((x) => x.json())) as {
          sealed: boolean;
        }
      ).sealed,
    ],
    [true, false],
  );
  const release = sc.fc.release('vault', 'vault')!;
  assert.equal([release.chart, release.version], ['vault', '0.33.0']);
  const values = parse(readFileSync(join(sc.dir, 'out', 'vault', 'vault-values.yaml'), 'utf8'));
  assert.equal(values.server.ingress.hosts, [{ host: 'vault.example.com', paths: ['/'] }]);
  assert.is(values.server.statefulSet.securityContext.pod.runAsNonRoot, true);
  assert.is(
    sc.fc.object('Namespace', 'vault')!.metadata.labels?.['pod-security.kubernetes.io/enforce'],
    'restricted',
  );
  assert.equal(fresh.secretsEngines()['secret/']?.options, { version: '2' });
  assert.is(fresh.authMethods()['kubernetes/']?.type, 'kubernetes');
  assert.is(fresh.kubernetesConfig()!.token_reviewer_jwt, 'reviewer-jwt');
  assert.match(fresh.policy('admin')!, 'path "sys/auth/*"');
  assert.ok(sc.fc.object('ClusterRoleBinding', 'vault-auth-binding'));
  const argv = JSON.stringify(sc.fc.calls().map((c) => c.argv));
  assert.not.match(argv, fresh.unsealKey);
});

test('install over an initialized Vault: the root token is needed before any change', async () => {
  const done = await sc.run(['vault:install'], { VAULT_ADDR: fresh.url, VAULT_TOKEN: '' });
  assert.is(done.code, 0, done.stderr);
  const calls = sc.fc.calls().length;
  const again = await sc.run(['vault:install'], { VAULT_ADDR: fresh.url, VAULT_TOKEN: '' });
  assert.is(again.code, 1);
  assert.match(again.stderr, '✗ VAULT_TOKEN is required');
  const changes = sc.fc
    .calls()
    .slice(calls)
    .filter((c) => !['get', 'list', 'version'].includes(c.argv[0]!));
  assert.equal(changes, [], 'nothing changed');
  const ok = await sc.run(['vault:install'], {
    VAULT_ADDR: fresh.url,
    VAULT_TOKEN: fresh.rootToken,
  });
  assert.is(ok.code, 0, ok.stderr);
  assert.is(ok.stdout, '', 'no new credentials');
  assert.match(ok.stderr, 'Vault is already initialized');
});

test('install --dry-run: every step planned, nothing installed or initialized', async () => {
  const r = await sc.run(['vault:install', '--dry-run'], {
    VAULT_ADDR: fresh.url,
    VAULT_TOKEN: '',
  });
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    'helm upgrade --cleanup-on-fail --install vault hashicorp/vault --version 0.33.0 -n vault --wait --timeout=10m -f',
  );
  assert.match(r.stdout, '# would initialize Vault at');
  assert.match(r.stdout, '# would write policy admin (vault:create-admin-policy)');
  assert.not.match(r.stderr, 'helm upgrade', 'the plan is on stdout only');
  assert.is(fresh.initialized(), false);
  assert.is(sc.fc.release('vault', 'vault'), undefined);
});

test.run();
