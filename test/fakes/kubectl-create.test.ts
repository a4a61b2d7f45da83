// Fake `kubectl create --dry-run=server`: a Pod admitted or refused under pod-security
// restricted, with the real API server's words (the refusal below is the message
// Kubernetes v1.36 gave for the same pod on the local stack); nothing is stored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createFakeCluster, withNamespace, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake kubectl create --dry-run=server', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => {
    withNamespace(s, 'hub', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    withNamespace(s, 'open');
  });
});
test.after.each((ctx) => ctx.fc.close());

const create = (fc: FakeCluster, ns: string, pod: object) =>
  run(fc, ['kubectl', 'create', '--dry-run=server', '-n', ns, '-f', '-', '-o', 'name'], {
    input: JSON.stringify(pod),
  });

const GOOD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 't2' },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'c',
        image: 'x',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
  },
};
const BAD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 't1' },
  spec: {
    hostNetwork: true,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'c',
        image: 'x',
        securityContext: {
          allowPrivilegeEscalation: true,
          runAsUser: 0,
          capabilities: { add: ['SYS_ADMIN'] },
        },
      },
    ],
    volumes: [{ name: 'h', hostPath: { path: '/tmp' } }],
  },
};

test('a restricted-conforming pod: pod/NAME, exit 0, nothing stored', async ({ fc }) => {
  const before = JSON.stringify(fc.state().objects);
  const r = await create(fc, 'hub', GOOD);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'pod/t2\n');
  assert.is(JSON.stringify(fc.state().objects), before);
});

test("a violating pod: the API server's message, every check in its order", async ({ fc }) => {
  const r = await create(fc, 'hub', BAD);
  assert.is(r.code, 1);
  assert.is(
    r.stderr.trim(),
    'Error from server (Forbidden): error when creating "STDIN": pods "t1" is forbidden: violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true), allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]; container "c" must not include "SYS_ADMIN" in securityContext.capabilities.add), restricted volume types (volume "h" uses restricted volume type "hostPath"), runAsUser=0 (container "c" must not set runAsUser=0)',
  );
});

test('no enforce label: admitted; no namespace: NotFound; other forms: unsupported', async ({
  fc,
}) => {
  assert.is((await create(fc, 'open', BAD)).code, 0);
  const missing = await create(fc, 'nope', GOOD);
  assert.is(missing.code, 1);
  assert.is(
    missing.stderr.trim(),
    'Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found',
  );
  const other = await run(fc, ['kubectl', 'create', 'deployment', 'x', '--image=busybox']);
  assert.is(other.code, 2);
  assert.match(other.stderr, 'unsupported');
});

test("the just module's imperative forms: create namespace, create secret generic --from-literal", async ({
  fc,
}) => {
  const ns = await run(fc, ['kubectl', 'create', 'namespace', 'apps']);
  assert.equal([ns.code, ns.stdout], [0, 'namespace/apps created\n']);
  const again = await run(fc, ['kubectl', 'create', 'namespace', 'apps']);
  assert.equal(
    [again.code, again.stderr.trim()],
    [1, 'Error from server (AlreadyExists): namespaces "apps" already exists'],
  );
  const sec = await run(fc, [
    'kubectl',
    'create',
    'secret',
    'generic',
    'k',
    '-n',
    'apps',
    '--from-literal=crypt-key=abc=d',
  ]);
  assert.equal([sec.code, sec.stdout], [0, 'secret/k created\n']);
  assert.equal(fc.object('Secret', 'k', 'apps')?.data, {
    'crypt-key': Buffer.from('abc=d').toString('base64'),
  });
  const nowhere = await run(fc, [
    'kubectl',
    'create',
    'secret',
    'generic',
    'k',
    '-n',
    'nope',
    '--from-literal=a=b',
  ]);
  assert.is(nowhere.code, 1);
  assert.match(nowhere.stderr, 'namespaces "nope" not found');
});

test("the just module's create configmap --from-file --dry-run=client -o yaml: printed, not stored", async ({
  fc,
}) => {
  writeFileSync(join(fc.dir, 'renew.sh'), '#!/bin/sh\necho renew\n');
  const args = [
    'kubectl',
    'create',
    'configmap',
    'cm',
    '-n',
    'apps',
    '--dry-run=client',
    '-o',
    'yaml',
  ];
  const r = await run(fc, [...args, '--from-file=renew.sh', '--from-file=r2.sh=renew.sh']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(parse(r.stdout), {
    apiVersion: 'v1',
    data: { 'renew.sh': '#!/bin/sh\necho renew\n', 'r2.sh': '#!/bin/sh\necho renew\n' },
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'apps' },
  });
  assert.is(fc.object('ConfigMap', 'cm', 'apps'), undefined);
  const missing = await run(fc, [...args, '--from-file=gone.sh']);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, 'error reading gone.sh');
  const stored = await run(fc, ['kubectl', 'create', 'configmap', 'cm', '--from-file=renew.sh']);
  assert.is(stored.code, 2);
  assert.match(stored.stderr, 'unsupported');
});

test.run();
