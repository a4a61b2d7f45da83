// Longer than most files: one suite covers every form of `kubectl get` the project uses,
// each checked against kubectl's own output and error texts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createFakeCluster,
  withNamespace,
  withObject,
  withRelease,
  type FakeCluster,
} from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake kubectl get', {
  fc: undefined as unknown as FakeCluster,
});

test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => {
    withNamespace(s, 'jupyter');
    withObject(s, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'a', namespace: 'jupyter', labels: { app: 'x' } },
      type: 'Opaque',
      data: {},
    });
    withObject(s, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'b', namespace: 'jupyter', labels: { app: 'y' } },
      type: 'Opaque',
      data: {},
    });
    withObject(s, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path' },
      provisioner: 'rancher.io/local-path',
    });
  });
});
test.after.each((ctx) => ctx.fc.close());

test('get --raw /readyz prints ok', async ({ fc }) => {
  const r = await run(fc, ['kubectl', 'get', '--raw', '/readyz', '--request-timeout=5s']);
  assert.is(r.code, 0);
  assert.is(r.stdout, 'ok');
});

test('one named object is printed as itself, sorted keys, 4-space indent', async ({ fc }) => {
  const r = await run(fc, ['kubectl', 'get', 'secret', 'a', '-n', 'jupyter', '-o', 'json']);
  assert.is(r.code, 0);
  const o = JSON.parse(r.stdout);
  assert.is(o.kind, 'Secret');
  assert.is(o.metadata.name, 'a');
  assert.ok(r.stdout.startsWith('{\n    "apiVersion": "v1",\n    "data"'));
});

test('several names or a list give a v1 List; flag spellings are free', async ({ fc }) => {
  for (const args of [
    ['get', 'secrets', 'a', 'b', '--namespace', 'jupyter', '--output', 'json'],
    ['get', '-njupyter', 'secret', '-ojson'],
    ['get', 'secret', '--namespace=jupyter', '-o=json'],
    ['-n', 'jupyter', 'get', 'secret', '-o', 'json'],
  ]) {
    const r = await run(fc, ['kubectl', ...args]);
    assert.is(r.code, 0, args.join(' '));
    const l = JSON.parse(r.stdout);
    assert.is(l.kind, 'List');
    assert.equal(
      l.items.map((i: any) => i.metadata.name),
      ['a', 'b'],
    );
  }
});

test('missing name: NotFound, exit 1; --ignore-not-found: nothing, exit 0', async ({ fc }) => {
  const r = await run(fc, ['kubectl', 'get', 'secret', 'x', '-n', 'jupyter', '-o', 'json']);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'Error from server (NotFound): secrets "x" not found\n');
  const i = await run(fc, [
    'kubectl',
    'get',
    'secret',
    'x',
    '-n',
    'jupyter',
    '-o',
    'json',
    '--ignore-not-found',
  ]);
  assert.is(i.code, 0);
  assert.is(i.stdout, '');
  const mixed = await run(fc, [
    'kubectl',
    'get',
    'secret',
    'a',
    'x',
    '-n',
    'jupyter',
    '-o',
    'name',
  ]);
  assert.is(mixed.code, 1);
  assert.is(mixed.stdout, 'secret/a\n');
  assert.match(mixed.stderr, 'secrets "x" not found');
  const mixedIgnored = await run(fc, [
    'kubectl',
    'get',
    'secret',
    'a',
    'x',
    '-n',
    'jupyter',
    '-o',
    'json',
    '--ignore-not-found',
  ]);
  assert.is(mixedIgnored.code, 0);
  assert.is(JSON.parse(mixedIgnored.stdout).items.length, 1);
});

test('an empty list is an empty List with -o json', async ({ fc }) => {
  const r = await run(fc, ['kubectl', 'get', 'configmaps', '-n', 'jupyter', '-o', 'json']);
  assert.is(r.code, 0);
  assert.equal(JSON.parse(r.stdout), {
    apiVersion: 'v1',
    items: [],
    kind: 'List',
    metadata: { resourceVersion: '' },
  });
});

