// Issue 11, points 5, 6 and 12: NFS server and path are validated and an existing PV with
// other values stops install (PVs are immutable); durations that cannot work are refused,
// odd ones warned about; an ExternalSecret that never becomes Ready is named with its
// store, its condition and the command to look further.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitExternalSecretReady } from '../../../tasks/k8s/kubectl-changes.js';
import { withObject } from '../../fakes/index.js';
import { testContext } from '../../support/context.js';
import { runCli } from '../../support/cli.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import {
  isQuery,
  keycloakWrites,
  line,
  mark,
  readyCondition,
  stateBytes,
  vaultWrites,
} from './helpers.js';

const test = suite('jupyterhub scenario: NFS values, durations, ExternalSecret readiness');

let sc: Scenario;
let eso: Scenario;
const ENV = { ...ALL_OFF, JUPYTERHUB_NAMESPACE: 'datastack' };
const NFS = {
  ...ENV,
  JUPYTERHUB_NFS_PV_ENABLED: 'true',
  JUPYTER_NFS_IP: '10.0.0.5',
  JUPYTER_NFS_PATH: '/export/jupyter',
};

test.before(async () => {
  [sc, eso] = await Promise.all([startScenario(), startScenario({ eso: true })]);
});
test.after(async () => void (await Promise.all([sc.close(), eso.close()])));

async function refused(
  env: Record<string, string>,
  message: RegExp,
  args = ['jupyterhub:install'],
) {
  const state = stateBytes(sc);
  const m = mark(sc);
  const kc = keycloakWrites(sc).length;
  const r = await sc.run(args, env);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state);
  assert.is(keycloakWrites(sc).length, kc);
  assert.equal(vaultWrites(sc), []);
  return r;
}

test('JUPYTER_NFS_IP garbage → refused naming it, no PV', async () => {
  for (const bad of ['not a host!', '10.0.0.5:/x', 'http://nfs.example.com'])
    await refused(
      { ...NFS, JUPYTER_NFS_IP: bad },
      /JUPYTER_NFS_IP must be an IPv4 or IPv6 address or a host name/,
    );
});

test('JUPYTER_NFS_PATH relative or with a control character → refused naming it', async () => {
  for (const bad of ['export/jupyter', '/export/a\tb'])
    await refused({ ...NFS, JUPYTER_NFS_PATH: bad }, /JUPYTER_NFS_PATH must be an absolute path/);
});

test('IPv6 and host names are accepted', async () => {
  for (const ip of ['fd00::5', 'nfs.example.com']) {
    const r = await sc.run(['jupyterhub:install', '--dry-run'], { ...NFS, JUPYTER_NFS_IP: ip });
    assert.is(r.code, 0, r.stderr);
  }
});

test('the PV exists with another server: stop before any change, with the fixing command', async () => {
  sc.fc.update((s) =>
    withObject(s, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'jupyter-nfs-pv' },
      spec: { nfs: { server: '10.0.0.5', path: '/export/jupyter' }, capacity: { storage: '10Gi' } },
    }),
  );
  const r = await refused(
    { ...NFS, JUPYTER_NFS_IP: '10.0.0.6' },
    /PV jupyter-nfs-pv exists with NFS 10\.0\.0\.5:\/export\/jupyter, not 10\.0\.0\.6:\/export\/jupyter, and a PV cannot be changed/,
  );
  assert.match(r.stderr, 'npx tasks jupyterhub:delete-pv');
  assert.is(sc.fc.object('PersistentVolume', 'jupyter-nfs-pv')!.spec.nfs.server, '10.0.0.5');
});

test('NOTEBOOK_VAULT_TOKEN_TTL=0 and K8S_WAIT_TIMEOUT=0 are refused, before any call', async () => {
  for (const [name, bad] of [
    ['NOTEBOOK_VAULT_TOKEN_TTL', { NOTEBOOK_VAULT_TOKEN_TTL: '0' }],
    ['K8S_WAIT_TIMEOUT', { K8S_WAIT_TIMEOUT: '0' }],
  ] as const) {
    const m = mark(sc);
    const r = await sc.run(['jupyterhub:install'], { ...ENV, ...bad });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, `${name} must be`);
    assert.equal(m.since().map(line), []);
  }
  const wait = await runCli(['k8s:wait-deployments-ready', 'jupyter', 'hub'], {
    cwd: sc.dir,
    env: { ...sc.env, K8S_WAIT_TIMEOUT: '0' },
  });
  assert.is(wait.code, 1, wait.stderr);
  assert.match(wait.stderr, 'K8S_WAIT_TIMEOUT must be a positive number of seconds');
});

test('a user token TTL above its max TTL: a warning, the run goes on', async () => {
  const r = await sc.run(['jupyterhub:install', '--dry-run'], {
    ...ENV,
    NOTEBOOK_VAULT_TOKEN_TTL: '200h',
    NOTEBOOK_VAULT_TOKEN_MAX_TTL: '168h',
  });
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    '! NOTEBOOK_VAULT_TOKEN_TTL (200h) is longer than NOTEBOOK_VAULT_TOKEN_MAX_TTL (168h)',
  );
});

test('an ExternalSecret that never becomes Ready: named with its store, condition and next command', async () => {
  // External Secrets reads Vault with a token Vault does not know: the sync fails.
  eso.fc.update((s) => (s.simulations.externalSecrets!.vaultToken = 'hvs.unknown-token-0000'));
  const r = await eso.run(['jupyterhub:install'], { ...ENV, VAULT_TOKEN: eso.vault.rootToken });
  assert.is(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /✗ ExternalSecret jupyterhub-crypt-key in datastack \(store: ClusterSecretStore vault-secret-store\) is not Ready after 60s: Ready=False SecretSyncedError: \S/,
  );
  assert.match(r.stderr, 'kubectl describe externalsecret jupyterhub-crypt-key -n datastack');
  assert.not.match(r.stderr, 'timed out waiting for the condition');
});

test('a failed kubectl wait other than its timeout is retried until the deadline (point 11)', async () => {
  // External Secrets can read Vault again; the API server is away for a moment.
  eso.fc.update((s) => {
    s.simulations.externalSecrets!.vaultToken = eso.vault.rootToken;
    s.reachable = false;
  });
  const back = setTimeout(() => eso.fc.update((s) => (s.reachable = true)), 1500);
  const { ctx } = testContext({ env: eso.env });
  try {
    await waitExternalSecretReady(ctx, 'jupyterhub-crypt-key', 'datastack', 30);
  } finally {
    clearTimeout(back);
  }
  const waits = eso.fc.calls().filter((c) => c.tool === 'kubectl' && c.argv[0] === 'wait');
  assert.ok(waits.length >= 2, 'waited again after the failure');
  assert.ok(waits.at(-1)!.exit === 0 && waits.some((c) => c.exit !== 0));
  assert.is(
    readyCondition(eso.fc.object('ExternalSecret', 'jupyterhub-crypt-key', 'datastack'))?.status,
    'True',
  );
});

test.run();
