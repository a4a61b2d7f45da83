import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFakeCluster, withNamespace, withUserPod, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const test = suite<{ fc: FakeCluster }>('fake kubectl exec', {
  fc: undefined as unknown as FakeCluster,
});
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
  ctx.fc.update((s) => withNamespace(s, 'jupyter'));
});
test.after.each((ctx) => {
  ctx.fc.close();
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

test('exec: printenv from the pod env, a canned table, and non-running pods', async ({ fc }) => {
  fc.update((s) => {
    withUserPod(s, 'jupyter', 'alice', { env: { JUPYTERHUB_API_TOKEN: 'tok-a' } });
    withUserPod(s, 'jupyter', 'bob', { phase: 'Pending' });
    withUserPod(s, 'jupyter', 'carol', { phase: 'Succeeded' });
    s.simulations.exec = {
      'jupyter/jupyter-alice': {
        'jupyter server extension list': { code: 0, stdout: '    jupyter_mcp_server enabled\n' },
        'curl -s -o /dev/null -w %{http_code} -H @- http://localhost:8888/mcp': {
          code: 0,
          stdout: '405',
        },
      },
    };
  });
  const env = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-alice',
    '--',
    'printenv',
    'JUPYTERHUB_API_TOKEN',
  ]);
  assert.is(env.code, 0);
  assert.is(env.stdout, 'tok-a\n');
  const missing = await run(fc, [
    'kubectl',
    'exec',
    'jupyter-alice',
    '-n',
    'jupyter',
    '-c',
    'notebook',
    '--',
    'printenv',
    'NOPE',
  ]);
  assert.is(missing.code, 1);
  assert.is(missing.stderr, 'command terminated with exit code 1\n');
  const ext = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-alice',
    '--',
    'jupyter',
    'server',
    'extension',
    'list',
  ]);
  assert.match(ext.stdout, 'jupyter_mcp_server');
  const curl = await run(
    fc,
    [
      'kubectl',
      'exec',
      '-i',
      '-n',
      'jupyter',
      'jupyter-alice',
      '--',
      'curl',
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-H',
      '@-',
      'http://localhost:8888/mcp',
    ],
    { input: 'Authorization: token tok-a\n' },
  );
  assert.is(curl.stdout, '405');
  assert.is(fc.calls().at(-1)?.stdin, 'Authorization: token tok-a\n');
  const unknown = await run(fc, ['kubectl', 'exec', '-n', 'jupyter', 'jupyter-alice', '--', 'ls']);
  assert.is(unknown.code, 2);
  const pending = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-bob',
    '--',
    'printenv',
    'X',
  ]);
  assert.is(
    pending.stderr,
    'error: unable to upgrade connection: container not found ("notebook")\n',
  );
  const done = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-carol',
    '--',
    'printenv',
    'X',
  ]);
  assert.is(
    done.stderr,
    'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
  );
  const gone = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-dave',
    '--',
    'printenv',
    'X',
  ]);
  assert.is(gone.stderr, 'Error from server (NotFound): pods "jupyter-dave" not found\n');
  const badC = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-alice',
    '-c',
    'x',
    '--',
    'printenv',
    'X',
  ]);
  assert.is(
    badC.stderr,
    'Error from server (BadRequest): container x is not valid for pod jupyter-alice\n',
  );
  const noDash = await run(fc, [
    'kubectl',
    'exec',
    '-n',
    'jupyter',
    'jupyter-alice',
    'printenv',
    'X',
  ]);
  assert.is(noDash.code, 1);
  const tty = await run(fc, [
    'kubectl',
    'exec',
    '-it',
    '-n',
    'jupyter',
    'jupyter-alice',
    '--',
    'sh',
  ]);
  assert.is(tty.code, 2);
});

test.run();