test('label selectors and -A', async ({ fc }) => {
  const r = await run(fc, [
    'kubectl',
    'get',
    'secret',
    '-n',
    'jupyter',
    '-l',
    'app=y',
    '-o',
    'name',
  ]);
  assert.is(r.stdout, 'secret/b\n');
  const s = await run(fc, [
    'kubectl',
    'get',
    'secret',
    '-A',
    '-l',
    'app in (x,y),app!=x',
    '-o',
    'name',
  ]);
  assert.is(s.stdout, 'secret/b\n');
  const bad = await run(fc, ['kubectl', 'get', 'secret', 'a', '-A', '-o', 'json']);
  assert.is(bad.code, 1);
  assert.is(bad.stderr, 'error: a resource cannot be retrieved by name across all namespaces\n');
  const both = await run(fc, [
    'kubectl',
    'get',
    'secret',
    'a',
    '-l',
    'app=x',
    '-n',
    'jupyter',
    '-o',
    'json',
  ]);
  assert.is(both.stderr, 'error: name cannot be provided when a selector is specified\n');
});

test('type names: singular, plural, short, group-qualified; cluster-scoped kinds ignore -n', async ({
  fc,
}) => {
  for (const t of [
    'sc',
    'storageclass',
    'storageclasses',
    'storageclasses.storage.k8s.io',
    'StorageClass',
    'storageclass.v1.storage.k8s.io',
  ]) {
    const r = await run(fc, ['kubectl', 'get', t, 'local-path', '-n', 'jupyter', '-o', 'name']);
    assert.is(r.stdout, 'storageclass.storage.k8s.io/local-path\n', t);
  }
  for (const t of ['ns', 'namespace', 'namespaces']) {
    const r = await run(fc, ['kubectl', 'get', t, 'jupyter', '-o', 'name']);
    assert.is(r.stdout, 'namespace/jupyter\n', t);
  }
  const multi = await run(fc, [
    'kubectl',
    'get',
    'secret,cm,pvc,po,svc,deploy.apps,deployments.apps',
    '-n',
    'jupyter',
    '-o',
    'name',
  ]);
  assert.is(multi.code, 0);
  assert.is(multi.stdout, 'secret/a\nsecret/b\n');
});

test('unknown types and CRDs that are not installed', async ({ fc }) => {
  for (const t of ['externalsecrets', 'es', 'servicemonitors', 'clustersecretstores', 'bogus']) {
    const r = await run(fc, ['kubectl', 'get', t, '-n', 'jupyter', '-o', 'json']);
    assert.is(r.code, 1, t);
    assert.is(r.stderr, `error: the server doesn't have a resource type "${t}"\n`);
  }
  fc.update(
    (s) =>
      void s.crds.push(
        'externalsecrets.external-secrets.io',
        'servicemonitors.monitoring.coreos.com',
      ),
  );
  for (const t of [
    'externalsecrets',
    'es',
    'externalsecret.external-secrets.io',
    'servicemonitors',
    'smon',
  ]) {
    const r = await run(fc, ['kubectl', 'get', t, '-n', 'jupyter', '-o', 'json']);
    assert.is(r.code, 0, t);
  }
  const nf = await run(fc, ['kubectl', 'get', 'es', 'x', '-n', 'jupyter', '-o', 'json']);
  assert.is(
    nf.stderr,
    'Error from server (NotFound): externalsecrets.external-secrets.io "x" not found\n',
  );
});

test('-o yaml and -o name', async ({ fc }) => {
  const y = await run(fc, ['kubectl', 'get', 'ns', 'jupyter', '-o', 'yaml']);
  assert.ok(y.stdout.startsWith('apiVersion: v1\nkind: Namespace\nmetadata:\n'));
  const l = await run(fc, ['kubectl', 'get', 'ns', '-o', 'yaml']);
  assert.match(l.stdout, /^apiVersion: v1\nitems:\n/);
  assert.match(l.stdout, /kind: List\nmetadata:\n  resourceVersion: ""\n$/);
});

