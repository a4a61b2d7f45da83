// Issue 13 point 5: one settings object. What install decides keeps the variables' own
// names (no `host`, `nfs`, … in between), the configuration is not written back, and the
// template environment is that object as text, value for value.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideSettings } from '../../../tasks/jupyterhub/decide.js';
import { hubTls } from '../../../tasks/jupyterhub/hub-tls.js';
import { templateEnv } from '../../../tasks/jupyterhub/render.js';
import { loadSettings } from '../../../tasks/jupyterhub/settings.js';
import { jupyterhubVars } from '../../../tasks/jupyterhub/vars.js';
import { testContext } from '../../support/context.js';

const test = suite('jupyterhub: the decided settings');

const detected = { externalSecrets: false, vault: false, prometheus: false, nvidia: true };

test('decided under the variables’ names; templateEnv is that object as text', async () => {
  const { ctx } = testContext({
    env: {
      JUPYTERHUB_HOST: 'hub.example.org',
      JUPYTERHUB_NFS_PV_ENABLED: 'false',
      JUPYTERHUB_STORAGE_CLASS: 'fast',
      JUPYTERHUB_GPU_ENABLED: 'true',
      JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'false',
      JUPYTER_MCP_SERVER_ENABLED: 'true',
      JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'false',
      MONITORING_ENABLED: 'true',
      VAULT_HOST: 'vault.example.org',
    },
  });
  const vars = await loadSettings(ctx);
  const s = await decideSettings(ctx, vars, detected);
  assert.equal(Object.keys(s).sort(), Object.keys(jupyterhubVars).sort());
  assert.is(s.JUPYTERHUB_HOST, 'hub.example.org');
  assert.is(s.JUPYTERHUB_NFS_PV_ENABLED, false);
  assert.is(s.JUPYTERHUB_STORAGE_CLASS, 'fast');
  assert.is(s.JUPYTERHUB_GPU_ENABLED, true);
  // Monitoring was asked for, but kube-prometheus-stack is not there: decided off.
  assert.is(s.MONITORING_ENABLED, false);
  assert.is(s.JUPYTER_MCP_SERVER_ENABLED, true);

  const env = templateEnv(s, hubTls(ctx, s));
  for (const name of Object.keys(jupyterhubVars))
    assert.is(env[name], String(s[name as keyof typeof s] ?? false), name);
  assert.is(env.MONITORING_ENABLED, 'false');
  assert.is(env.PVC_NAME, '');
  assert.is(env.VAULT_ADDR, 'https://vault.example.org');
  assert.is(env.USER_POLICY_HCL, '');
});

test('the configuration is read, never written back', async () => {
  const { ctx } = testContext({
    env: {
      JUPYTERHUB_HOST: 'hub.example.org',
      JUPYTERHUB_NFS_PV_ENABLED: 'false',
      JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'false',
      JUPYTER_MCP_SERVER_ENABLED: 'false',
      JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'false',
    },
  });
  const s = await decideSettings(ctx, await loadSettings(ctx), detected);
  // GPU is detectable but undecided: non-interactive means "no", in the object only.
  assert.is(s.JUPYTERHUB_GPU_ENABLED, false);
  assert.is(ctx.config.source('JUPYTERHUB_GPU_ENABLED'), 'unset');
  // The host is not set back into the configuration for a later step to find there.
  assert.is(ctx.config.source('JUPYTERHUB_HOST'), 'environment');
});

test.run();
