// Issue 16.2 on the fake cluster: install with the Spark switch applies the account the
// user pods run as and its Role; uninstall removes them.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { NS } from './helpers.js';

const test = suite('jupyterhub scenario: Spark driver service switch');

let sc: Scenario;
test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

test('install: ServiceAccount, Role and RoleBinding jupyter-spark in the namespace', async () => {
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: 'true',
  });
  assert.is(r.code, 0, r.stderr);
  assert.ok(sc.fc.object('ServiceAccount', 'jupyter-spark', NS));
  const role = sc.fc.object('Role', 'jupyter-spark', NS) as any;
  assert.ok(role.rules[0].resources.includes('pods'));
  assert.ok(role.rules[0].verbs.includes('create'));
  const binding = sc.fc.object('RoleBinding', 'jupyter-spark', NS) as any;
  assert.equal(binding.subjects, [
    { kind: 'ServiceAccount', name: 'jupyter-spark', namespace: NS },
  ]);
  assert.match(r.stderr, 'spark:       on');
});

test('uninstall removes them', async () => {
  const r = await sc.run(['jupyterhub:uninstall', '--yes']);
  assert.is(r.code, 0, r.stderr);
  for (const kind of ['ServiceAccount', 'Role', 'RoleBinding'])
    assert.is(sc.fc.object(kind, 'jupyter-spark', NS), undefined, kind);
});

test.run();
