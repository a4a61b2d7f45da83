// Issue 16.5 on the real hub and OpenBao: the general bundle JUPYTERHUB_CA_BUNDLE, taken
// from an existing ConfigMap, is mounted into the hub and is what the pre-spawn hook
// verifies OpenBao against when Vault has no bundle of its own — another CA there makes
// the TLS handshake fail; the stack's CA gives alice her token. With
// JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS her pod mounts it and points requests, ssl and curl at it.
// Changing only the CA in the ConfigMap is enough: install restarts the hub (its pod
// carries the bundle's digest), as an operator renewing a CA needs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bao, env, getObject, kubectl, releases, stateRoot, tasks } from '../support/stack.js';
import { fullInstall, NS, otherCa } from './fixture.js';
import { installAndWaitForHub, withAliceServer } from './hub-restart.js';

const test = suite('stack: the general CA bundle from a ConfigMap');
const CONFIGMAP = 'corp-ca';
const BUNDLE = '/etc/jupyterhub/ca/ca-bundle.pem';
const hubLog = join(stateRoot, 'logs', 'hub.log');
// Left as found: installed with the defaults (as l-day2 leaves it), or not at all.
const hadHub = releases().some((r) => r.name === 'jupyterhub' && r.namespace === NS);

/** The ConfigMap holding this PEM under ca.crt (the namespace made if need be). */
function caConfigMap(pem: string): void {
  if (!getObject('namespace', NS)) kubectl('create', 'namespace', NS);
  kubectl('delete', 'configmap', CONFIGMAP, '-n', NS, '--ignore-not-found');
  kubectl('create', 'configmap', CONFIGMAP, '-n', NS, `--from-file=ca.crt=${pem}`);
}

/**
 * Installs with the ConfigMap as the bundle, spawns alice, returns her pod (stopped
 * after). Install restarts the hub even when only the ConfigMap's content changed: the
 * hub pod carries the bundle's digest, so a new CA reaches the hub as a new pod.
 */
async function spawnWithBundle(pem: string): Promise<any> {
  caConfigMap(pem);
  await installAndWaitForHub(
    fullInstall({
      JUPYTERHUB_CA_BUNDLE: `configmap:${CONFIGMAP}`,
      JUPYTERHUB_CA_BUNDLE_IN_NOTEBOOKS: 'true',
    }),
  );
  const hub = getObject('deployment', 'hub', NS);
  assert.is(
    hub.spec.template.metadata.annotations['buun.channel/ca-bundle-sha256'],
    createHash('sha256').update(readFileSync(pem)).digest('hex'),
  );
  return withAliceServer({}, (pod) => pod);
}

const tokenOf = (pod: any) =>
  pod.spec.containers[0].env?.find((e: any) => e.name === 'NOTEBOOK_VAULT_TOKEN')?.value;

test('another CA in the ConfigMap: the hook refuses OpenBao’s certificate, no token', async () => {
  const before = readFileSync(hubLog, 'utf8').length;
  const pod = await spawnWithBundle(otherCa());
  assert.is(tokenOf(pod), undefined, 'no NOTEBOOK_VAULT_TOKEN');
  const log = readFileSync(hubLog, 'utf8').slice(before);
  assert.match(log, /CERTIFICATE_VERIFY_FAILED|certificate verify failed/);
  assert.match(log, 'No Vault token for alice');
});

test('the stack CA in the ConfigMap: token minted; the pod mounts the bundle, env points at it', async () => {
  const pod = await spawnWithBundle(env.NODE_EXTRA_CA_CERTS);
  const token = tokenOf(pod);
  assert.ok(token, 'NOTEBOOK_VAULT_TOKEN in the pod');
  assert.is((await bao('GET', 'auth/token/lookup-self', undefined, token)).status, 200);
  const volume = pod.spec.volumes.find((v: any) => v.name === 'ca-bundle');
  assert.equal(volume.configMap.name, CONFIGMAP);
  const main = pod.spec.containers[0];
  assert.equal(
    main.volumeMounts.find((m: any) => m.name === 'ca-bundle'),
    { name: 'ca-bundle', mountPath: BUNDLE, subPath: 'ca.crt', readOnly: true },
  );
  for (const name of ['REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'CURL_CA_BUNDLE'])
    assert.is(main.env.find((e: any) => e.name === name)?.value, BUNDLE, name);
});

test('the stack as it was: the hub without the bundle, or nothing; the ConfigMap removed', async () => {
  if (hadHub) {
    await installAndWaitForHub(fullInstall());
    const hub = getObject('deployment', 'hub', NS);
    assert.is(hub.spec.template.metadata.annotations?.['buun.channel/ca-bundle-sha256'], undefined);
  } else {
    const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall());
    assert.is(u.code, 0, u.stderr);
  }
  // Only now: a hub still mounting it would wait for it.
  kubectl('delete', 'configmap', CONFIGMAP, '-n', NS, '--ignore-not-found');
});

test.run();
