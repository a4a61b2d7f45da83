// helm 3 for the stack, the Zero to JupyterHub charts served as a local Helm repository,
// and the CRDs the install relies on (External Secrets, ServiceMonitor) applied to the
// stack's API server. The tasks then run their real `helm repo add` / `helm upgrade
// --install` against JUPYTERHUB_CHART_REPO_URL, with the kubectl and helm put first on PATH.
import { copyFileSync, existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectlDir } from './kubernetes.js';
import { assertPortFree, daemon, ensureDir, goEnv, httpGet, run, waitUntil } from './lib.js';

export const versions = {
  helm: 'v3.21.4',
  /** The chart versions the tasks support (JUPYTERHUB_CHART_VERSION). */
  charts: ['4.2.0', '4.3.2'],
};

/** Where charts and CRDs come from on a machine without ../shared. */
const publicSources = {
  chartRepo: 'https://jupyterhub.github.io/helm-chart',
  crds: [
    'https://raw.githubusercontent.com/external-secrets/external-secrets/v2.6.0/deploy/crds/bundle.yaml',
    'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/v0.93.0/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
  ],
};

const here = fileURLToPath(new URL('.', import.meta.url));
const helmDir = (cache) => join(cache, `helm-${versions.helm}`);
export const helmBinDir = (cache) => join(helmDir(cache), 'bin');

/**
 * helm's release build stamps its own version and the Kubernetes version `helm template`
 * assumes without a cluster (the Makefile derives it from its client-go: v0.36 -> 1.36);
 * without them helm says v3.x+unreleased and assumes Kubernetes 1.20, below the Z2JH
 * charts' kubeVersion. Read from the release's go.mod so a version bump follows.
 */
function helmLdflags(moduleDir) {
  const clientGo = readFileSync(join(moduleDir, 'go.mod'), 'utf8').match(
    /^\s*k8s\.io\/client-go v0\.(\d+)\./m,
  );
  if (!clientGo) throw new Error(`helm ${versions.helm}: no k8s.io/client-go in its go.mod`);
  const v = 'helm.sh/helm/v3';
  return [
    '-s',
    '-w',
    `-X ${v}/internal/version.version=${versions.helm}`,
    `-X ${v}/internal/version.metadata=`,
    `-X ${v}/internal/version.gitTreeState=clean`,
    ...['pkg/lint/rules', 'pkg/chartutil'].flatMap((p) => [
      `-X ${v}/${p}.k8sVersionMajor=1`,
      `-X ${v}/${p}.k8sVersionMinor=${clientGo[1]}`,
    ]),
  ].join(' ');
}

/** The Helm environment of the stack: its own cache/config/data, never the operator's. */
function helmEnv(state) {
  const root = join(state, 'helm');
  return {
    HELM_CACHE_HOME: join(root, 'cache'),
    HELM_CONFIG_HOME: join(root, 'config'),
    HELM_DATA_HOME: join(root, 'data'),
  };
}

/** The chart .tgz files: ../shared's copies, else pulled once from the public repository. */
function chartFiles({ cache, shared, log }) {
  const name = (v) => `jupyterhub-${v}.tgz`;
  if (shared) return versions.charts.map((v) => join(shared, 'reference', 'charts', name(v)));
  const dir = ensureDir(join(cache, 'charts'));
  for (const v of versions.charts.filter((v) => !existsSync(join(dir, name(v))))) {
    log(`downloading chart jupyterhub ${v} from ${publicSources.chartRepo}`);
    const tmp = ensureDir(join(dir, 'partial'));
    run(
      join(helmBinDir(cache), 'helm'),
      [
        'pull',
        'jupyterhub',
        '--repo',
        publicSources.chartRepo,
        '--version',
        v,
        '--destination',
        tmp,
      ],
      {
        env: { ...process.env, ...helmEnv(join(cache, 'charts')) },
        timeoutMs: 120_000,
      },
    );
    renameSync(join(tmp, name(v)), join(dir, name(v)));
  }
  return versions.charts.map((v) => join(dir, name(v)));
}

