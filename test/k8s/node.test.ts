import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withObject } from '../fakes/index.js';
import type { ClusterState } from '../fakes/lib/types.js';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// The k3s node recipes (stop, start, restart, uncordon, uninstall) against fake kubectl and ssh.
const test = suite('k8s node recipes');
const HOST = 'k8s-node';
const ok = { code: 0 };
const SSH: Record<string, { code: number; stdout?: string }> = {
  'sudo systemctl stop k3s 2>/dev/null || true': ok,
  'sudo systemctl disable k3s 2>/dev/null || true': ok,
  'bash -s': { code: 0, stdout: '  Executing /usr/local/bin/k3s-killall.sh...\n' },
  "pgrep containerd-shim 2>/dev/null | wc -l | tr -d ' '": { code: 0, stdout: '0\n' },
  'sudo systemctl enable k3s': ok,
  'sudo systemctl start k3s': ok,
  'sudo pkill -9 umount || true': ok,
  'sudo umount -f /var/lib/kubelet/plugins/kubernetes.io/csi/*/globalmount 2>/dev/null || true': ok,
  'sudo umount -l /var/lib/kubelet/plugins/kubernetes.io/csi/*/globalmount 2>/dev/null || true': ok,
  '/usr/local/bin/k3s-uninstall.sh': ok,
};

const node = (s: ClusterState, unschedulable = false) => {
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    spec: unschedulable ? { unschedulable: true } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x' }] },
    status: { phase: 'Running' },
  });
  s.simulations.ssh = { [HOST]: SSH };
  s.simulations.kubeconfig = {
    currentContext: HOST,
    contexts: [
      { name: HOST, cluster: HOST, user: `${HOST}-admin` },
      { name: 'other', cluster: 'other', user: 'other' },
    ],
    clusters: [HOST, 'other'],
    users: [`${HOST}-admin`, 'other'],
  };
};

const sshCalls = (sc: Scenario) =>
  sc.fc
    .calls()
    .filter((c) => c.tool === 'ssh')
    .map((c) => c.argv[1]);

let sc: Scenario;
test.before.each(async () => {
  sc = await startScenario({ cluster: (s) => node(s) });
});
test.after.each(() => sc.close());
const env = { LOCAL_K8S_HOST: HOST };

test('stop: drain (pods evicted, node cordoned), stop and disable k3s, killall script on stdin, shims checked', async () => {
  const r = await sc.run(['k8s:stop'], env);
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('Node', 'node-1')!.spec?.unschedulable, true);
  assert.is(sc.fc.object('Pod', 'app', 'default'), undefined);
  assert.equal(sshCalls(sc), [
    'sudo systemctl stop k3s 2>/dev/null || true',
    'sudo systemctl disable k3s 2>/dev/null || true',
    'bash -s',
    "pgrep containerd-shim 2>/dev/null | wc -l | tr -d ' '",
  ]);
  const script = sc.fc.calls().find((c) => c.tool === 'ssh' && c.argv[1] === 'bash -s')!.stdin;
  assert.match(script, 'timeout 180 sudo /usr/local/bin/k3s-killall.sh');
  const drain = sc.fc.calls().find((c) => c.tool === 'kubectl' && c.argv[0] === 'drain')!;
  assert.equal(drain.argv, [
    'drain',
    'node-1',
    '--ignore-daemonsets',
    '--delete-emptydir-data',
    '--force',
    '--disable-eviction',
    '--grace-period=60',
    '--timeout=180s',
  ]);
  assert.match(r.stderr, 'npx tasks k8s:start');
});

test('start: enable and start k3s, wait for Ready nodes, uncordon', async () => {
  sc.fc.update((s) => {
    s.objects.find((o) => o.kind === 'Node')!.spec = { unschedulable: true };
  });
  const r = await sc.run(['k8s:start'], env);
  assert.is(r.code, 0, r.stderr);
  assert.equal(sshCalls(sc), ['sudo systemctl enable k3s', 'sudo systemctl start k3s']);
  assert.is(sc.fc.object('Node', 'node-1')!.spec?.unschedulable, undefined);
  assert.match(r.stderr, '✓ node node-1 uncordoned');
});

test('uncordon: already schedulable is fine; restart runs stop then start', async () => {
  const r = await sc.run(['k8s:uncordon']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, '✓ node node-1 is already schedulable');
  const restart = await sc.run(['k8s:restart'], env);
  assert.is(restart.code, 0, restart.stderr);
  const calls = sshCalls(sc);
  assert.ok(calls.indexOf('bash -s') < calls.indexOf('sudo systemctl start k3s'));
  assert.is(
    sc.fc.object('Node', 'node-1')!.spec?.unschedulable,
    undefined,
    'uncordoned at the end',
  );
});

test('uninstall: asks; then CSI cleanup, k3s-uninstall.sh, only its kubeconfig entries removed', async () => {
  const no = await sc.run(['k8s:uninstall'], env);
  assert.is(no.code, 1);
  assert.equal(sshCalls(sc), []);
  const r = await sc.run(['k8s:uninstall', '--yes'], env);
  assert.is(r.code, 0, r.stderr);
  assert.equal(sshCalls(sc).slice(-1), ['/usr/local/bin/k3s-uninstall.sh']);
  const kc = sc.fc.state().simulations.kubeconfig!;
  assert.equal(
    [kc.contexts.map((c) => c.name), kc.clusters, kc.users],
    [['other'], ['other'], ['other']],
  );
});

test('LOCAL_K8S_HOST is required; an unknown host fails as ssh does; --dry-run plans the ssh lines', async () => {
  assertOneLineError(
    await sc.run(['k8s:start'], { LOCAL_K8S_HOST: '' }),
    '✗ LOCAL_K8S_HOST is required',
  );
  const bad = await sc.run(['k8s:start'], { LOCAL_K8S_HOST: 'typo-host' });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'Could not resolve hostname typo-host');
  const before = sshCalls(sc).length;
  const dry = await sc.run(['k8s:stop', '--dry-run'], env);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, "\nssh k8s-node 'sudo systemctl stop k3s 2>/dev/null || true'\n");
  assert.match(dry.stdout, "\nssh k8s-node 'bash -s' <<'EOF'\n");
  assert.not.match(dry.stderr, 'ssh k8s-node', 'the plan is on stdout only');
  assert.is(sshCalls(sc).length, before, 'no ssh under --dry-run');
  assert.is(
    sc.fc.object('Node', 'node-1')!.spec?.unschedulable,
    undefined,
    'dry-run drained nothing',
  );
});

test.run();
