// Naming the cluster: --context / KUBE_CONTEXT reach every kubectl call as --context and every
// helm call as --kube-context (the fake CLIs record argv and check the context against the
// kubeconfig), and the plan, a destructive question and the install summary say which kube
// context and API server the run is for.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readKubeTarget, withKubeContext } from '../../tasks/core/kube-target.js';
import { withObject, type CallRecord } from '../fakes/index.js';
import { ALL_OFF, startScenario, type Scenario } from '../support/scenario.js';
import { runInTerminal } from '../support/terminal.js';

const test = suite('core/kube-target: the kube context reaches kubectl and helm, and is named');

const PROD_SERVER = 'https://prod.example.com:6443';
// The fake cluster's own kubeconfig (context "fake") plus a second context, "prod".
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: http://localhost:8080
- name: prod-cluster
  cluster:
    server: ${PROD_SERVER}
contexts:
- name: fake
  context: {cluster: fake, user: fake}
- name: prod
  context: {cluster: prod-cluster, user: fake}
current-context: fake
users:
- name: fake
  user: {}
`;

test('the flag goes in front of kubectl and helm lines, never into `kubectl config` or others', () => {
  assert.equal(withKubeContext('kubectl', ['get', 'ns'], 'prod'), [
    '--context',
    'prod',
    'get',
    'ns',
  ]);
  assert.equal(withKubeContext('helm', ['list', '-A'], 'prod'), [
    '--kube-context',
    'prod',
    'list',
    '-A',
  ]);
  assert.equal(withKubeContext('kubectl', ['config', 'use-context', 'x'], 'prod'), [
    'config',
    'use-context',
    'x',
  ]);
  assert.equal(withKubeContext('docker', ['build', '.'], 'prod'), ['build', '.']);
  assert.equal(withKubeContext('kubectl', ['get', 'ns'], undefined), ['get', 'ns']);
});

test('the target is read from the kubeconfig files as kubectl merges them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
  try {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(
      a,
      'current-context: one\ncontexts:\n- name: one\n  context: {cluster: c1}\nclusters:\n- name: c1\n  cluster: {server: "https://one:6443"}\n',
    );
    writeFileSync(
      b,
      'current-context: two\ncontexts:\n- name: one\n  context: {cluster: other}\n- name: two\n  context: {cluster: c2}\nclusters:\n- name: c2\n  cluster: {server: "https://two:6443"}\n',
    );
    const env = (files: string[]) => ({ KUBECONFIG: files.join(':') });
    // The first file to set a value wins: current context and context "one" come from a.
    assert.equal(await readKubeTarget(env([a, join(dir, 'missing'), b]), undefined), {
      context: 'one',
      server: 'https://one:6443',
    });
    assert.equal(await readKubeTarget(env([b, a]), undefined), {
      context: 'two',
      server: 'https://two:6443',
    });
    assert.equal(await readKubeTarget(env([a, b]), 'two'), {
      context: 'two',
      server: 'https://two:6443',
    });
    assert.is(await readKubeTarget(env([a, b]), 'nope'), undefined);
    // Without KUBECONFIG: ~/.kube/config.
    assert.is(await readKubeTarget({ HOME: dir }, undefined), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

let sc: Scenario;
let kubeconfig: string;
test.before.each(async () => {
  sc = await startScenario();
  kubeconfig = join(sc.dir, 'kubeconfig-prod');
  writeFileSync(kubeconfig, KUBECONFIG);
});
test.after.each(() => sc.close());

const kubeCalls = (calls: CallRecord[]) =>
  calls.filter((c) => c.tool === 'kubectl' || c.tool === 'helm');

function assertEveryCallOn(calls: CallRecord[], context: string) {
  const kube = kubeCalls(calls);
  assert.ok(kube.some((c) => c.tool === 'kubectl') && kube.some((c) => c.tool === 'helm'));
  for (const c of kube)
    assert.equal(
      c.argv.slice(0, 2),
      c.tool === 'kubectl' ? ['--context', context] : ['--kube-context', context],
      `${c.tool} ${c.argv.join(' ')}`,
    );
}

test('install --context prod: every kubectl and helm call carries it; the summary names it', async () => {
  const r = await sc.run(['jupyterhub:install', '--context', 'prod'], {
    ...ALL_OFF,
    KUBECONFIG: kubeconfig,
  });
  assert.is(r.code, 0, r.stderr);
  assertEveryCallOn(sc.fc.calls(), 'prod');
  assert.match(r.stderr, `\n  cluster:     kube context prod, API server ${PROD_SERVER}\n`);
});

test('KUBE_CONTEXT does the same; --context wins over it', async () => {
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    KUBECONFIG: kubeconfig,
    KUBE_CONTEXT: 'prod',
  });
  assert.is(r.code, 0, r.stderr);
  assertEveryCallOn(sc.fc.calls(), 'prod');
  const n = sc.fc.calls().length;
  const again = await sc.run(['jupyterhub:install', '--context=fake'], {
    ...ALL_OFF,
    KUBECONFIG: kubeconfig,
    KUBE_CONTEXT: 'prod',
  });
  assert.is(again.code, 0, again.stderr);
  assertEveryCallOn(sc.fc.calls().slice(n), 'fake');
  assert.match(again.stderr, 'cluster:     kube context fake, API server http://localhost:8080');
});

test('the dry-run plan says which cluster it is for, before its first change', async () => {
  const r = await sc.run(['jupyterhub:install', '--dry-run', '--context', 'prod'], {
    ...ALL_OFF,
    KUBECONFIG: kubeconfig,
  });
  assert.is(r.code, 0, r.stderr);
  const out = r.stdout + r.stderr;
  const header = out.indexOf(`# on kube context prod, API server ${PROD_SERVER}\n`);
  assert.ok(header >= 0, out);
  assert.ok(header < out.indexOf('kubectl --context prod apply -f -'), 'before the first change');
  assertEveryCallOn(sc.fc.calls(), 'prod');
});

test('a destructive question in a terminal names the kube context and API server', async () => {
  sc.fc.update((s) => {
    withObject(s, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'done', namespace: 'default' },
      status: { phase: 'Succeeded' },
    });
  });
  const r = await runInTerminal(
    ['k8s:delete-completed-pods', '--context', 'prod'],
    { ...sc.env, KUBECONFIG: kubeconfig },
    'Delete these pods?',
    'n',
  );
  // The terminal wraps the question at its width: compare it as one line.
  const shown = r.out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\s+/g, ' ');
  assert.ok(
    shown.includes(`? Delete these pods? (kube context prod, API server ${PROD_SERVER}) (y/N)`),
    `the question names the cluster:\n${r.out}`,
  );
  assert.is(r.code, 1, r.out);
  assert.ok(sc.fc.object('Pod', 'done', 'default'), 'answered no: nothing deleted');
});

test.run();
