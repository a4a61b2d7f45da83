import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Server as HttpServer } from 'node:http';
import {
  createFakeCluster,
  withExternalSecrets,
  withNamespace,
  type FakeCluster,
} from './index.js';
import { run, vaultStub } from './testkit.js';

const test = suite<{ fc: FakeCluster; vault?: HttpServer }>(
  'fake kubectl wait (ExternalSecret simulation)',
  {
    fc: undefined as unknown as FakeCluster,
  },
);
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => withNamespace(s, 'jupyter'));
});
test.after.each((ctx) => {
  ctx.fc.close();
  ctx.vault?.close();
});

const es = (
  name: string,
  key: string,
  property: string,
  target = name,
) => `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${name}
  namespace: jupyter
spec:
  refreshInterval: 1h
  secretStoreRef: {name: vault-secret-store, kind: ClusterSecretStore}
  target: {name: ${target}, creationPolicy: Owner}
  data:
  - secretKey: crypt-key
    remoteRef: {key: ${key}, property: ${property}}
`;

test('ExternalSecret becomes Ready from the Vault KV v2 stub; target Secret owned by it', async (ctx) => {
  const { server, address } = await vaultStub('root', {
    'jupyterhub/config': { 'crypt-key': 's3cret' },
  });
  ctx.vault = server;
  const { fc } = ctx;
  fc.update((s) => withExternalSecrets(s, { vaultAddress: address, vaultToken: 'root' }));
  const a = await run(fc, ['kubectl', 'apply', '-f', '-'], {
    input: es('jupyterhub-crypt-key', 'jupyterhub/config', 'crypt-key'),
  });
  assert.is(a.code, 0, a.stderr);
  const w = await run(fc, [
    'kubectl',
    'wait',
    '--for=condition=Ready',
    'externalsecret/jupyterhub-crypt-key',
    '-n',
    'jupyter',
    '--timeout=60s',
  ]);
  assert.is(w.code, 0, w.stderr);
  assert.is(w.stdout, 'externalsecret.external-secrets.io/jupyterhub-crypt-key condition met\n');
  const secret = fc.object('Secret', 'jupyterhub-crypt-key', 'jupyter');
  assert.is(Buffer.from(secret?.data['crypt-key'], 'base64').toString(), 's3cret');
  const owner = fc.object('ExternalSecret', 'jupyterhub-crypt-key', 'jupyter');
  assert.is(secret?.metadata.ownerReferences?.[0].uid, owner?.metadata.uid);
  for (const form of [
    ['--for', 'condition=Ready=True', 'externalsecrets.external-secrets.io/jupyterhub-crypt-key'],
    ['--for=condition=ready', 'es/jupyterhub-crypt-key'],
  ]) {
    const r = await run(fc, ['kubectl', 'wait', ...form, '-n', 'jupyter', '--timeout', '60s']);
    assert.is(r.code, 0, form.join(' '));
  }
  // Deleting the ExternalSecret garbage-collects the Secret it owns.
  await run(fc, ['kubectl', 'delete', 'externalsecret', 'jupyterhub-crypt-key', '-n', 'jupyter']);
  assert.not.ok(fc.object('Secret', 'jupyterhub-crypt-key', 'jupyter'));
});

test('missing Vault key, missing store, no simulation: kubectl wait times out (quickly)', async (ctx) => {
  const { server, address } = await vaultStub('root', { 'jupyterhub/config': { other: 'x' } });
  ctx.vault = server;
  const { fc } = ctx;
  fc.update((s) => withExternalSecrets(s, { vaultAddress: address, vaultToken: 'root' }));
  await run(fc, ['kubectl', 'apply', '-f', '-'], {
    input:
      es('a', 'jupyterhub/config', 'crypt-key') + '---\n' + es('b', 'jupyterhub/none', 'crypt-key'),
  });
  for (const name of ['a', 'b']) {
    const started = Date.now();
    const r = await run(fc, [
      'kubectl',
      'wait',
      '--for=condition=Ready',
      `externalsecret/${name}`,
      '-n',
      'jupyter',
      '--timeout=60s',
    ]);
    assert.is(r.code, 1);
    assert.is(r.stderr, `error: timed out waiting for the condition on externalsecrets/${name}\n`);
    assert.ok(Date.now() - started < 5000);
    assert.not.ok(fc.object('Secret', name, 'jupyter'));
  }
  fc.update((s) => {
    s.objects = s.objects.filter((o) => o.kind !== 'ClusterSecretStore');
    s.simulations.externalSecrets = { vaultAddress: address, vaultToken: 'root' };
  });
  await run(fc, ['kubectl', 'apply', '-f', '-'], { input: es('c', 'jupyterhub/config', 'other') });
  assert.is(
    (
      await run(fc, [
        'kubectl',
        'wait',
        '--for=condition=Ready',
        'externalsecret/c',
        '-n',
        'jupyter',
      ])
    ).code,
    1,
  );
  fc.update((s) => withExternalSecrets(s, { vaultAddress: address, vaultToken: 'wrong-token' }));
  assert.is(
    (
      await run(fc, [
        'kubectl',
        'wait',
        '--for=condition=Ready',
        'externalsecret/c',
        '-n',
        'jupyter',
      ])
    ).code,
    1,
  );
  fc.update((s) => (s.simulations.externalSecrets = { vaultAddress: address, vaultToken: 'root' }));
  assert.is(
    (
      await run(fc, [
        'kubectl',
        'wait',
        '--for=condition=Ready',
        'externalsecret/c',
        '-n',
        'jupyter',
      ])
    ).code,
    0,
  );
  const nf = await run(fc, [
    'kubectl',
    'wait',
    '--for=condition=Ready',
    'externalsecret/zzz',
    '-n',
    'jupyter',
  ]);
  assert.is(
    nf.stderr,
    'Error from server (NotFound): externalsecrets.external-secrets.io "zzz" not found\n',
  );
  // --for=delete (keycloak:uninstall): met when the object is gone, a timeout while it is there.
  const present = await run(fc, [
    'kubectl',
    'wait',
    '--for=delete',
    'externalsecret/c',
    '-n',
    'jupyter',
  ]);
  assert.equal(
    [present.code, present.stderr],
    [1, 'error: timed out waiting for the condition on externalsecrets/c\n'],
  );
  const gone = await run(fc, [
    'kubectl',
    'wait',
    '--for=delete',
    'externalsecret/zzz',
    '-n',
    'jupyter',
  ]);
  assert.is(gone.code, 0);
  for (const args of [
    ['--for=jsonpath={.status}', 'externalsecret/c'],
    ['--for=condition=Ready', 'deployment/hub'],
    ['--for=condition=Ready', 'externalsecret', 'c'],
  ]) {
    const u = await run(fc, ['kubectl', 'wait', ...args, '-n', 'jupyter']);
    assert.is(u.code, 2, args.join(' '));
  }
  const t = await run(fc, [
    'kubectl',
    'wait',
    '--for=condition=Ready',
    'externalsecret/c',
    '--timeout=60',
  ]);
  assert.is(
    t.stderr,
    'error: invalid argument "60" for "--timeout" flag: time: missing unit in duration "60"\n',
  );
});

test.run();
