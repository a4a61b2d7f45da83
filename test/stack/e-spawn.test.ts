// A user server spawned by the real hub: KubeSpawner creates the pod through the real
// API server, which admits it under the namespace's restricted pod-security level; the
// pre-spawn hook mints the user's Vault token in OpenBao. KWOK pods run nothing, so the
// pod spec, its admission and the hook's effects in OpenBao are what is asserted.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bao, eventually, getObject, hubApi, loginAs, secretData } from '../support/stack.js';
import { NS } from './fixture.js';

const test = suite('stack: spawn');

test('alice logs in and starts a server: admitted pod, hook-made Vault token limited to her secrets', async () => {
  await loginAs('alice');
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  const started = (await hubApi('users/alice/server', admin, 'POST', {})).status;
  assert.ok([201, 202].includes(started), `spawn answered ${started}`);
  try {
    const pod = await eventually(
      'pod jupyter-alice',
      () => getObject('pod', 'jupyter-alice', NS),
      30_000,
    );
    const main =
      pod.spec.containers.find((c: any) => c.name === 'notebook') ?? pod.spec.containers[0];
    // Admitted under enforce=restricted: the fields that level requires are in the spec.
    assert.is(
      getObject('namespace', NS).metadata.labels['pod-security.kubernetes.io/enforce'],
      'restricted',
    );
    assert.is(main.securityContext?.allowPrivilegeEscalation, false);
    assert.equal(main.securityContext?.capabilities?.drop, ['ALL']);
    assert.is(pod.spec.securityContext?.runAsNonRoot ?? main.securityContext?.runAsNonRoot, true);
    const envOf = (name: string) => main.env?.find((e: any) => e.name === name)?.value;
    assert.is(envOf('JUPYTERHUB_API_URL'), 'http://hub:8081/hub/api');

    // The pre-spawn hook: policy written, token minted with it, usable only on alice's paths.
    const policy = await bao('GET', 'sys/policies/acl/jupyter-user-alice');
    assert.is(policy.status, 200);
    const token = envOf('NOTEBOOK_VAULT_TOKEN');
    assert.ok(token, 'NOTEBOOK_VAULT_TOKEN in the pod');
    const self = await bao('GET', 'auth/token/lookup-self', undefined, token);
    assert.is(self.status, 200);
    assert.ok(
      self.json.data.policies.includes('jupyter-user-alice'),
      self.json.data.policies.join(','),
    );
    assert.is(self.json.data.renewable, true);
    assert.is(
      (await bao('POST', 'secret/data/jupyter/users/alice/api', { data: { key: 'a' } }, token))
        .status,
      200,
      'alice writes her own secret',
    );
    assert.is(
      (await bao('GET', 'secret/data/jupyter/users/bob/api', undefined, token)).status,
      403,
      "alice cannot read bob's",
    );
    assert.is((await bao('GET', 'secret/data/jupyterhub/config', undefined, token)).status, 403);
  } finally {
    await hubApi('users/alice/server', admin, 'DELETE');
  }
});

test.run();
