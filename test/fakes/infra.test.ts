import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, writeFileSync } from 'node:fs';
import { createFakeCluster, emptyCluster, withNamespace, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake CLIs: state, call log, concurrency, reachability', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
});
test.after.each((ctx) => ctx.fc.close());

const KUBECTL_DOWN =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';
const HELM_DOWN =
  'Error: Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused\n';

test('no state file or reachable=false: kubectl and helm fail like without a cluster', async ({
  fc,
}) => {
  for (const env of [{ FAKE_CLUSTER_STATE: '' }, {}] as Array<Record<string, string>>) {
    if (!('FAKE_CLUSTER_STATE' in env)) fc.update((s) => (s.reachable = false));
    for (const args of [
      ['get', '--raw', '/readyz'],
      ['get', 'ns', '-o', 'json'],
      ['apply', '-f', '-'],
      ['delete', 'ns', 'x'],
    ]) {
      const r = await run(fc, ['kubectl', ...args], {
        env,
        input: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n',
      });
      assert.is(r.code, 1, args.join(' '));
      assert.is(r.stderr, KUBECTL_DOWN);
    }
    for (const args of [
      ['list', '-A', '-o', 'json'],
      ['status', 'x', '-n', 'y'],
    ]) {
      const r = await run(fc, ['helm', ...args], { env });
      assert.is(r.code, 1);
      assert.is(r.stderr, HELM_DOWN);
    }
  }
  // helm repo commands are local: they work without a cluster.
  assert.is((await run(fc, ['helm', 'repo', 'list', '-o', 'json'])).code, 0);
});

test('the call log records tool, argv, stdin, cwd, env subset, time and exit', async ({ fc }) => {
  const input = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: jupyter\n';
  const before = Date.now();
  await run(fc, ['kubectl', 'apply', '-f', '-'], { input });
  await run(fc, ['kubectl', 'get', 'secret', 'nope', '-n', 'jupyter', '-o', 'json']);
  await run(fc, ['helm', 'install', 'x', 'y']);
  const calls = fc.calls();
  assert.is(calls.length, 3);
  assert.equal(
    calls.map((c) => [c.tool, c.exit]),
    [
      ['kubectl', 0],
      ['kubectl', 1],
      ['helm', 2],
    ],
  );
  assert.equal(calls[0].argv, ['apply', '-f', '-']);
  assert.is(calls[0].stdin, input);
  assert.is(calls[1].stdin, '', 'commands that do not read stdin log none');
  assert.is(calls[0].cwd, fc.dir);
  assert.is(calls[0].env.KUBECONFIG, fc.env.KUBECONFIG);
  assert.ok(calls[0].time >= before && calls[0].time <= Date.now());
});

test('10 parallel applies and labels: no write is lost', async ({ fc }) => {
  fc.update((s) => withNamespace(s, 'jupyter'));
  const jobs = Array.from({ length: 10 }, (_, i) =>
    run(fc, ['kubectl', 'apply', '-n', 'jupyter', '-f', '-'], {
      input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  i: "${i}"\n`,
    }),
  );
  const labels = Array.from({ length: 10 }, (_, i) =>
    run(fc, ['kubectl', 'label', 'namespace', 'jupyter', `l${i}=v`]),
  );
  const results = await Promise.all([...jobs, ...labels]);
  assert.ok(
    results.every((r) => r.code === 0),
    results.map((r) => r.stderr).join(''),
  );
  const s = fc.state();
  assert.is(s.objects.filter((o) => o.kind === 'ConfigMap').length, 10);
  assert.is(Object.keys(fc.object('Namespace', 'jupyter')?.metadata.labels ?? {}).length, 11);
  const versions = s.objects.map((o) => o.metadata.resourceVersion);
  assert.is(new Set(versions).size, versions.length, 'resourceVersions are unique');
  assert.is(fc.calls().length, 20);
  assert.not.ok(existsSync(`${fc.env.FAKE_CLUSTER_STATE}.lock`));
});

test('a lock left by a dead process is taken over', async ({ fc }) => {
  writeFileSync(`${fc.env.FAKE_CLUSTER_STATE}.lock`, '999999999');
  const r = await run(fc, ['kubectl', 'get', 'ns', '-o', 'name']);
  assert.is(r.code, 0, r.stderr);
});

test('delayMs delays every kubectl/helm call', async ({ fc }) => {
  const t0 = Date.now();
  await run(fc, ['kubectl', 'get', '--raw', '/readyz']);
  const fast = Date.now() - t0;
  fc.update((s) => (s.delayMs = 400));
  const t1 = Date.now();
  await run(fc, ['kubectl', 'get', '--raw', '/readyz']);
  await run(fc, ['helm', 'list', '-A', '-o', 'json']);
  const slow = Date.now() - t1;
  assert.ok(slow >= 800, `two delayed calls took ${slow} ms`);
  assert.ok(fc.calls()[1].durationMs >= 400 && fast < slow);
});

test('TS API: emptyCluster, init, object(), release(), update(), close()', async () => {
  const e = emptyCluster();
  assert.equal(
    e.objects.map((o) => o.metadata.name),
    ['default', 'kube-system'],
  );
  assert.equal([e.reachable, e.releases.length, e.crds.length], [true, 0, 0]);
  const fc = createFakeCluster({ crds: ['externalsecrets.external-secrets.io'] });
  assert.equal(fc.state().crds, ['externalsecrets.external-secrets.io']);
  assert.ok(fc.object('namespaces', 'default'));
  fc.update(
    (s) =>
      void s.releases.push({
        name: 'vault',
        namespace: 'vault',
        chart: 'vault',
        version: '0.29.1',
        appVersion: '1.19.0',
        revision: 1,
        status: 'deployed',
        values: null,
      }),
  );
  assert.is(fc.release('vault', 'vault')?.chart, 'vault');
  assert.ok(fc.env.PATH.split(':')[0].endsWith('test/fakes/bin'));
  fc.close();
  assert.not.ok(existsSync(fc.dir));
});

test('the wrappers default to <repo>/dist/test/fakes when FAKES_JS_DIR is empty', async ({
  fc,
}) => {
  const r = await run(fc, ['kubectl', 'get', '--raw', '/readyz'], { env: { FAKES_JS_DIR: '' } });
  assert.ok(r.code === 0 || r.stderr.includes('/dist/test/fakes/main.js'), r.stderr);
});

test.run();
