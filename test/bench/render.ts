import { readFileSync } from 'node:fs';
import { render } from '../../tasks/gomplate/index.js';
import { hubTls, hubTlsEnv } from '../../tasks/jupyterhub/hub-tls.js';
import { templateEnv, templateFile } from '../../tasks/jupyterhub/render.js';
import { loadSettings, type Features } from '../../tasks/jupyterhub/settings.js';
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
  const f: Features = {
    host: 'jupyter.example.com',
    nfs: true,
    nfsIp: '10.0.0.5',
    nfsPath: '/export',
    storageClass: '',
    monitoring: true,
    gpu: true,
    gpuLimit: 2,
    airflow: true,
    mcp: true,
    vault: true,
  };
  // as renderValues builds it (the CA variables come from hub-tls)
  const env = { ...templateEnv(s, f), ...hubTlsEnv(hubTls(ctx, s)) };
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
