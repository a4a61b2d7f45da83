// Issue 16.2: Spark from notebooks. The hub's extraConfig creates a headless driver
// Service per user server and sets the driver's address in the pod; user pods run as
// the account spark-submit starts executors with; executors may connect back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHelmYaml } from '../../support/z2jh.js';
import { baseEnv } from './env.js';
import { renderValues } from './render.js';

const test = suite('jupyterhub values: Spark driver service');

const values = (on: boolean): any =>
  parseHelmYaml(
    renderValues(baseEnv({ JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: String(on) })).yaml,
  );

test('off (the default): no service account, hook, or Spark network rule', () => {
  const v = values(false);
  assert.is(v.singleuser.serviceAccountName, undefined);
  assert.is(v.hub.extraConfig['spark-driver-service'], undefined);
  assert.is(v.singleuser.networkPolicy.ingress, undefined);
  assert.not.match(JSON.stringify(v.singleuser.networkPolicy.egress), 'spark-role');
});

test('on: pods run as jupyter-spark, executors may reach the driver ports', () => {
  const v = values(true);
  assert.is(v.singleuser.serviceAccountName, 'jupyter-spark');
  assert.equal(v.singleuser.networkPolicy.ingress, [
    {
      from: [{ podSelector: { matchLabels: { 'spark-role': 'executor' } } }],
      ports: [
        { port: 2222, protocol: 'TCP' },
        { port: 7777, protocol: 'TCP' },
      ],
    },
  ]);
  const egress = v.singleuser.networkPolicy.egress;
  assert.equal(egress[0], { to: [{ podSelector: { matchLabels: { 'spark-role': 'executor' } } }] });
  assert.equal(egress[1], { ports: [{ port: 6443, protocol: 'TCP' }] });
});

test('on: the hook makes a headless Service owned by the pod, and the env names it', () => {
  const py: string = values(true).hub.extraConfig['spark-driver-service'];
  assert.match(py, 'c.KubeSpawner.after_pod_created_hook = _spark_driver_service');
  assert.match(py, 'make_owner_reference(pod["metadata"]["name"], pod["metadata"]["uid"])');
  assert.match(py, 'service.spec.cluster_ip = "None"');
  assert.match(py, '{"spark-ui": 4040, "spark-driver": 2222, "spark-block-manager": 7777}');
  assert.match(py, 'return f"{spawner.pod_name}.{spawner.namespace}.svc"');
  for (const name of ['SPARK_DRIVER_HOST', 'SPARK_DRIVER_PORT', 'SPARK_BLOCKMANAGER_PORT', 'PYSPARK_SUBMIT_ARGS'])
    assert.match(py, `"${name}":`);
});

test.run();
