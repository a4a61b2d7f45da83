// Issue 11 point 13 on the real hub and OpenBao: the pre-spawn hook verifies Vault
// against JUPYTERHUB_VAULT_CA_BUNDLE when it is set — a bundle of another CA makes the
// real TLS handshake fail (the notebook starts without a Vault token, the hub logs the
// verification error); the stack's own CA as the bundle gives the user a working token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bao, env, stateRoot, tasks } from '../support/stack.js';
import { fullInstall, otherCa } from './fixture.js';
import { installAndWaitForHub, withAliceServer } from './hub-restart.js';

const test = suite('stack: Vault CA bundle');
const hubLog = join(stateRoot, 'logs', 'hub.log');

/** Installs with that bundle, spawns alice, returns her pod's NOTEBOOK_VAULT_TOKEN (or undefined). */
async function spawnWithBundle(bundle: string): Promise<string | undefined> {
  // The new values restart the hub (as the pod is replaced): wait for that hub to be ready.
  await installAndWaitForHub(fullInstall({ JUPYTERHUB_VAULT_CA_BUNDLE: bundle }));
  return withAliceServer(
    {},
    (pod) => pod.spec.containers[0].env?.find((e: any) => e.name === 'NOTEBOOK_VAULT_TOKEN')?.value,
  );
}

test('a bundle of another CA: the hook refuses OpenBao’s certificate, no token', async () => {
  const before = readFileSync(hubLog, 'utf8').length;
  const token = await spawnWithBundle(otherCa());
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
