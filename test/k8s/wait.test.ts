import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitDeploymentsReady } from '../../tasks/k8s/wait.js';
import { createFakeCluster, withNamespace, withObject, type FakeCluster } from '../fakes/index.js';
import { setNotReady } from '../fakes/lib/deployments.js';
import { assertOneLineError } from '../support/assert-error.js';
import { runCli } from '../support/cli.js';
import { testContext } from '../support/context.js';

// k8s:wait-deployments-ready over the fake kubectl, deployments becoming ready after N polls.
const test = suite('k8s wait-deployments-ready');
let fc: FakeCluster;
test.before.each(() => {
  fc = createFakeCluster();
  fc.update((s) => {
    withNamespace(s, 'apps');
    for (const name of ['hub', 'proxy']) {
      const d = withObject(s, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: 'apps', generation: 1 },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } } },
        },
      });
      setNotReady(s, d);
    }
  });
});
test.after.each(() => fc.close());

const polls = () =>
  fc
    .calls()
    .filter((c) => c.tool === 'kubectl' && c.argv[0] === 'get')
    .map((c) => c.argv.join(' '));
const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: fc.dir, env: { ...fc.env, ...env } });

test('ready after N polls: polls until every deployment is ready, progress on stderr', async () => {
  fc.update((s) => (s.simulations.deploymentsReadyAfterPolls = { hub: 3, proxy: 1 }));
  const { ctx, err, out } = testContext({ env: fc.env });
  await waitDeploymentsReady(ctx, 'apps', ['hub', 'proxy'], { timeoutSeconds: 30, intervalMs: 5 });
  assert.equal(
    polls(),
    Array(4).fill('get deployment hub proxy -n apps -o json --ignore-not-found'),
    'the fourth poll sees hub ready',
  );
  assert.is(out(), '');
  const lines = err()
    .split('\n')
    .filter((l) => !l.startsWith('$ '));
  assert.equal(lines, [
    '  … waiting for hub, proxy in apps (0s)',
    '  … waiting for hub, proxy in apps: hub 0/1, proxy 0/1 (0s)',
    '  … waiting for hub, proxy in apps: hub 0/1, proxy 1/1 (0s)',
    '✓ deployments ready in apps: hub, proxy',
    '',
  ]);
  assert.is(fc.object('Deployment', 'hub', 'apps')!.status.readyReplicas, 1);
});

test('the CLI: ready after one poll, exit 0, nothing on stdout', async () => {
  fc.update((s) => (s.simulations.deploymentsReadyAfterPolls = 1));
  const r = await run(['k8s:wait-deployments-ready', 'apps', 'hub', 'proxy']);
  assert.equal([r.code, r.stdout], [0, ''], r.stderr);
  assert.match(r.stderr, /^ {2}… waiting for hub, proxy in apps: hub 0\/1, proxy 0\/1 \(\ds\)$/m);
  assert.match(r.stderr, /^✓ deployments ready in apps: hub, proxy$/m);
  assert.is(polls().length, 2);
});

test('timeout (K8S_WAIT_TIMEOUT): names what is not ready, suggests kubectl describe, exit 1, bounded', async () => {
  fc.update((s) => (s.simulations.deploymentsReadyAfterPolls = { hub: 'never', proxy: 0 }));
  const started = Date.now();
  const r = await run(['k8s:wait-deployments-ready', 'apps', 'hub', 'proxy', 'ghost'], {
    K8S_WAIT_TIMEOUT: '1',
  });
  const elapsed = Date.now() - started;
  assertOneLineError(r, /^✗ timed out after 1s: not ready in apps: hub 0\/1, ghost \(not found\)$/);
  assert.match(r.stderr, /^ {2}see why with: kubectl describe deployment hub ghost -n apps$/m);
  assert.match(r.stderr, /^ {2}… waiting for hub, proxy, ghost in apps/m);
  assert.ok(elapsed >= 1000 && elapsed < 5000, `took ${elapsed} ms`);
  assert.ok(
    polls().length >= 2 && polls().length <= 3,
    `${polls().length} polls: at the start and at the deadline`,
  );
});

test('K8S_WAIT_TIMEOUT must be an integer; a missing deployment list is a usage error', async () => {
  const [bad, none, nothing] = await Promise.all([
    run(['k8s:wait-deployments-ready', 'apps', 'hub'], { K8S_WAIT_TIMEOUT: 'soon' }),
    run(['k8s:wait-deployments-ready', 'apps']),
    run(['k8s:wait-deployments-ready']),
  ]);
  assertOneLineError(bad, '✗ K8S_WAIT_TIMEOUT must be an integer (got "soon")');
  assertOneLineError(none, '✗ name at least one deployment', 2);
  assert.match(none.stderr, 'usage: npx tasks k8s:wait-deployments-ready <namespace>');
  assertOneLineError(nothing, '✗ missing argument <namespace>', 2);
  assert.equal(polls(), []);
});

test('--dry-run plans the wait and polls nothing', async () => {
  const r = await run(['k8s:wait-deployments-ready', 'apps', 'hub', '--dry-run']);
  assert.equal(
    [r.code, r.stdout, r.stderr],
    [0, '', '# would wait up to 600s for deployments hub in apps to be ready\n'],
  );
  assert.equal(polls(), []);
});

test('a failed poll inside the wait is retried until the deadline, not fatal (issue 11, point 11)', async () => {
  fc.update((s) => {
    s.simulations.deploymentsReadyAfterPolls = 1;
    s.reachable = false;
  });
  // The API server comes back after a moment; the wait has budget left and goes on.
  const back = setTimeout(() => fc.update((s) => (s.reachable = true)), 1500);
  const { ctx, err } = testContext({ env: fc.env });
  try {
    await waitDeploymentsReady(ctx, 'apps', ['hub', 'proxy'], {
      timeoutSeconds: 30,
      intervalMs: 200,
    });
  } finally {
    clearTimeout(back);
  }
  assert.match(err(), /✓ deployments ready in apps: hub, proxy/);
  assert.ok(
    fc.calls().some((c) => c.exit !== 0),
    'at least one poll failed',
  );
});

test('failing until the deadline: exit 1, names what is not ready and the last error', async () => {
  fc.update((s) => (s.reachable = false));
  const started = Date.now();
  const r = await run(['k8s:wait-deployments-ready', 'apps', 'hub'], { K8S_WAIT_TIMEOUT: '2' });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /✗ timed out after 2s: not ready in apps: hub \(not seen yet\)/);
  assert.match(
    r.stderr,
    /\nthe last look failed: kubectl: cannot reach the Kubernetes API server at localhost:8080 \(connection refused\)\n/,
  );
  assert.ok(fc.calls().length >= 2, 'looked more than once');
  assert.ok(Date.now() - started < 20_000);
});

test.run();