export function build({ cache, shared, log }) {
  const dir = helmDir(cache);
  const bin = helmBinDir(cache);
  if (!existsSync(join(bin, 'helm'))) {
    const logFile = join(dir, 'build.log');
    log(`building helm ${versions.helm} (log: ${logFile})`);
    const env = goEnv({ GOFLAGS: '' });
    const info = JSON.parse(
      run('go', ['mod', 'download', '-json', `helm.sh/helm/v3@${versions.helm}`], {
        env,
        timeoutMs: 20 * 60_000,
      }),
    );
    const partial = join(dir, 'bin.partial');
    rmSync(partial, { recursive: true, force: true });
    ensureDir(partial);
    run(
      'go',
      [
        'install',
        '-trimpath',
        `-ldflags=${helmLdflags(info.Dir)}`,
        `helm.sh/helm/v3/cmd/helm@${versions.helm}`,
      ],
      {
        env: { ...env, GOBIN: partial },
        logFile,
      },
    );
    rmSync(bin, { recursive: true, force: true });
    renameSync(partial, bin);
  }
  chartFiles({ cache, shared, log });
}

const crdFiles = (shared) =>
  shared
    ? readdirSync(join(shared, 'reference', 'crds'))
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(shared, 'reference', 'crds', f))
    : publicSources.crds;

/** PATH with the stack's helm and kubectl first (once, whatever PATH already holds). */
function stackPath(cache) {
  const ours = [helmBinDir(cache), kubectlDir(cache)];
  const rest = (process.env.PATH ?? '').split(delimiter).filter((p) => p && !ours.includes(p));
  return [...ours, ...rest].join(delimiter);
}

export async function start({ cache, state, shared, ports, log, env }) {
  if (!env.KUBECONFIG)
    throw new Error('helm: start the kubernetes component first (no KUBECONFIG)');
  await assertPortFree('chart repository', ports.chartRepo);
  const helm = join(helmBinDir(cache), 'helm');
  const kubectl = join(kubectlDir(cache), 'kubectl');
  const hEnv = helmEnv(state);
  for (const d of Object.values(hEnv)) ensureDir(d);
  const childEnv = { ...process.env, ...hEnv, KUBECONFIG: env.KUBECONFIG };

  // The repository: the chart files and an index.yaml whose URLs point at our server.
  const repoDir = join(state, 'chart-repo');
  rmSync(repoDir, { recursive: true, force: true });
  ensureDir(repoDir);
  for (const f of chartFiles({ cache, shared, log }))
    copyFileSync(f, join(repoDir, f.split('/').pop()));
  const url = `http://127.0.0.1:${ports.chartRepo}`;
  run(helm, ['repo', 'index', repoDir, '--url', url], { env: childEnv });
  const server = daemon('chart-repo', process.execPath, [
    join(here, 'chart-repo-server.js'),
    repoDir,
    String(ports.chartRepo),
  ]);
  await waitUntil(
    `chart repository ${url}`,
    async () => (await httpGet(`${url}/index.yaml`)).status === 200,
    {
      timeoutMs: 30_000,
      logFile: server.logFile,
      pid: server.pid,
    },
  );

  // CRDs: server-side apply (the External Secrets ones exceed the client-side annotation
  // limit), then wait until the API server serves each of them.
  const crds = [];
  for (const f of crdFiles(shared)) {
    const out = run(
      kubectl,
      ['apply', '--server-side', '--force-conflicts', '-o', 'name', '-f', f],
      { env: childEnv, timeoutMs: 120_000 },
    );
    crds.push(...out.split('\n').filter((l) => l.startsWith('customresourcedefinition')));
  }
  if (crds.length) {
    run(kubectl, ['wait', '--for=condition=Established', '--timeout=60s', ...crds], {
      env: childEnv,
      timeoutMs: 90_000,
    });
  }
  log(
    `helm ${versions.helm}; charts ${versions.charts.join(', ')} at ${url}; ${crds.length} CRDs established`,
  );
  return {
    PATH: stackPath(cache),
    JUPYTERHUB_CHART_REPO_URL: url,
    ...hEnv,
  };
}

export default { name: 'helm', build, start };
