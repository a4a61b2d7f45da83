// Longer than most files: one suite for all helm subcommands the project uses (repo,
// upgrade --install, list, status, uninstall, get values) and helm's rejections.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeCluster, withNamespace, withRelease, type FakeCluster } from './index.js';
import { run } from './testkit.js';

const REPO = 'https://jupyterhub.github.io/helm-chart';
const test = suite<{ fc: FakeCluster }>('fake helm', { fc: undefined as unknown as FakeCluster });
test.before.each((ctx) => {
  ctx.fc = createFakeCluster();
});
test.after.each((ctx) => ctx.fc.close());

const install = (fc: FakeCluster, ...extra: string[]) =>
  run(fc, [
    'helm',
    'upgrade',
    '--cleanup-on-fail',
    '--install',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '--version',
    '4.2.0',
    '-n',
    'jupyter',
    '--timeout=20m',
    ...extra,
  ]);

test('repo add / skip / conflict / force-update / update / list / remove', async ({ fc }) => {
  assert.is(
    (await run(fc, ['helm', 'repo', 'add', 'jupyterhub', REPO])).stdout,
    '"jupyterhub" has been added to your repositories\n',
  );
  const skip = await run(fc, ['helm', 'repo', 'add', 'jupyterhub', REPO]);
  assert.is(skip.code, 0);
  assert.is(skip.stdout, '"jupyterhub" already exists with the same configuration, skipping\n');
  const clash = await run(fc, ['helm', 'repo', 'add', 'jupyterhub', `${REPO}/`]);
  assert.is(clash.code, 1);
  assert.is(
    clash.stderr,
    'Error: repository name (jupyterhub) already exists, please specify a different name\n',
  );
  fc.update((s) => (s.chartIndex[`${REPO}/`] = s.chartIndex[REPO]));
  assert.is(
    (await run(fc, ['helm', 'repo', 'add', 'jupyterhub', `${REPO}/`, '--force-update'])).code,
    0,
  );
  assert.equal(fc.state().helmRepos, [{ name: 'jupyterhub', url: `${REPO}/` }]);
  const unreachable = await run(fc, ['helm', 'repo', 'add', 'x', 'https://charts.example.invalid']);
  assert.match(
    unreachable.stderr,
    'Error: looks like "https://charts.example.invalid" is not a valid chart repository or cannot be reached',
  );
  const up = await run(fc, ['helm', 'repo', 'update', 'jupyterhub']);
  assert.match(up.stdout, '...Successfully got an update from the "jupyterhub" chart repository\n');
  assert.is(
    (await run(fc, ['helm', 'repo', 'update', 'nope'])).stderr,
    "Error: no repositories found matching 'nope'.  Nothing will be updated\n",
  );
  assert.equal(JSON.parse((await run(fc, ['helm', 'repo', 'list', '-o', 'json'])).stdout), [
    { name: 'jupyterhub', url: `${REPO}/` },
  ]);
  assert.is(
    (await run(fc, ['helm', 'repo', 'remove', 'jupyterhub'])).stdout,
    '"jupyterhub" has been removed from your repositories\n',
  );
  assert.is(
    (await run(fc, ['helm', 'repo', 'remove', 'jupyterhub'])).stderr,
    'Error: no repositories configured\n',
  );
  assert.is((await run(fc, ['helm', 'repo', 'list', '--output', 'json'])).stdout, '[]\n');
  const table = await run(fc, ['helm', 'repo', 'list']);
  assert.is(table.code, 1);
  assert.is(table.stderr, 'Error: no repositories to show\n');
  assert.is(
    (await run(fc, ['helm', 'repo', 'update'])).stderr,
    'Error: no repositories found. You must add one before updating\n',
  );
});

