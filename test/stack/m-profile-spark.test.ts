// Issue 16.1 and 16.2 on the real hub: the values with resource choices and the Spark
// driver service load under JupyterHub 5 + KubeSpawner; a spawn with a CPU and memory
// choice gets those resources; the hook's headless Service is owned by the pod (and
// collected with it); the pod runs as jupyter-spark with the driver's address in its env.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  eventually,
  getObject,
  helm,
  kubectl,
  releases,
  stateRoot,
  tasks,
} from '../support/stack.js';
import { fullInstall, NS } from './fixture.js';
import { installAndWaitForHub, withAliceServer } from './hub-restart.js';

const test = suite('stack: profile resource choices and the Spark driver service');

const PROFILE = 'jupyter-notebook-data-science-stack';
const FEATURES = {
  JUPYTER_PROFILE_CPU_CHOICES: '1,2',
  JUPYTER_PROFILE_CPU_DEFAULT: '1',
  JUPYTER_PROFILE_MEMORY_CHOICES: '1G,2G',
  JUPYTER_PROFILE_MEMORY_DEFAULT: '2G',
  JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED: 'true',
};

const hubLog = join(stateRoot, 'logs', 'hub.log');
// Left as found: installed with the defaults (as l-day2 leaves it), or not at all.
const hadHub = releases().some((r) => r.name === 'jupyterhub' && r.namespace === NS);
const hadSparkAccount = Boolean(getObject('serviceaccount', 'jupyter-spark', NS));

const notebook = (pod: any) =>
  pod.spec.containers.find((c: any) => c.name === 'notebook') ?? pod.spec.containers[0];
const envOf = (pod: any, name: string) =>
  notebook(pod).env?.find((e: any) => e.name === name)?.value;

test('install with resource choices and Spark: the hub loads the config', async () => {
  await installAndWaitForHub(fullInstall(FEATURES));
  assert.ok(getObject('serviceaccount', 'jupyter-spark', NS));
  assert.ok(getObject('role', 'jupyter-spark', NS));
  assert.ok(getObject('rolebinding', 'jupyter-spark', NS));
});

test('a spawn with cpu 2 and memory 1G: the pod has those resources, its Spark Service and env', async () => {
  await withAliceServer({ profile: PROFILE, cpu: '2', memory: '1G' }, (pod) => {
    const { requests, limits } = notebook(pod).resources;
    assert.equal([requests.cpu, limits.cpu], ['2', '2']);
    // KubeSpawner reads G as GiB and hands the pod bytes.
    assert.equal([requests.memory, limits.memory], [String(2 ** 30), String(2 ** 30)]);
    assert.is(pod.spec.serviceAccountName, 'jupyter-spark');
    assert.is(envOf(pod, 'SPARK_DRIVER_HOST'), `jupyter-alice.${NS}.svc`);
    assert.is(envOf(pod, 'SPARK_DRIVER_PORT'), '2222');
    assert.is(envOf(pod, 'SPARK_BLOCKMANAGER_PORT'), '7777');
    assert.match(
      envOf(pod, 'PYSPARK_SUBMIT_ARGS'),
      `--conf spark.driver.host=jupyter-alice.${NS}.svc`,
    );
    assert.match(
      envOf(pod, 'PYSPARK_SUBMIT_ARGS'),
      '--conf spark.kubernetes.driver.pod.name=jupyter-alice',
    );
    assert.match(envOf(pod, 'PYSPARK_SUBMIT_ARGS'), / pyspark-shell$/);
  });
  // withAliceServer stopped the server: the Service went with its owner.
  await eventually(
    'Service jupyter-alice collected with its pod',
    () => !getObject('service', 'jupyter-alice', NS),
    60_000,
  );
});

test('while the server runs: headless Service with the Spark ports, owned by the pod', async () => {
  await withAliceServer({ profile: PROFILE }, (pod) => {
    // The defaults: 1 CPU, 2G.
    const { requests, limits } = notebook(pod).resources;
    assert.equal(
      [requests.cpu, limits.cpu, requests.memory, limits.memory],
      ['1', '1', String(2 ** 31), String(2 ** 31)],
    );
  });
  await withAliceServer({ profile: PROFILE }, async (pod) => {
    const svc = await eventually(
      'Service jupyter-alice',
      () => getObject('service', 'jupyter-alice', NS),
      30_000,
    );
    assert.is(svc.spec.clusterIP, 'None');
    const ports = Object.fromEntries(svc.spec.ports.map((p: any) => [p.name, p.port]));
    assert.equal(ports, { 'spark-ui': 4040, 'spark-driver': 2222, 'spark-block-manager': 7777 });
    assert.equal(
      svc.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.uid]),
      [['Pod', 'jupyter-alice', pod.metadata.uid]],
    );
    assert.match(readFileSync(hubLog, 'utf8'), 'Spark driver service jupyter-alice created');
  });
  await eventually(
    'Service gone with the pod',
    () => !getObject('service', 'jupyter-alice', NS),
    60_000,
  );
});

test('the stack as it was: the hub with the defaults (no Spark account), or nothing', async () => {
  if (hadHub) {
    await installAndWaitForHub(fullInstall());
    const values = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
    assert.is(values.singleuser.serviceAccountName, undefined);
    // Turned off, install stops using the account but leaves it (until uninstall): removed
    // here when it was not there before.
    if (!hadSparkAccount)
      for (const kind of ['rolebinding', 'role', 'serviceaccount'])
        kubectl('delete', kind, 'jupyter-spark', '-n', NS, '--ignore-not-found');
  } else {
    const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall());
    assert.is(u.code, 0, u.stderr);
    assert.is(getObject('serviceaccount', 'jupyter-spark', NS), undefined);
  }
});

test.run();
