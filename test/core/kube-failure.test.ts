// kubectl and helm failures in one line and a hint. The texts are the real tools' (kubectl
// v1.36's StandardErrorMessage, the API server's forbidden/not-found messages, helm 3.21's
// pkg/kube); the end-to-end cases use the fake kubectl, which prints them the same way.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CommandError } from '../../tasks/core/errors.js';
import { classifyKubeFailure } from '../../tasks/core/kube-failure.js';
import { createFakeCluster, withObject, type FakeCluster } from '../fakes/index.js';
import { assertOneLineError } from '../support/assert-error.js';
import { runCli } from '../support/cli.js';
import { testContext } from '../support/context.js';

const test = suite('core/kube-failure: kubectl and helm failures in one line and a hint');

// What kubectl v1.36.3 printed with the API server down (client-go's retries first).
const REFUSED = [
  'E1207 01:20:16.389206    5683 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"',
  'E1207 01:20:16.389388    5683 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"',
  'E1207 01:20:16.390597    5683 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"',
  'The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?',
].join('\n');

test('each failure class of kubectl and helm becomes one line and a hint', () => {
  const cases: Array<[string, string, RegExp, RegExp]> = [
    [
      'kubectl',
      REFUSED,
      /^kubectl: cannot reach the Kubernetes API server at 127\.0\.0\.1:1 \(connection refused\)$/,
      /check that the cluster is up and that kube context prod is the one you mean/,
    ],
    [
      'kubectl',
      'Unable to connect to the server: dial tcp: lookup k8s.example.com on 127.0.0.53:53: no such host',
      /^kubectl: cannot reach the Kubernetes API server \(dial tcp: lookup k8s\.example\.com on 127\.0\.0\.53:53: no such host\)$/,
      /--context or KUBE_CONTEXT/,
    ],
    [
      'helm',
      'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
      /^helm: cannot reach the Kubernetes API server \(Get "https:\/\/127\.0\.0\.1:1\/version": dial tcp 127\.0\.0\.1:1: connect: connection refused\)$/,
      /cluster is up/,
    ],
    [
      'kubectl',
      'Error in configuration: context was not found for specified context: prod',
      /^kube context prod is not in the kubeconfig$/,
      /kubectl config get-contexts/,
    ],
    [
      'helm',
      'Error: Kubernetes cluster unreachable: context "prod" does not exist',
      /^kube context prod is not in the kubeconfig$/,
      /kubectl config get-contexts/,
    ],
    [
      'kubectl',
      'error: You must be logged in to the server (Unauthorized)',
      /^kubectl: the Kubernetes API server did not accept the credentials of kube context prod \(Unauthorized\)$/,
      /log in again/,
    ],
    [
      'kubectl',
      'Error from server (Forbidden): secrets "jupyterhub-crypt-key" is forbidden: User "alice" cannot get resource "secrets" in API group "" in the namespace "jupyter"',
      /^kubectl: secrets "jupyterhub-crypt-key" is forbidden: User "alice" cannot get resource "secrets" in API group "" in the namespace "jupyter"$/,
      /the user of kube context prod lacks this permission/,
    ],
    [
      'helm',
      'Error: list: failed to list: secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "jupyter"',
      /^helm: secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "jupyter"$/,
      /RBAC/,
    ],
    [
      'kubectl',
      'Error from server (NotFound): namespaces "jupyter" not found',
      /^kubectl: namespaces "jupyter" not found$/,
      /check the name and the namespace \(on kube context prod\)/,
    ],
  ];
  for (const [program, stderr, message, hint] of cases) {
    const f = classifyKubeFailure(program, 1, stderr, 'prod');
    assert.ok(f, stderr);
    assert.match(f!.message, message);
    assert.not.match(f!.message, /\n/);
    assert.match(f!.hint, hint);
  }
});

test('anything else stays the command error it was', () => {
  const other = [
    ['kubectl', 1, 'error: the server doesn\'t have a resource type "externalsecrets"'],
    ['kubectl', 1, 'The PersistentVolumeClaim "x" is invalid: spec: Forbidden: spec is immutable'],
    ['docker', 1, 'The connection to the server 127.0.0.1:1 was refused'],
    ['kubectl', 0, 'The connection to the server 127.0.0.1:1 was refused'],
    ['kubectl', null, 'The connection to the server 127.0.0.1:1 was refused'],
  ] as const;
  for (const [program, status, stderr] of other)
    assert.is(classifyKubeFailure(program, status, stderr, undefined), undefined, stderr);
  // Without a named context, the hint speaks of the current one.
  assert.match(
    classifyKubeFailure('kubectl', 1, REFUSED, undefined)!.hint,
    'the current kube context',
  );
});

let fc: FakeCluster;
test.before.each(() => {
  fc = createFakeCluster();
});
test.after.each(() => fc.close());

test('the error keeps its structure: program, command, exit code, stderr tail', async () => {
  const { ctx } = testContext({ env: fc.env });
  try {
    await ctx.exec.query('kubectl', ['get', 'secret', 'nope', '-n', 'default', '-o', 'json']);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CommandError);
    const e = err as CommandError;
    assert.is(e.message, 'kubectl: secrets "nope" not found');
    assert.is(e.hint, 'check the name and the namespace (on the current kube context)');
    assert.is(e.program, 'kubectl');
    assert.is(e.command, 'kubectl get secret nope -n default -o json');
    assert.is(e.status, 1);
    assert.is(e.stderrTail, 'Error from server (NotFound): secrets "nope" not found');
  }
});

const deleteCompletedPods = (args: string[] = []) =>
  runCli(['k8s:delete-completed-pods', ...args, '--yes'], { cwd: fc.dir, env: fc.env });

test('a cluster that does not answer: one line and a hint (the fake kubectl)', async () => {
  fc.update((s) => (s.reachable = false));
  const r = await deleteCompletedPods();
  const line = assertOneLineError(
    r,
    '✗ kubectl: cannot reach the Kubernetes API server at localhost:8080 (connection refused)',
  );
  assert.match(r.stderr, `${line}\n  check that the cluster is up`);
});

test('no permission: the API server says who cannot do what, in one line', async () => {
  fc.update((s) => (s.simulations.forbidden = { user: 'alice', resources: ['pods'] }));
  const r = await deleteCompletedPods();
  assertOneLineError(
    r,
    '✗ kubectl: pods is forbidden: User "alice" cannot list resource "pods" in API group "" at the cluster scope',
  );
  assert.match(r.stderr, '  the user of the current kube context lacks this permission');
});

test('a context the kubeconfig does not have: one line naming it', async () => {
  fc.update((s) => {
    withObject(s, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'done', namespace: 'default' },
      status: { phase: 'Succeeded' },
    });
  });
  const r = await deleteCompletedPods(['--context', 'nope']);
  assertOneLineError(r, '✗ kube context nope is not in the kubeconfig');
  assert.match(r.stderr, '  kubectl config get-contexts lists them');
  assert.ok(fc.object('Pod', 'done', 'default'), 'nothing was deleted');
});

test.run();
