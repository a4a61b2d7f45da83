import { readFileSync } from 'node:fs';
import { render } from '../../tasks/gomplate/index.js';
import { templateEnv, templateFile } from '../../tasks/jupyterhub/render.js';
import { hubTls } from '../../tasks/jupyterhub/hub-tls.js';
import { loadSettings, type Decided } from '../../tasks/jupyterhub/settings.js';
import { testContext } from '../support/context.js';

/**
 * The Z2JH values template rendered in-process through the production env
 * (every feature on: the longest output), parse cached after the first call; the
 * average is taken after 200 renders have warmed up the JIT.
 */
export async function measureRender(
  times = 1000,
): Promise<{ lines: number; firstMs: number; eachMs: number }> {
  const { ctx } = testContext({
    env: {
      JUPYTERHUB_HOST: 'jupyter.example.com',
      KEYCLOAK_HOST: 'auth.example.com',
      VAULT_HOST: 'vault.example.com',
    },
  });
  const s = await loadSettings(ctx);
  const decided: Decided = {
    ...s,
    JUPYTERHUB_NFS_PV_ENABLED: true,
    JUPYTER_NFS_IP: '10.0.0.5',
    JUPYTER_NFS_PATH: '/export',
    MONITORING_ENABLED: true,
    JUPYTERHUB_GPU_ENABLED: true,
    JUPYTERHUB_GPU_LIMIT: 2,
    JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: true,
    JUPYTER_MCP_SERVER_ENABLED: true,
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: true,
  };
  const env = templateEnv(decided, hubTls(ctx, decided));
  const hook = render(readFileSync(templateFile('pre_spawn_hook.gomplate.py'), 'utf8'), {
    name: 'pre_spawn_hook.gomplate.py',
    env,
  });
  const text = readFileSync(templateFile('jupyterhub-values.gomplate.yaml'), 'utf8');
  const opts = {
    name: 'jupyterhub-values.gomplate.yaml',
    env,
    readFile: () => hook,
    fileExists: () => true,
  };
  let t0 = process.hrtime.bigint();
  const out = render(text, opts);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  for (let i = 0; i < 200; i++) render(text, opts); // warm up the JIT
  t0 = process.hrtime.bigint();
  for (let i = 0; i < times; i++) render(text, opts);
  const eachMs = Number(process.hrtime.bigint() - t0) / 1e6 / times;
  return { lines: out.split('\n').length, firstMs, eachMs };
}
