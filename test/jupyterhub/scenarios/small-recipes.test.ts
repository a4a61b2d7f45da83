// The small recipes on their own: namespaces (delete asks first), the Helm repository
// (idempotent add, remove also when missing), and the two Vault recipes with the root token
// as argument (stdout empty, the token never printed). A non-default namespace shows the
// Kubernetes auth role is bound to JUPYTERHUB_NAMESPACE (the old recipe hard-coded jupyter).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startScenario, type Scenario } from '../../support/scenario.js';
import { line, mark, template } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: namespace, helm repo and Vault recipes standalone');

const NS = 'hub-test';
const REPO = { name: 'jupyterhub', url: 'https://jupyterhub.github.io/helm-chart' };
let sc: Scenario;
let leaks: LeakWatch;
const run = (args: string[], env: Record<string, string | undefined> = {}) =>
  sc.run(args, { JUPYTERHUB_NAMESPACE: NS, ...env });

test.before(async () => {
  sc = await startScenario();
  leaks = watchLeaks(sc);
});
test.after(() => sc.close());

test('create-namespace creates it once; a second run only looks', async () => {
  const m = mark(sc);
  assert.is((await run(['jupyterhub:create-namespace'])).code, 0);
  assert.ok(sc.fc.object('Namespace', NS));
  const again = await run(['jupyterhub:create-namespace']);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, `namespace ${NS} already exists`);
  assert.equal(m.since().map(line), [
    `kubectl get namespace ${NS} -o json --ignore-not-found`,
    'kubectl apply -f -',
    `kubectl get namespace ${NS} -o json --ignore-not-found`,
  ]);
});

test('delete-namespace without --yes (no terminal): exit 1, nothing run, namespace kept', async () => {
  const m = mark(sc);
  const r = await run(['jupyterhub:delete-namespace']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, '--yes');
  assert.equal(m.since(), []);
  assert.ok(sc.fc.object('Namespace', NS));
});

test('delete-namespace --yes deletes it; again: still exit 0 (not found is fine)', async () => {
  const r = await run(['jupyterhub:delete-namespace', '--yes']);
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('Namespace', NS), undefined);
  const m = mark(sc);
  assert.is((await run(['jupyterhub:delete-namespace', '--yes'])).code, 0);
  assert.equal(m.since().map(line), [`kubectl delete namespace ${NS} --ignore-not-found`]);
});

test('add-helm-repo twice: both exit 0, one repository, only it refreshed', async () => {
  const m = mark(sc);
  for (let i = 0; i < 2; i++) {
    const r = await run(['jupyterhub:add-helm-repo']);
    assert.is(r.code, 0, r.stderr);
  }
  assert.equal(sc.fc.state().helmRepos, [REPO]);
  const pair = [
    `helm repo add ${REPO.name} ${REPO.url} --force-update`,
    `helm repo update ${REPO.name}`,
  ];
  assert.equal(m.since().map(line), [...pair, ...pair]);
});

test('remove-helm-repo removes it; when it is already gone: exit 0 and says so', async () => {
  const r = await run(['jupyterhub:remove-helm-repo']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(sc.fc.state().helmRepos, []);
  const again = await run(['jupyterhub:remove-helm-repo']);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, 'helm repository jupyterhub was not configured');
});

test('setup-vault-integration <root>: policy, role bound to JUPYTERHUB_NAMESPACE, renewer ConfigMap', async () => {
  assert.is((await run(['jupyterhub:create-namespace'])).code, 0);
  const r = await run(['jupyterhub:setup-vault-integration', sc.vault.rootToken], {
    JUPYTERHUB_VAULT_TOKEN_TTL: '1h',
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  assert.is(sc.vault.policy('jupyterhub-admin'), template('jupyterhub-admin-policy.hcl'));
  const role = sc.vault.kubernetesRole('jupyterhub-admin');
  assert.equal(role?.bound_service_account_namespaces, [NS]);
  assert.equal(role?.bound_service_account_names, ['hub']);
  assert.equal([role?.token_ttl, role?.token_max_ttl, role?.audience], [3600, 720 * 3600, 'vault']);
  const cm = sc.fc.object('ConfigMap', 'vault-token-renewer-config', NS);
  assert.equal(cm?.data, { 'vault-token-renewer.sh': template('vault-token-renewer.sh') });
  assert.match(r.stderr, 'renewed every 30m');
  assert.not.match(r.stderr, sc.vault.rootToken);
});

test('create-jupyterhub-vault-token <root>: renewable token stored in KV, never printed; rerun revokes the old', async () => {
  const r = await run(['jupyterhub:create-jupyterhub-vault-token', sc.vault.rootToken], {
    JUPYTERHUB_VAULT_TOKEN_TTL: '1h',
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  const first = String(sc.vault.kvRead('jupyterhub/vault-token')?.token);
  const t = sc.vault.token(first);
  assert.equal(
    [t?.renewable, t?.ttl, t?.explicitMaxTtl, t?.displayName, t?.revoked],
    [true, 3600, 0, 'token-jupyterhub-admin', false],
  );
  assert.ok(t?.policies.includes('jupyterhub-admin'));
  assert.not.match(r.stderr, first);
  assert.match(r.stderr, 'stored at secret/jupyterhub/vault-token');
  const again = await run(['jupyterhub:create-jupyterhub-vault-token', sc.vault.rootToken], {
    JUPYTERHUB_VAULT_TOKEN_TTL: '1h',
  });
  assert.is(again.code, 0, again.stderr);
  assert.is(again.stdout, '');
  const second = String(sc.vault.kvRead('jupyterhub/vault-token')?.token);
  assert.is.not(second, first);
  assert.is(sc.vault.token(first)?.revoked, true);
  assert.is(sc.vault.token(second)?.revoked, false);
  assert.not.match(sc.printed(), second);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
