import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withObject } from '../fakes/index.js';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// Image pull Secrets, finished pods and jobs, and the in-cluster registry.
const test = suite('k8s cluster recipes: regcred, completed pods/jobs, registry');
let sc: Scenario;
test.before.each(async () => {
  sc = await startScenario({
    cluster: (s) => {
      withObject(s, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
      for (const [name, ns, phase] of [
        ['done', 'apps', 'Succeeded'],
        ['broken', 'default', 'Failed'],
        ['live', 'apps', 'Running'],
      ])
        withObject(s, {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: name!, namespace: ns },
          spec: { containers: [{ name: 'c', image: 'x' }] },
          status: { phase },
        });
      for (const [name, status] of [
        ['ok-job', { succeeded: 1 }],
        ['running-job', { active: 1 }],
      ] as const)
        withObject(s, {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name, namespace: 'apps' },
          spec: {},
          status,
        });
    },
  });
});
test.after.each(() => sc.close());

const LOGIN = {
  CONTAINER_REGISTRY_SERVER: 'ghcr.io',
  CONTAINER_REGISTRY_USERNAME: 'bot',
  CONTAINER_REGISTRY_PASSWORD: 'ghp_registry-token-123',
  CONTAINER_REGISTRY_EMAIL: 'bot@example.com',
};
const dockerConfig = (ns: string) =>
  JSON.parse(
    Buffer.from(
      (sc.fc.object('Secret', 'regcred', ns)!.data as Record<string, string>)['.dockerconfigjson']!,
      'base64',
    ).toString('utf8'),
  );

test('create-regcred: the dockerconfigjson kubectl would write, the password never on a command line', async () => {
  const r = await sc.run(['k8s:create-regcred', 'apps'], LOGIN);
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('Secret', 'regcred', 'apps')!.type, 'kubernetes.io/dockerconfigjson');
  assert.equal(dockerConfig('apps'), {
    auths: {
      'ghcr.io': {
        username: 'bot',
        password: 'ghp_registry-token-123',
        email: 'bot@example.com',
        auth: Buffer.from('bot:ghp_registry-token-123').toString('base64'),
      },
    },
  });
  assert.not.match(JSON.stringify(sc.fc.calls().map((c) => c.argv)), 'ghp_registry');
  assert.not.match(r.stderr, 'ghp_registry');
  assertOneLineError(
    await sc.run(['k8s:create-regcred', 'apps'], LOGIN),
    '✗ Secret regcred already exists in apps',
  );
  assertOneLineError(
    await sc.run(['k8s:create-regcred'], { ...LOGIN, CONTAINER_REGISTRY_PASSWORD: '' }),
    '✗ CONTAINER_REGISTRY_PASSWORD is required',
  );
});

test('copy-regcred creates the default one first when missing, then copies it; delete-regcred removes', async () => {
  const r = await sc.run(['k8s:copy-regcred', 'apps'], LOGIN);
  assert.is(r.code, 0, r.stderr);
  assert.equal(dockerConfig('apps'), dockerConfig('default'));
  const again = await sc.run(['k8s:copy-regcred', 'apps'], {
    ...LOGIN,
    CONTAINER_REGISTRY_PASSWORD: '',
  });
  assert.is(again.code, 0, again.stderr);
  assert.is((await sc.run(['k8s:delete-regcred', 'apps'])).code, 0);
  assert.is(sc.fc.object('Secret', 'regcred', 'apps'), undefined);
  assert.ok(sc.fc.object('Secret', 'regcred', 'default'));
});

test('delete-completed-pods: lists the finished ones, asks, deletes only those', async () => {
  const no = await sc.run(['k8s:delete-completed-pods']);
  assert.is(no.code, 1);
  assert.match(no.stderr, '  apps/done\n  default/broken');
  assert.ok(sc.fc.object('Pod', 'done', 'apps'));
  const yes = await sc.run(['k8s:delete-completed-pods', '--yes']);
  assert.is(yes.code, 0, yes.stderr);
  assert.equal(
    [sc.fc.object('Pod', 'done', 'apps'), sc.fc.object('Pod', 'broken', 'default')],
    [undefined, undefined],
  );
  assert.ok(sc.fc.object('Pod', 'live', 'apps'));
  const none = await sc.run(['k8s:delete-completed-pods', 'apps', '--yes']);
  assert.match(none.stderr, 'no completed pods found');
});

test('delete-completed-jobs: in one namespace, with --cascade=foreground', async () => {
  const r = await sc.run(['k8s:delete-completed-jobs', 'apps', '--yes']);
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('Job', 'ok-job', 'apps'), undefined);
  assert.ok(sc.fc.object('Job', 'running-job', 'apps'));
  const del = sc.fc.calls().find((c) => c.tool === 'kubectl' && c.argv[0] === 'delete')!;
  assert.equal(del.argv, [
    'delete',
    'job',
    'ok-job',
    '-n',
    'apps',
    '--ignore-not-found',
    '--cascade=foreground',
  ]);
});

test('deploy-registry: namespace (restricted), Deployment and the two Services; remove-registry asks', async () => {
  const r = await sc.run(['k8s:deploy-registry']);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    sc.fc.object('Namespace', 'registry')!.metadata.labels?.['pod-security.kubernetes.io/enforce'],
    'restricted',
  );
  assert.ok(sc.fc.object('Deployment', 'registry', 'registry'));
  assert.is(
    (sc.fc.object('Service', 'registry-nodeport', 'registry')!.spec as any).ports[0].nodePort,
    30500,
  );
  const report = await sc.run(['k8s:check-registry'], { LOCAL_K8S_HOST: 'unknown-node' });
  assert.is(report.code, 0, 'like upstream, a failed ssh check is reported, not fatal');
  assert.match(report.stdout, '✗ Registries configuration not found');
  assert.match(report.stdout, '✗ Registry is not accessible from k3s host');
  assert.is((await sc.run(['k8s:remove-registry'])).code, 1);
  assert.ok(sc.fc.object('Namespace', 'registry'));
  assert.is((await sc.run(['k8s:remove-registry', '--yes'])).code, 0);
  assert.is(sc.fc.object('Namespace', 'registry'), undefined);
});

test('check-registry: the report from the cluster and the node', async () => {
  await sc.run(['k8s:deploy-registry']);
  sc.fc.update((s) => {
    s.simulations.ssh = {
      node: {
        'sudo test -f /etc/rancher/k3s/registries.yaml': { code: 0 },
        'sudo cat /etc/rancher/k3s/registries.yaml': { code: 0, stdout: 'mirrors: {}\n' },
        'curl -f -s http://localhost:30500/v2/': { code: 0, stdout: '{}' },
        'curl -s http://localhost:30500/v2/_catalog': {
          code: 0,
          stdout: '{"repositories":["app"]}',
        },
      },
    };
  });
  const r = await sc.run(['k8s:check-registry'], { LOCAL_K8S_HOST: 'node' });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, '✓ Registry deployment exists');
  assert.match(r.stdout, '✓ Registry service exists (NodePort 30500)');
  assert.match(r.stdout, '✓ Registries configuration exists\nmirrors: {}');
  assert.match(r.stdout, 'Registry catalog:\n{"repositories":["app"]}');
});

test.run();
