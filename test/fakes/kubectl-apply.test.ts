// Longer than most files: apply's create/configure/unchanged paths plus every rejection
// the API server makes, with the real messages.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeCluster, withNamespace, type FakeCluster } from './index.js';
import { manifest, run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake kubectl apply', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => withNamespace(s, 'jupyter'));
});
test.after.each((ctx) => ctx.fc.close());

const secret = (
  data: Record<string, string>,
  extra: Record<string, unknown> = {},
) => `apiVersion: v1
kind: Secret
metadata:
  name: jupyterhub-crypt-key
  namespace: jupyter
stringData:
${Object.entries(data)
  .map(([k, v]) => `  ${k}: "${v}"`)
  .join('\n')}
${Object.entries(extra)
  .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
  .join('\n')}
`;

test('create, configure, unchanged; stringData becomes base64 data', async ({ fc }) => {
  const c = await run(fc, ['kubectl', 'apply', '-f', '-'], {
    input: secret({ 'crypt-key': 'k1' }),
  });
  assert.is(c.code, 0, c.stderr);
  assert.is(c.stdout, 'secret/jupyterhub-crypt-key created\n');
  const o = fc.object('Secret', 'jupyterhub-crypt-key', 'jupyter');
  assert.equal(o?.data, { 'crypt-key': Buffer.from('k1').toString('base64') });
  assert.is(o?.stringData, undefined);
  assert.is(o?.type, 'Opaque');
  assert.ok(o?.metadata.uid && o.metadata.resourceVersion && o.metadata.creationTimestamp);
  // stringData never matches the stored object, so kubectl always sends a patch.
  const again = await run(fc, ['kubectl', 'apply', '-f', '-'], {
    input: secret({ 'crypt-key': 'k1' }),
  });
  assert.is(again.stdout, 'secret/jupyterhub-crypt-key configured\n');
  assert.is(
    fc.object('Secret', 'jupyterhub-crypt-key', 'jupyter')?.metadata.resourceVersion,
    o?.metadata.resourceVersion,
  );
  const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vault-token-renewer-config\n  labels: {a: "1"}\ndata:\n  x: "1"\n`;
  assert.is(
    (await run(fc, ['kubectl', 'apply', '-n', 'jupyter', '-f', '-'], { input: cm })).stdout,
    'configmap/vault-token-renewer-config created\n',
  );
  assert.is(
    (await run(fc, ['kubectl', 'apply', '-f', '-', '--namespace=jupyter'], { input: cm })).stdout,
    'configmap/vault-token-renewer-config unchanged\n',
  );
  const changed = cm.replace('x: "1"', 'z: "2"').replace('{a: "1"}', '{}');
  assert.is(
    (await run(fc, ['kubectl', 'apply', '-f', '-', '-n', 'jupyter'], { input: changed })).stdout,
    'configmap/vault-token-renewer-config configured\n',
  );
  // Three-way merge: keys dropped from the manifest are removed, others replaced.
  const live = fc.object('ConfigMap', 'vault-token-renewer-config', 'jupyter');
  assert.equal(live?.data, { z: '2' });
  assert.equal(live?.metadata.labels, undefined);
});

test('several documents, JSON, kind: List; default namespace', async ({ fc }) => {
  const input = [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other',
    manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' }, data: {} }),
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: l, namespace: other}\n',
  ].join('\n---\n');
  const r = await run(fc, ['kubectl', 'apply', '-f', '-'], { input });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'namespace/other created\nconfigmap/j created\nconfigmap/l created\n');
  assert.ok(fc.object('ConfigMap', 'j', 'default'));
  assert.equal(fc.object('Namespace', 'other')?.metadata.labels, {
    'kubernetes.io/metadata.name': 'other',
  });
});

test('CRD not installed: resource mapping error; other documents still applied', async ({ fc }) => {
  const es =
    'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: jupyterhub-crypt-key\n  namespace: jupyter\nspec: {}\n';
  const r = await run(fc, ['kubectl', 'apply', '-f', '-'], {
    input: `${es}---\n${secret({ a: 'b' })}`,
  });
  assert.is(r.code, 1);
  assert.is(r.stdout, 'secret/jupyterhub-crypt-key created\n');
  assert.is(
    r.stderr,
    'error: resource mapping not found for name: "jupyterhub-crypt-key" namespace: "jupyter" from "STDIN": no matches for kind "ExternalSecret" in version "external-secrets.io/v1"\nensure CRDs are installed first\n',
  );
  fc.update((s) => void s.crds.push('externalsecrets.external-secrets.io'));
  const ok = await run(fc, ['kubectl', 'apply', '-f', '-'], { input: es });
  assert.is(ok.stdout, 'externalsecret.external-secrets.io/jupyterhub-crypt-key created\n');
});

test('what the API server rejects', async ({ fc }) => {
  const cases: Array<[string, string, string[]]> = [
    [
      secret({ a: 'b' }).replace('namespace: jupyter', 'namespace: nope'),
      'Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found',
      [],
    ],
    [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: jupyter\ndata:\n  n: 0755\n',
      'cannot unmarshal number into Go struct field ConfigMap.data of type string',
      [],
    ],
    [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: jupyter\nstringData:\n  on: yes\n',
      'cannot unmarshal bool into Go struct field Secret.stringData of type string',
      [],
    ],
    [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: jupyter\nstringdata:\n  a: b\n',
      'strict decoding error: unknown field "stringdata"',
      [],
    ],
    [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: jupyter\ndata:\n  a: "not base64!"\n',
      'illegal base64 data',
      [],
    ],
    [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: Bad_Name\n  namespace: jupyter\n',
      'Error from server (Invalid): error when creating "STDIN": The Secret "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
      [],
    ],
    [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  namespace: jupyter\n',
      'resource name may not be empty',
      [],
    ],
    [
      'apiVersion: v1\nmetadata:\n  name: x\n',
      `error: unable to decode "STDIN": Object 'Kind' is missing`,
      [],
    ],
    ['kind: Secret\nmetadata:\n  name: x\n', 'apiVersion not set', []],
    ['a: [1\n', 'error: error parsing STDIN: error converting YAML to JSON', []],
    [
      secret({ a: 'b' }),
      `error: the namespace from the provided object "jupyter" does not match the namespace "other". You must pass '--namespace=jupyter' to perform this operation.`,
      ['-n', 'other'],
    ],
  ];
  for (const [input, message, extra] of cases) {
    const r = await run(fc, ['kubectl', 'apply', '-f', '-', ...extra], { input });
    assert.is(r.code, 1, input);
    assert.match(r.stderr, message, input);
  }
  const empty = await run(fc, ['kubectl', 'apply', '-f', '-'], { input: '' });
  assert.is(empty.stderr, 'error: no objects passed to apply\n');
  const noF = await run(fc, ['kubectl', 'apply']);
  assert.is(noF.stderr, 'error: must specify one of -f and -k\n');
  assert.is(fc.state().objects.filter((o) => o.kind === 'Secret').length, 0);
});

test('immutable fields and the PV controller', async ({ fc }) => {
  const pv =
    'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: jupyter-nfs-pv\n  labels: {type: jupyter-nfs, app: jupyterhub}\nspec:\n  capacity: {storage: 10Gi}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: jupyter-nfs-static\n  nfs: {server: 10.0.0.1, path: /export}\n';
  const pvc =
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: jupyter-nfs-pvc\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 10Gi}}\n  storageClassName: jupyter-nfs-static\n  volumeName: jupyter-nfs-pv\n';
  assert.is((await run(fc, ['kubectl', 'apply', '-f', '-'], { input: pv })).code, 0);
  assert.is(fc.object('PersistentVolume', 'jupyter-nfs-pv')?.status.phase, 'Available');
  assert.is(
    (await run(fc, ['kubectl', 'apply', '-n', 'jupyter', '-f', '-'], { input: pvc })).code,
    0,
  );
  const bound = fc.object('PersistentVolume', 'jupyter-nfs-pv');
  assert.is(bound?.status.phase, 'Bound');
  assert.is(bound?.spec.claimRef.name, 'jupyter-nfs-pvc');
  assert.is(
    fc.object('PersistentVolumeClaim', 'jupyter-nfs-pvc', 'jupyter')?.status.phase,
    'Bound',
  );
  assert.is(
    (await run(fc, ['kubectl', 'apply', '-n', 'jupyter', '-f', '-'], { input: pvc })).stdout,
    'persistentvolumeclaim/jupyter-nfs-pvc unchanged\n',
  );
  const r = await run(fc, ['kubectl', 'apply', '-n', 'jupyter', '-f', '-'], {
    input: pvc.replace('ReadWriteOnce', 'ReadWriteMany'),
  });
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    'spec: Forbidden: spec is immutable after creation except resources.requests',
  );
  const p = await run(fc, ['kubectl', 'apply', '-f', '-'], {
    input: pv.replace('10.0.0.1', '10.0.0.2'),
  });
  assert.match(p.stderr, 'spec.persistentvolumesource: Forbidden');
});

test('apply -f FILE: read from the working directory; a missing file is an error', async ({
  fc,
}) => {
  writeFileSync(join(fc.dir, 'es.yaml'), secret({ 'crypt-key': 'from-file' }));
  const r = await run(fc, ['kubectl', 'apply', '-f', 'es.yaml']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'secret/jupyterhub-crypt-key created\n');
  assert.equal(fc.object('Secret', 'jupyterhub-crypt-key', 'jupyter')?.data, {
    'crypt-key': Buffer.from('from-file').toString('base64'),
  });
  const missing = await run(fc, ['kubectl', 'apply', '-f', 'x.yaml']);
  assert.is(missing.code, 1);
  assert.is(missing.stderr, 'error: the path "x.yaml" does not exist\n');
});

test('other apply flags are unsupported', async ({ fc }) => {
  for (const args of [
    ['-f', '-', '--server-side'],
    ['-f', '-', '--dry-run=client'],
    ['-k', '.'],
  ]) {
    const r = await run(fc, ['kubectl', 'apply', ...args], { input: secret({ a: 'b' }) });
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, 'unsupported');
  }
});

test.run();