test('upgrade --install: new release, then upgrade; values read as YAML 1.1', async ({ fc }) => {
  fc.update((s) => {
    withNamespace(s, 'jupyter');
    s.helmRepos.push({ name: 'jupyterhub', url: REPO });
  });
  const values = join(fc.dir, 'values.yaml');
  const extra = join(fc.dir, 'extra.yaml');
  writeFileSync(
    values,
    'hub:\n  extraFiles:\n    startup:\n      mode: 0755\n  config: {JupyterHub: {admin_access: no}}\nproxy:\n  service:\n    type: ClusterIP\n',
  );
  writeFileSync(extra, 'hub:\n  config: {JupyterHub: {authenticator_class: generic-oauth}}\n');
  const first = await install(fc, '-f', values, '--values', extra);
  assert.is(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /^Release "jupyterhub" does not exist\. Installing it now\.\nNAME: jupyterhub\nLAST DEPLOYED: .+\nNAMESPACE: jupyter\nSTATUS: deployed\nREVISION: 1\n/,
  );
  const rel = fc.release('jupyterhub', 'jupyter');
  assert.equal(rel?.values, {
    hub: {
      extraFiles: { startup: { mode: 493 } },
      config: { JupyterHub: { admin_access: false, authenticator_class: 'generic-oauth' } },
    },
    proxy: { service: { type: 'ClusterIP' } },
  });
  assert.ok(
    fc.object('Deployment', 'hub', 'jupyter') && fc.object('Deployment', 'proxy', 'jupyter'),
  );
  assert.is(fc.object('Service', 'proxy-public', 'jupyter')?.spec.type, 'ClusterIP');
  // The file is read at call time: change it, upgrade, see the new values.
  writeFileSync(values, 'proxy:\n  service:\n    type: NodePort\n');
  const second = await install(fc, '-f', values);
  assert.match(second.stdout, /^Release "jupyterhub" has been upgraded\. Happy Helming!\n/);
  assert.is(fc.release('jupyterhub', 'jupyter')?.revision, 2);
  assert.equal(
    JSON.parse(
      (await run(fc, ['helm', 'get', 'values', 'jupyterhub', '-n', 'jupyter', '-o', 'json']))
        .stdout,
    ),
    { proxy: { service: { type: 'NodePort' } } },
  );
  const list = JSON.parse((await run(fc, ['helm', 'list', '-A', '-o', 'json'])).stdout);
  assert.equal(
    list.map((r: any) => [r.name, r.namespace, r.revision, r.status, r.chart, r.app_version]),
    [['jupyterhub', 'jupyter', '2', 'deployed', 'jupyterhub-4.2.0', '5.3.0']],
  );
  assert.match(list[0].updated, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC$/);
  const st = JSON.parse(
    (await run(fc, ['helm', 'status', 'jupyterhub', '-n', 'jupyter', '-o', 'json'])).stdout,
  );
  assert.is(st.info.status, 'deployed');
  assert.is(st.version, 2);
});

test('what helm rejects', async ({ fc }) => {
  fc.update((s) => withNamespace(s, 'jupyter'));
  assert.is((await install(fc)).stderr, 'Error: repo jupyterhub not found\n');
  fc.update((s) => s.helmRepos.push({ name: 'jupyterhub', url: REPO }));
  const badVersion = await run(fc, [
    'helm',
    'upgrade',
    '--install',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '--version',
    '9.9.9',
    '-n',
    'jupyter',
  ]);
  assert.is(
    badVersion.stderr,
    `Error: chart "jupyterhub" matching 9.9.9 not found in jupyterhub index. (try 'helm repo update'): no chart version found for jupyterhub-9.9.9\n`,
  );
  assert.is(
    (await install(fc, '-f', 'missing.yaml')).stderr,
    'Error: open missing.yaml: no such file or directory\n',
  );
  writeFileSync(join(fc.dir, 'bad.yaml'), 'hub:\n  a: b\n c: d\n');
  assert.match(
    (await install(fc, '-f', 'bad.yaml')).stderr,
    /^Error: failed to parse bad\.yaml: error converting YAML to JSON: yaml: line \d+:/,
  );
  assert.match(
    (await install(fc, '--timeout=20')).stderr,
    'Error: invalid argument "20" for "--timeout" flag: time: missing unit in duration "20"',
  );
  const noNs = await run(fc, [
    'helm',
    'upgrade',
    '--install',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '-n',
    'elsewhere',
  ]);
  assert.is(noNs.code, 1);
  assert.is(noNs.stderr, 'Error: create: failed to create: namespaces "elsewhere" not found\n');
  assert.is(fc.state().releases.length, 0);
  const created = await run(fc, [
    'helm',
    'upgrade',
    '--install',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '-n',
    'elsewhere',
    '--create-namespace',
  ]);
  assert.is(created.code, 0, created.stderr);
  assert.ok(fc.object('Namespace', 'elsewhere'));
  assert.is(fc.release('jupyterhub', 'elsewhere')?.version, '4.3.2');
  for (const args of [
    ['install', 'jupyterhub', 'jupyterhub/jupyterhub'],
    ['upgrade', 'jupyterhub', 'jupyterhub/jupyterhub', '-n', 'jupyter'],
    ['upgrade', '--install', 'jupyterhub', 'jupyterhub/jupyterhub', '--set', 'a=b'],
    ['upgrade', '--install', 'jupyterhub', './chart'],
    ['list'],
    ['list', '-A'],
    ['status', 'jupyterhub', '-o', 'yaml'],
    ['uninstall', 'jupyterhub', '--keep-history'],
    ['get', 'manifest', 'jupyterhub'],
    ['repo', 'index', '.'],
    ['template', 'x'],
  ]) {
    const r = await run(fc, ['helm', ...args]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, 'unsupported');
  }
});

