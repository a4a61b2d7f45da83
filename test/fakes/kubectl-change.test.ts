// Longer than most files: delete, label and patch share one suite because each test
// checks the state the others leave (cascades, PV phases, labels).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createFakeCluster,
  withNamespace,
  withObject,
  withUserPod,
  type FakeCluster,
} from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake kubectl delete, label, patch', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => {
    withNamespace(s, 'jupyter');
    for (const n of ['jupyterhub-crypt-key', 'jupyterhub-admin-service-token'])
      withObject(s, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: n, namespace: 'jupyter' },
        type: 'Opaque',
      });
    withUserPod(s, 'jupyter', 'alice');
    withUserPod(s, 'jupyter', 'bob');
  });
});
test.after.each((ctx) => ctx.fc.close());

test('delete by name, NotFound, --ignore-not-found, --wait=false', async ({ fc }) => {
  const r = await run(fc, [
    'kubectl',
    'delete',
    'secret',
    'jupyterhub-crypt-key',
    'missing',
    '-n',
    'jupyter',
  ]);
  assert.is(r.code, 1);
  assert.is(r.stdout, 'secret "jupyterhub-crypt-key" deleted\n');
  assert.is(r.stderr, 'Error from server (NotFound): secrets "missing" not found\n');
  assert.not.ok(fc.object('Secret', 'jupyterhub-crypt-key', 'jupyter'));
  const i = await run(fc, [
    'kubectl',
    'delete',
    'secret',
    'missing',
    '-n',
    'jupyter',
    '--ignore-not-found',
    '--wait=false',
  ]);
  assert.is(i.code, 0);
  assert.is(i.stdout, '');
  const none = await run(fc, ['kubectl', 'delete', 'secret', '-n', 'jupyter']);
  assert.is(none.code, 1);
  assert.is(none.stderr, 'error: resource(s) were provided, but no name was specified\n');
  const es = await run(fc, [
    'kubectl',
    'delete',
    'externalsecret',
    'x',
    '-n',
    'jupyter',
    '--ignore-not-found',
  ]);
  assert.is(es.code, 1);
  assert.is(es.stderr, `error: the server doesn't have a resource type "externalsecret"\n`);
});

test('delete by label selector', async ({ fc }) => {
  const r = await run(fc, [
    'kubectl',
    'delete',
    'pods',
    '-l',
    'app.kubernetes.io/component=singleuser-server',
    '-n',
    'jupyter',
  ]);
  assert.is(r.code, 0);
  assert.is(r.stdout, 'pod "jupyter-alice" deleted\npod "jupyter-bob" deleted\n');
  const again = await run(fc, [
    'kubectl',
    'delete',
    'pod',
    '-l',
    'app.kubernetes.io/component=singleuser-server',
    '-n',
    'jupyter',
    '--ignore-not-found',
  ]);
  assert.is(again.code, 0);
  assert.is(again.stdout, 'No resources found\n');
});

test('deleting a namespace takes its contents; owners take dependents', async ({ fc }) => {
  fc.update((s) => {
    const owner = s.objects.find((o) => o.metadata.name === 'jupyterhub-crypt-key') as any;
    withObject(s, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dep',
        namespace: 'jupyter',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Secret', name: owner.metadata.name, uid: owner.metadata.uid },
        ],
      },
    });
  });
  await run(fc, ['kubectl', 'delete', 'secret', 'jupyterhub-crypt-key', '-n', 'jupyter']);
  assert.not.ok(fc.object('ConfigMap', 'dep', 'jupyter'));
  const r = await run(fc, ['kubectl', 'delete', 'namespace', 'jupyter', '--ignore-not-found']);
  assert.is(r.stdout, 'namespace "jupyter" deleted\n');
  assert.is(fc.state().objects.filter((o) => o.metadata.namespace === 'jupyter').length, 0);
});

