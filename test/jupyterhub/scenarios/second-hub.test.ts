// A hub from the just module's older default namespace (jupyter) while ours is now
// datastack: install stops before any change, naming the release, its namespace and
// the variable; JUPYTERHUB_NAMESPACE=jupyter upgrades that hub; --allow-second-hub
// installs a second one on purpose.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withJupyterHub, withRelease } from '../../fakes/index.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { keycloakWrites, line, NS, stateBytes, vaultWrites } from './helpers.js';

const test = suite('jupyterhub scenario: a hub already runs in another namespace');

let sc: Scenario;
test.before(async () => {
  sc = await startScenario({
    cluster: (s) => {
      withJupyterHub(s, 'jupyter', { version: '4.2.0' });
      // Another chart's release named like a hub, in a third namespace: not a hub.
      withRelease(s, { name: 'jupyterhub-docs', namespace: 'docs', chart: 'docs-site' });
    },
  });
});
test.after(() => sc.close());

test('the namespace is now datastack by default', () => {
  assert.is(NS, 'datastack');
});

test('install into datastack: exit 1, release, namespace and variable named, nothing changed', async () => {
  const before = stateBytes(sc);
  const r = await sc.run(['jupyterhub:install'], ALL_OFF);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'JupyterHub release jupyterhub (jupyterhub-4.2.0) in namespace jupyter');
  assert.match(r.stderr, 'installing into namespace datastack would start a second hub');
  assert.match(r.stderr, 'set JUPYTERHUB_NAMESPACE=jupyter');
  assert.match(r.stderr, '--allow-second-hub');
  // Only reads were made (the release list, and the hub's Secrets read beside it).
  const calls = sc.fc.calls().map(line);
  assert.ok(calls.includes('helm list --all-namespaces -o json'));
  assert.equal(
    calls.filter((c) => !/^(helm list|kubectl get) /.test(c)),
    [],
  );
  assert.is(stateBytes(sc), before, 'the cluster is unchanged');
  assert.equal(vaultWrites(sc), []);
  assert.equal(keycloakWrites(sc), []);
  assert.is(sc.fc.object('Namespace', 'datastack'), undefined);
});

test('--dry-run says the same and plans nothing', async () => {
  const r = await sc.run(['jupyterhub:install', '--dry-run'], ALL_OFF);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'set JUPYTERHUB_NAMESPACE=jupyter');
  assert.not.match(r.stderr + r.stdout, 'helm upgrade');
});

test('a hub under another release name is found by its chart', async () => {
  sc.fc.update((s) => {
    withRelease(s, { name: 'old-hub', namespace: 'lab', chart: 'jupyterhub', version: '3.3.8' });
  });
  const r = await sc.run(['jupyterhub:install'], { ...ALL_OFF, JUPYTERHUB_NAMESPACE: 'jupyter' });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'old-hub (jupyterhub-3.3.8) in namespace lab');
  assert.not.match(r.stderr, 'in namespace jupyter,');
  sc.fc.update((s) => {
    s.releases = s.releases.filter((rel) => rel.name !== 'old-hub');
  });
});

test('JUPYTERHUB_NAMESPACE=jupyter upgrades the existing hub, no second one', async () => {
  const r = await sc.run(['jupyterhub:install'], { ...ALL_OFF, JUPYTERHUB_NAMESPACE: 'jupyter' });
  assert.is(r.code, 0, r.stderr);
  const hubs = sc.fc.state().releases.filter((rel) => rel.chart === 'jupyterhub');
  assert.equal(
    hubs.map((rel) => [rel.name, rel.namespace, rel.version, rel.revision]),
    [['jupyterhub', 'jupyter', '4.3.2', 2]],
  );
});

test('--allow-second-hub installs the second hub in datastack, with a warning', async () => {
  const r = await sc.run(['jupyterhub:install', '--allow-second-hub'], ALL_OFF);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    'a second JupyterHub next to jupyterhub (jupyterhub-4.3.2) in namespace jupyter',
  );
  const hubs = sc.fc.state().releases.filter((rel) => rel.chart === 'jupyterhub');
  assert.equal(hubs.map((rel) => rel.namespace).sort(), ['datastack', 'jupyter']);
});

test.run();