test('status, uninstall, simulated failures, --wait', async ({ fc }) => {
  fc.update((s) => {
    withNamespace(s, 'jupyter');
    s.helmRepos.push({ name: 'jupyterhub', url: REPO });
    withRelease(s, { name: 'external-secrets', namespace: 'external-secrets' });
  });
  const st = await run(fc, ['helm', 'status', 'external-secrets', '-n', 'external-secrets']);
  assert.match(st.stdout, 'STATUS: deployed\n');
  const nf = await run(fc, ['helm', 'status', 'vault', '-n', 'vault']);
  assert.is(nf.code, 1);
  assert.is(nf.stderr, 'Error: release: not found\n');
  fc.update(
    (s) => (s.simulations.helmFailures = { jupyterhub: 'timed out waiting for the condition' }),
  );
  const failed = await install(fc);
  assert.is(failed.code, 1);
  assert.is(failed.stderr, 'Error: timed out waiting for the condition\n');
  assert.is(fc.release('jupyterhub', 'jupyter')?.status, 'failed');
  const again = await install(fc);
  assert.is(again.stderr, 'Error: UPGRADE FAILED: timed out waiting for the condition\n');
  fc.update((s) => {
    delete s.simulations.helmFailures;
    s.simulations.deploymentsReadyAfterPolls = 'never';
  });
  assert.is(
    (await install(fc, '--wait')).stderr,
    'Error: UPGRADE FAILED: context deadline exceeded\n',
  );
  fc.update((s) => (s.simulations.deploymentsReadyAfterPolls = 5));
  assert.is((await install(fc, '--wait')).code, 0);
  assert.is(fc.object('Deployment', 'hub', 'jupyter')?.status.readyReplicas, 1);
  const un = await run(fc, [
    'helm',
    'uninstall',
    'jupyterhub',
    '-n',
    'jupyter',
    '--wait',
    '--ignore-not-found',
  ]);
  assert.is(un.stdout, 'release "jupyterhub" uninstalled\n');
  assert.not.ok(fc.object('Deployment', 'hub', 'jupyter'));
  assert.not.ok(fc.object('Service', 'hub', 'jupyter'));
  assert.is(
    (await run(fc, ['helm', 'uninstall', 'jupyterhub', '-n', 'jupyter', '--ignore-not-found']))
      .code,
    0,
  );
  const missing = await run(fc, ['helm', 'uninstall', 'jupyterhub', '-n', 'jupyter']);
  assert.is(
    missing.stderr,
    'Error: uninstall: Release not loaded: jupyterhub: release: not found\n',
  );
  assert.is(
    (await run(fc, ['helm', 'get', 'values', 'jupyterhub', '-n', 'jupyter', '-o', 'json'])).stderr,
    'Error: release: not found\n',
  );
});

test.run();
