// Issue 11 point 13 on the real hub and OpenBao: the pre-spawn hook verifies Vault
// against JUPYTERHUB_VAULT_CA_BUNDLE when it is set — a bundle of another CA makes the
// real TLS handshake fail (the notebook starts without a Vault token, the hub logs the
// verification error); the stack's own CA as the bundle gives the user a working token.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bao,
  env,
  eventually,
  getObject,
  hubApi,
  loginAs,
  secretData,
  stateRoot,
  tasks,
} from '../support/stack.js';
import { fullInstall, NS } from './fixture.js';

const test = suite('stack: Vault CA bundle');
const dir = mkdtempSync(join(tmpdir(), 'stack-ca-'));
const otherCa = join(dir, 'other-ca.pem');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=not the stack CA',
    '-keyout',
    join(dir, 'k.pem'),
    '-out',
    otherCa,
  ],
  { stdio: 'ignore' },
);
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const hubLog = join(stateRoot, 'logs', 'hub.log');
/** The stack's hub runner: which hub process runs, since when, and whether it is ready. */
const runnerHub = () =>
  JSON.parse(readFileSync(join(stateRoot, 'hub', 'runner-status.json'), 'utf8')).hub ?? {};

/** The hub API with the admin-service token from the cluster. */
async function hub(method: string, path: string, body?: unknown): Promise<number> {
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  return (await hubApi(path, admin, method, body)).status;
}

/** Installs with that bundle, spawns alice, returns her pod's NOTEBOOK_VAULT_TOKEN (or undefined). */
async function spawnWithBundle(bundle: string): Promise<string | undefined> {
  const before = runnerHub().since;
  const r = await tasks(
    ['jupyterhub:install', '--yes'],
    fullInstall({ JUPYTERHUB_VAULT_CA_BUNDLE: bundle }),
  );
  assert.is(r.code, 0, r.stderr);
  // The new values restart the hub (as the pod is replaced): wait for that hub to be ready.
  await eventually(
    'the hub with the new values',
    () => {
      const h = runnerHub();
      return h.since !== before && h.phase === 'ready';
    },
    90_000,
  );
  await loginAs('alice');
  const started = await hub('POST', 'users/alice/server', {});
  assert.ok([201, 202].includes(started), `spawn answered ${started}`);
  try {
    const pod = await eventually(
      'pod jupyter-alice',
      () => getObject('pod', 'jupyter-alice', NS),
      30_000,
    );
    const main = pod.spec.containers[0];
    return main.env?.find((e: any) => e.name === 'NOTEBOOK_VAULT_TOKEN')?.value;
  } finally {
    await hub('DELETE', 'users/alice/server');
    await eventually(
      'pod jupyter-alice gone',
      () => !getObject('pod', 'jupyter-alice', NS),
      60_000,
    );
  }
}

test('a bundle of another CA: the hook refuses OpenBao’s certificate, no token', async () => {
  const before = readFileSync(hubLog, 'utf8').length;
  const token = await spawnWithBundle(otherCa);
  assert.is(token, undefined, 'no NOTEBOOK_VAULT_TOKEN');
  const log = readFileSync(hubLog, 'utf8').slice(before);
  assert.match(log, /CERTIFICATE_VERIFY_FAILED|certificate verify failed/);
  assert.match(log, 'No Vault token for alice');
});

test('the stack CA as the bundle: the hook verifies OpenBao and alice gets her token', async () => {
  const token = await spawnWithBundle(env.NODE_EXTRA_CA_CERTS);
  assert.ok(token, 'NOTEBOOK_VAULT_TOKEN in the pod');
  const self = await bao('GET', 'auth/token/lookup-self', undefined, token);
  assert.is(self.status, 200);
  assert.ok(self.json.data.policies.includes('jupyter-user-alice'));
  const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall());
  assert.is(u.code, 0, u.stderr);
});

test.run();
