// install refuses before changing anything: invalid variables stop it before any cluster
// call at all; a missing answer without a terminal (host, NFS server) or no profile stops it
// after the read-only detections, with the variable named and nothing changed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, keycloakWrites, line, mark, stateBytes } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: install validation and missing answers');

let sc: Scenario;
let leaks: LeakWatch;

test.before(async () => {
  sc = await startScenario({ prometheus: true, nvidia: true });
  leaks = watchLeaks(sc);
});
test.after(() => sc.close());

const INVALID: Array<[string, Record<string, string>]> = [
  ['JUPYTERHUB_HOST', { JUPYTERHUB_HOST: 'not_a_host' }],
  ['JUPYTERHUB_HOST', { JUPYTERHUB_HOST: 'https://jupyter.example.com/' }],
  ['JUPYTERHUB_VAULT_TOKEN_TTL', { JUPYTERHUB_VAULT_TOKEN_TTL: '5x' }],
  ['NOTEBOOK_VAULT_TOKEN_MAX_TTL', { NOTEBOOK_VAULT_TOKEN_MAX_TTL: '1 week' }],
  ['JUPYTERHUB_GPU_LIMIT', { JUPYTERHUB_GPU_LIMIT: '0' }],
  ['DOCKER_CMD', { DOCKER_CMD: 'nerdctl' }],
];

for (const [variable, bad] of INVALID) {
  test(`${variable}=${Object.values(bad)[0]} → exit 1 naming it, no cluster/Vault/Keycloak call at all`, async () => {
    const m = mark(sc);
    const kc = sc.keycloak.requests().length;
    const r = await sc.run(['jupyterhub:install'], { ...ALL_OFF, ...bad });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, variable);
    assert.equal(m.since().map(line), []);
    assert.is(sc.keycloak.requests().length, kc);
    assert.equal(sc.vault.requests(), []);
  });
}

/** Runs install expecting a refusal after read-only calls only: state, Vault, Keycloak unchanged. */
async function refusedBeforeChanges(env: Record<string, string | undefined>, message: string) {
  const state = stateBytes(sc);
  const kcWrites = keycloakWrites(sc).length;
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:install'], env);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
  assert.is(stateBytes(sc), state);
  assert.is(keycloakWrites(sc).length, kcWrites);
  assert.equal(sc.vault.requests(), []);
  assert.not.match(r.stderr, /Installing JupyterHub/);
  return r;
}

test('JUPYTERHUB_HOST missing, no terminal → exit 1 naming JUPYTERHUB_HOST, nothing changed', async () => {
  await refusedBeforeChanges(
    { ...ALL_OFF, JUPYTERHUB_HOST: undefined },
    'JUPYTERHUB_HOST is required',
  );
});

test('NFS on without JUPYTER_NFS_IP → exit 1 naming it, nothing changed', async () => {
  await refusedBeforeChanges(
    { ...ALL_OFF, JUPYTERHUB_NFS_PV_ENABLED: 'true', JUPYTER_NFS_PATH: '/export' },
    'JUPYTER_NFS_IP is required',
  );
});

test('NFS on with the IP but no JUPYTER_NFS_PATH → exit 1 naming it, nothing changed', async () => {
  await refusedBeforeChanges(
    { ...ALL_OFF, JUPYTERHUB_NFS_PV_ENABLED: 'true', JUPYTER_NFS_IP: '10.0.0.5' },
    'JUPYTER_NFS_PATH is required',
  );
});

test('no profile enabled → refused with the message before any cluster call', async () => {
  const m = mark(sc);
  const r = await refusedBeforeChanges(
    { ...ALL_OFF, JUPYTER_PROFILE_DATASCIENCE_ENABLED: 'false' },
    'no notebook profile is enabled',
  );
  assert.match(r.stderr, 'JUPYTER_PROFILE_');
  assert.equal(m.since(), []);
});

test('undecided monitoring/GPU switches without a terminal: "no", said with the variable to set', async () => {
  const r = await sc.run(['jupyterhub:install', '--dry-run'], {
    ...ALL_OFF,
    MONITORING_ENABLED: undefined,
    JUPYTERHUB_GPU_ENABLED: undefined,
  });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /→ no \(non-interactive default\) \(set MONITORING_ENABLED to decide\)/);
  assert.match(
    r.stderr,
    /→ no \(non-interactive default\) \(set JUPYTERHUB_GPU_ENABLED to decide\)/,
  );
  assert.match(r.stderr, /gpu: +off/);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