test('label namespace: add, same value, change needs --overwrite', async ({ fc }) => {
  const r = await run(fc, [
    'kubectl',
    'label',
    'namespace',
    'jupyter',
    'pod-security.kubernetes.io/enforce=restricted',
  ]);
  assert.is(r.stdout, 'namespace/jupyter labeled\n');
  const same = await run(fc, [
    'kubectl',
    'label',
    'ns',
    'jupyter',
    'pod-security.kubernetes.io/enforce=restricted',
  ]);
  assert.is(same.code, 0);
  assert.is(same.stdout, 'namespace/jupyter not labeled\n');
  const clash = await run(fc, [
    'kubectl',
    'label',
    'namespace',
    'jupyter',
    'pod-security.kubernetes.io/enforce=baseline',
  ]);
  assert.is(clash.code, 1);
  assert.is(
    clash.stderr,
    "error: 'pod-security.kubernetes.io/enforce' already has a value (restricted), and --overwrite is false\n",
  );
  const ow = await run(fc, [
    'kubectl',
    'label',
    'namespace',
    'jupyter',
    'pod-security.kubernetes.io/enforce=baseline',
    'buun.channel/enable-monitoring=true',
    '--overwrite',
  ]);
  assert.is(ow.code, 0);
  assert.equal(fc.object('Namespace', 'jupyter')?.metadata.labels, {
    'kubernetes.io/metadata.name': 'jupyter',
    'pod-security.kubernetes.io/enforce': 'baseline',
    'buun.channel/enable-monitoring': 'true',
  });
  const missing = await run(fc, ['kubectl', 'label', 'namespace', 'nope', 'a=b']);
  assert.is(missing.stderr, 'Error from server (NotFound): namespaces "nope" not found\n');
  const badValue = await run(fc, ['kubectl', 'label', 'namespace', 'jupyter', 'a=b c']);
  assert.match(badValue.stderr, 'error: invalid label value: "a=b c"');
  for (const args of [
    ['pod', 'jupyter-alice', 'a=b'],
    ['namespace', 'jupyter', 'a-'],
    ['namespace', 'jupyter', 'a=b', '-n', 'jupyter'],
  ]) {
    const u = await run(fc, ['kubectl', 'label', ...args]);
    assert.is(u.code, 2, args.join(' '));
    assert.match(u.stderr, 'unsupported');
  }
});

test('patch pv claimRef: json remove and merge null; the volume becomes Available', async ({
  fc,
}) => {
  fc.update((s) => {
    withObject(s, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'jupyter-nfs-pv' },
      spec: {
        nfs: { server: '10.0.0.1', path: '/x' },
        claimRef: {
          kind: 'PersistentVolumeClaim',
          name: 'jupyter-nfs-pvc',
          namespace: 'jupyter',
          uid: 'gone',
        },
      },
      status: { phase: 'Released' },
    });
  });
  const j = await run(fc, [
    'kubectl',
    'patch',
    'pv',
    'jupyter-nfs-pv',
    '--type=json',
    '-p',
    '[{"op":"remove","path":"/spec/claimRef"}]',
  ]);
  assert.is(j.code, 0, j.stderr);
  assert.is(j.stdout, 'persistentvolume/jupyter-nfs-pv patched\n');
  const pv = fc.object('PersistentVolume', 'jupyter-nfs-pv');
  assert.is(pv?.spec.claimRef, undefined);
  assert.is(pv?.status.phase, 'Available');
  const again = await run(fc, [
    'kubectl',
    'patch',
    'pv',
    'jupyter-nfs-pv',
    '--type',
    'json',
    '-p',
    '[{"op":"remove","path":"/spec/claimRef"}]',
  ]);
  assert.is(again.code, 1);
  assert.is(
    again.stderr,
    'Error from server: jsonpatch remove operation does not apply: doc is missing path: "/spec/claimRef": missing value\n',
  );
  const m = await run(fc, [
    'kubectl',
    'patch',
    'persistentvolume',
    'jupyter-nfs-pv',
    '--type=merge',
    '-p',
    '{"spec":{"claimRef":null}}',
  ]);
  assert.is(m.stdout, 'persistentvolume/jupyter-nfs-pv patched (no change)\n');
  const nf = await run(fc, [
    'kubectl',
    'patch',
    'pv',
    'nope',
    '--type=merge',
    '-p',
    '{"spec":{"claimRef":null}}',
  ]);
  assert.is(nf.stderr, 'Error from server (NotFound): persistentvolumes "nope" not found\n');
  const t = await run(fc, ['kubectl', 'patch', 'pv', 'jupyter-nfs-pv', '--type=apply', '-p', '{}']);
  assert.is(t.stderr, 'error: --type must be one of [json merge strategic], not "apply"\n');
  for (const args of [
    ['pv', 'jupyter-nfs-pv', '-p', '{}'],
    ['secret', 'x', '--type=merge', '-p', '{}'],
  ]) {
    const u = await run(fc, ['kubectl', 'patch', ...args]);
    assert.is(u.code, 2, args.join(' '));
  }
});

test.run();