test("the just module's forms: a table of named objects, one field by jsonpath", async ({ fc }) => {
  const table = await run(fc, ['kubectl', 'get', 'namespace', 'jupyter']);
  assert.equal([table.code, table.stdout], [0, 'NAME\njupyter\n']);
  const missing = await run(fc, ['kubectl', 'get', 'secret', 'x', '-n', 'jupyter']);
  assert.equal([missing.code, missing.stdout], [1, '']);
  assert.match(missing.stderr, 'Error from server (NotFound): secrets "x" not found');
  const field = await run(fc, [
    'kubectl',
    'get',
    'ns',
    'jupyter',
    '-o',
    'jsonpath={.metadata.name}',
  ]);
  assert.equal([field.code, field.stdout], [0, 'jupyter']);
  const absent = await run(fc, [
    'kubectl',
    'get',
    'ns',
    'jupyter',
    '-o',
    'jsonpath={.status.nothing}',
  ]);
  assert.equal([absent.code, absent.stdout], [0, '']);
});

test('unsupported forms exit 2; forms kubectl rejects fail like kubectl', async ({ fc }) => {
  for (const args of [
    ['get', 'secret', 'x', '--bogus'],
    ['get', 'secret', '-o', 'wide'],
    ['get', 'ns', 'jupyter', '-o', 'jsonpath={.metadata.labels[*]}'],
    ['get', 'secret', '-o', 'jsonpath={.items}'],
    ['get', 'secret/a', '-o', 'json'],
    ['get', 'ingress', '-o', 'json'],
    ['get', '--raw', '/healthz'],
    ['top', 'pods'],
    ['version'],
  ]) {
    const r = await run(fc, ['kubectl', ...args]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, 'unsupported');
  }
  const f = await run(fc, ['kubectl', 'get', 'secret', '-o', 'bogus']);
  assert.is(f.code, 1);
  assert.match(f.stderr, 'error: unable to match a printer suitable for the output format "bogus"');
  const b = await run(fc, ['kubectl', 'get', 'secret', '--ignore-not-found=maybe', '-o', 'json']);
  assert.is(b.code, 1);
  assert.match(b.stderr, 'invalid argument "maybe" for "--ignore-not-found" flag');
  const n = await run(fc, ['kubectl', 'get', 'secret', '-o', 'json', '-n']);
  assert.is(n.code, 1);
  assert.match(n.stderr, 'flag needs an argument');
  const t = await run(fc, ['kubectl', 'get', '--raw', '/readyz', '--request-timeout=soon']);
  assert.is(t.code, 1);
  assert.match(t.stderr, 'Invalid timeout value');
  const none = await run(fc, ['kubectl', 'get', '-o', 'json']);
  assert.is(none.code, 1);
  assert.match(none.stderr, 'Required resource not specified');
});

test('deployments become ready after the configured number of polls', async ({ fc }) => {
  fc.update((s) => {
    s.simulations.deploymentsReadyAfterPolls = { hub: 2, proxy: 0 };
    s.helmRepos.push({ name: 'jupyterhub', url: 'https://jupyterhub.github.io/helm-chart' });
  });
  const up = await run(fc, [
    'helm',
    'upgrade',
    '--install',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '-n',
    'jupyter',
    '--version',
    '4.2.0',
  ]);
  assert.is(up.code, 0, up.stderr);
  const ready = async () => {
    const r = await run(fc, [
      'kubectl',
      'get',
      'deployment',
      'hub',
      'proxy',
      '-n',
      'jupyter',
      '-o',
      'json',
    ]);
    return JSON.parse(r.stdout).items.map((d: any) => d.status.readyReplicas === d.spec.replicas);
  };
  assert.equal(await ready(), [false, true]);
  assert.equal(await ready(), [false, true]);
  assert.equal(await ready(), [true, true]);
  fc.update((s) => void withRelease(s, { name: 'other', namespace: 'jupyter' }));
  fc.update((s) => (s.simulations.deploymentsReadyAfterPolls = 'never'));
  await run(fc, [
    'helm',
    'upgrade',
    '--install',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '-n',
    'jupyter',
    '--version',
    '4.2.0',
  ]);
  for (let i = 0; i < 3; i++) assert.equal(await ready(), [false, false]);
});

test.run();
