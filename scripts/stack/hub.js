// The real JupyterHub of the local stack. KWOK's nodes run nothing, so the hub pod the
// chart deploys would only be marked Running; this component runs that pod for real on
// 127.0.0.1, from exactly what the chart put in the cluster:
//   build(): a venv with the Python packages Z2JH 4.3.2's hub image ships (JupyterHub
//            5.4.3, KubeSpawner, OAuthenticator, NativeAuthenticator, the idle culler)
//            plus hvac 2.3.0, and the
//            configurable-http-proxy the chart deploys, from PyPI and npm;
//   start(): the hub runner (hub-runner.js), which watches the API server for the chart's
//            hub Deployment and (re)starts CHP, JupyterHub and, when the chart enables it,
//            the user-scheduler (a real kube-scheduler) as the deployment changes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binDirs } from './kubernetes.js';
import { baoPath } from './openbao.js';
import { daemon, ensureDir, logFileOf, run, stackCA, waitUntil } from './lib.js';

/**
 * Debian's interpreter: it has venv (python3-venv) and is the one the tests use; pyenv's
 * shim would pick whatever version the shell's pyenv settings name.
 */
const python = process.env.BUUN_STACK_PYTHON || '/usr/bin/python3';

/**
 * The versions of Z2JH 4.3.2's hub image (quay.io/jupyterhub/k8s-hub:4.3.2, released
 * 2025-12-12 to ship JupyterHub 5.4.3, which PyPI got that same day). The image's
 * requirements.txt is a pip-compile freeze made for the release; each pin below is the
 * newest release PyPI had by the end of that day, i.e. what the freeze picks, and the
 * transitive dependencies are resolved the same way (pip --uploaded-prior-to). hvac 2.3.0
 * is what the kernel images and the hub's startup.sh pin.
 */
const freezeDate = '2025-12-13T00:00:00Z';
const pins = [
  'jupyterhub==5.4.3',
  'jupyterhub-kubespawner==7.0.0',
  'oauthenticator==17.3.0',
  'jupyterhub-idle-culler==1.4.0',
  'kubernetes-asyncio==33.3.0',
  'pycurl==7.45.7', // the chart's config makes tornado use the curl client
  'hvac==2.3.0',
  // The hub image ships it too: JUPYTERHUB_AUTH=native selects it.
  'jupyterhub-nativeauthenticator==1.3.0',
];
/** pip that knows --uploaded-prior-to (pip ≥ 26). */
const pipPin = 'pip==26.3';
/** proxy.chp.image.tag of chart 4.3.2. */
const chpVersion = '5.1.0';

const version = `5.4.3-${createHash('sha256')
  .update([python, freezeDate, pipPin, ...pins, `chp@${chpVersion}`].join('\n'))
  .digest('hex')
  .slice(0, 10)}`;

export const hubDirs = (cache) => {
  const dir = join(cache, `hub-${version}`);
  return {
    dir,
    venv: join(dir, 'venv'),
    chp: join(
      dir,
      'chp',
      'node_modules',
      'configurable-http-proxy',
      'bin',
      'configurable-http-proxy',
    ),
    done: join(dir, '.built'),
  };
};

async function build(ctx) {
  const d = hubDirs(ctx.cache);
  if (existsSync(d.done)) return;
  rmSync(d.dir, { recursive: true, force: true });
  ensureDir(d.dir);
  const logFile = join(d.dir, 'build.log');
  ctx.log(`hub: venv with ${pins.join(' ')} (log: ${logFile})`);
  const pip = join(d.venv, 'bin', 'pip');
  const pipEnv = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  run(python, ['-m', 'venv', d.venv], { logFile, timeoutMs: 5 * 60_000 });
  run(pip, ['install', '--no-cache-dir', pipPin], { logFile, env: pipEnv, timeoutMs: 10 * 60_000 });
  run(
    pip,
    [
      'install',
      '--no-cache-dir',
      '--only-binary=pycurl',
      `--uploaded-prior-to=${freezeDate}`,
      ...pins,
    ],
    {
      logFile,
      env: pipEnv,
      timeoutMs: 20 * 60_000,
    },
  );
  // Every module the chart's config, the spawner, the culler and the hook import.
  run(join(d.venv, 'bin', 'python'), [
    '-c',
    'import jupyterhub, kubespawner, oauthenticator.generic, nativeauthenticator, jupyterhub_idle_culler, kubernetes_asyncio, pycurl, yaml, hvac, tornado.curl_httpclient',
  ]);
  writeFileSync(join(d.dir, 'freeze.txt'), run(pip, ['freeze'], { env: pipEnv }));

  ctx.log(`hub: configurable-http-proxy@${chpVersion}`);
  run(
    'npm',
    [
      'install',
      '--prefix',
      join(d.dir, 'chp'),
      '--no-audit',
      '--no-fund',
      '--no-save',
      `configurable-http-proxy@${chpVersion}`,
    ],
    {
      logFile,
      timeoutMs: 10 * 60_000,
    },
  );
  const chpSays = run(process.execPath, [d.chp, '--version']).trim();
  if (chpSays !== chpVersion)
    throw new Error(`configurable-http-proxy says version ${chpSays}, expected ${chpVersion}`);
  writeFileSync(d.done, `${version}\n`);
}

const runnerScript = fileURLToPath(new URL('./hub-runner.js', import.meta.url));

async function start(ctx) {
  const d = hubDirs(ctx.cache);
  if (!existsSync(d.done)) throw new Error(`the hub is not built (${d.dir}): run the build first`);
  if (!ctx.env?.KUBECONFIG)
    throw new Error('hub: KUBECONFIG is not in the stack env (start kubernetes first)');
  const hubState = ensureDir(join(ctx.state, 'hub'));
  const statusFile = join(hubState, 'runner-status.json');
  rmSync(statusFile, { force: true });
  const config = {
    venv: d.venv,
    chp: d.chp,
    state: hubState,
    ports: ctx.ports,
    kubeconfig: ctx.env.KUBECONFIG,
    caFile: stackCA().crt,
    statusFile,
    nodeBin: process.execPath,
    // the binary the kubernetes component built, for the chart's user-scheduler
    kubeScheduler: join(binDirs(ctx.cache).kubernetes, 'kube-scheduler'),
    // OpenBao's CLI (Vault-compatible), for sidecars of a Vault image (the token renewer)
    bao: baoPath(ctx.cache),
  };
  const configFile = join(hubState, 'runner-config.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // The runner gets our environment (BUUN_STACK_* place its logs and pid files) but none of
  // ctx.env (Vault token, Keycloak admin): it reaches the API server with the kubeconfig
  // and builds the hub's environment from the pod's, as a kubelet does.
  const { pid, logFile } = daemon('hub-runner', process.execPath, [runnerScript, configFile]);
  // Up = it has listed the cluster once (so the kubeconfig works); the hub itself only
  // exists once a release is installed.
  await waitUntil(
    'hub runner',
    () => {
      if (!existsSync(statusFile)) return false;
      const s = JSON.parse(readFileSync(statusFile, 'utf8'));
      return s.pid === pid && s.polled;
    },
    { timeoutMs: 60_000, logFile, pid },
  );
  ctx.log(`hub: runner up (pid ${pid}, log ${logFileOf('hub-runner')})`);
  // Not JUPYTERHUB_API_URL: the tasks reach the hub as on a real cluster, through
  // `kubectl port-forward svc/hub` (KWOK forwards the pod's port 8081 to this process).
  return { BUUN_STACK_HUB_API_URL: `http://127.0.0.1:${ctx.ports.hub}/hub/api` };
}

export default { name: 'hub', build, start };
