// The stack's Vault: a real OpenBao server built from the Go module proxy, HTTPS only on
// 127.0.0.1 with a certificate from the stack CA, in-memory storage. It is set up the way
// buun-stack's vault::install sets up its Vault (init with one key share, unseal, KV v2 at
// secret/, the kubernetes auth method against the stack's API server), so the root token
// is the server's own, written 0600 to the state dir, never on a command line.
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpsJson } from './https-json.js';
import {
  assertPortFree,
  daemon,
  ensureDir,
  goEnv,
  issueCert,
  logFileOf,
  run,
  stackCA,
  waitUntil,
} from './lib.js';

/**
 * OpenBao tags v2.x.y on a module path without /v2, so the Go module proxy lists no
 * version: the module is required at the pseudo-version of the v2.4.0 release commit.
 */
export const openbao = {
  release: '2.4.0',
  module: 'github.com/openbao/openbao',
  version: 'v0.0.0-20250828202315-f9407a27fbee',
  commit: 'f9407a27fbee45f62ba521bba2bf1e2360c61031',
};

/** Where the kubernetes auth method's token reviewer lives (upstream: K8S_VAULT_NAMESPACE). */
export const namespace = 'vault';
// Not vault-auth/vault-auth-token: those are what `vault:setup-kubernetes-auth` creates,
// and a test runs that recipe against this stack.
const reviewer = 'openbao-reviewer';
const reviewerSecret = 'openbao-reviewer-token';

const here = fileURLToPath(new URL('.', import.meta.url));
const buildDir = (cache) => join(cache, `openbao-${openbao.release}`);
export const baoPath = (cache) => join(buildDir(cache), 'bin', 'bao');
const stateDir = (state) => join(state, 'openbao');

async function build({ cache, log }) {
  const dir = buildDir(cache);
  if (existsSync(baoPath(cache))) return;
  const buildLog = join(dir, 'build.log');
  log(`building OpenBao ${openbao.release} (log: ${buildLog})`);
  const src = ensureDir(join(dir, 'src'));
  for (const f of ['go.mod', 'main.go']) copyFileSync(join(here, 'go', 'openbao', f), join(src, f));
  const partial = join(dir, 'bin.partial');
  rmSync(partial, { recursive: true, force: true });
  const ldflags = [
    '-s',
    '-w',
    `-X ${openbao.module}/version.fullVersion=${openbao.release}`,
    `-X ${openbao.module}/version.GitCommit=${openbao.commit}`,
  ].join(' ');
  run('go', ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', join(partial, 'bao'), '.'], {
    cwd: src,
    env: goEnv({ GOFLAGS: '-mod=mod' }),
    logFile: buildLog,
  });
  rmSync(join(dir, 'bin'), { recursive: true, force: true });
  renameSync(partial, join(dir, 'bin'));
}

/** A file only its owner reads. */
function writePrivate(file, text) {
  rmSync(file, { force: true });
  writeFileSync(file, text, { mode: 0o600 });
}

/** One call to the OpenBao API; throws with the server's errors unless the status is expected. */
async function bao(addr, ca, method, path, { token, body, ok = [200, 204] } = {}) {
  const r = await httpsJson(`${addr}/v1/${path}`, {
    method,
    body,
    ca,
    headers: token ? { 'X-Vault-Token': token } : {},
  });
  if (!ok.includes(r.status)) {
    const why = r.json?.errors?.join('; ') ?? JSON.stringify(r.json ?? '').slice(0, 300);
    throw new Error(`openbao: ${method} /v1/${path}: HTTP ${r.status} ${why}`);
  }
  return r.json;
}

/**
 * The API server side of the kubernetes auth method, as vault::setup-kubernetes-auth makes
 * it: ServiceAccount `vault` allowed to review tokens (system:auth-delegator), and its
 * long-lived token from a kubernetes.io/service-account-token Secret. → { server, ca, jwt }.
 */
async function tokenReviewer(kubeconfig) {
  const { kubeClient, loadKubeconfig } = await import('./kube-api.js');
  const kube = kubeClient(kubeconfig);
  const { server, ca } = loadKubeconfig(kubeconfig);
  const ensure = async (path, obj) => {
    try {
      await kube('POST', path, obj);
    } catch (err) {
      if (err.status !== 409) throw err;
    }
  };
  await ensure('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  await ensure(`/api/v1/namespaces/${namespace}/serviceaccounts`, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: reviewer, namespace },
  });
  await ensure('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'openbao-reviewer-auth-delegator' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'system:auth-delegator',
    },
    subjects: [{ kind: 'ServiceAccount', name: reviewer, namespace }],
  });
  await ensure(`/api/v1/namespaces/${namespace}/secrets`, {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    metadata: {
      name: reviewerSecret,
      namespace,
      annotations: { 'kubernetes.io/service-account.name': reviewer },
    },
  });
  // The controller-manager's token controller fills the Secret in.
  const jwt = await waitUntil(
    `token of Secret ${namespace}/${reviewerSecret}`,
    async () => {
      const s = await kube('GET', `/api/v1/namespaces/${namespace}/secrets/${reviewerSecret}`);
      return s.data?.token ? Buffer.from(s.data.token, 'base64').toString('utf8') : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500, logFile: logFileOf('kube-controller-manager') },
  );
  return { server, ca: ca?.toString('utf8'), jwt };
}

async function start({ cache, state, ports, log, env = {} }) {
  if (!existsSync(baoPath(cache))) throw new Error(`OpenBao ${openbao.release} is not built`);
  await assertPortFree('openbao', ports.openbao);
  await assertPortFree('openbao cluster listener', ports.openbaoCluster);
  const dir = ensureDir(stateDir(state));
  const ca = stackCA();
  const caPem = readFileSync(ca.crt);
  const cert = issueCert('openbao', { dns: ['localhost'], ips: ['127.0.0.1'] });
  const addr = `https://127.0.0.1:${ports.openbao}`;
  const config = join(dir, 'config.hcl');
  writeFileSync(
    config,
    `# Written by scripts/stack/openbao.js at each start.
ui = false
disable_mlock = true
api_addr = "${addr}"
cluster_addr = "https://127.0.0.1:${ports.openbaoCluster}"

storage "inmem" {}

listener "tcp" {
  address         = "127.0.0.1:${ports.openbao}"
  cluster_address = "127.0.0.1:${ports.openbaoCluster}"
  tls_cert_file   = "${cert.crt}"
  tls_key_file    = "${cert.key}"
}
`,
  );
  const tokenFile = join(dir, 'root-token');
  rmSync(tokenFile, { force: true });
  // OpenBao itself calls Keycloak (OIDC/JWT discovery): it trusts the stack's CA, as a
  // cluster's Vault trusts the cluster's.
  const { pid } = daemon('openbao', baoPath(cache), ['server', `-config=${config}`], {
    cwd: dir,
    env: { ...process.env, SSL_CERT_FILE: stackCA().crt },
  });
  // Any answer from sys/health means the listener is up (501: not initialised yet).
  await waitUntil(
    'openbao listener',
    async () => (await httpsJson(`${addr}/v1/sys/health`, { ca: caPem, timeoutMs: 2_000 })).status,
    { timeoutMs: 60_000, logFile: logFileOf('openbao'), pid },
  );
  const init = await bao(addr, caPem, 'PUT', 'sys/init', {
    body: { secret_shares: 1, secret_threshold: 1 },
  });
  const root = init.root_token;
  writePrivate(tokenFile, `${root}\n`);
  // The unseal key is used once and kept nowhere: the storage dies with the process.
  await bao(addr, caPem, 'PUT', 'sys/unseal', { body: { key: init.keys_base64[0] } });
  await waitUntil(
    'openbao unsealed and active',
    async () =>
      (await httpsJson(`${addr}/v1/sys/health`, { ca: caPem, timeoutMs: 2_000 })).status === 200,
    { timeoutMs: 60_000, logFile: logFileOf('openbao'), pid },
  );

  const as = (method, path, body, ok) => bao(addr, caPem, method, path, { token: root, body, ok });
  await as('POST', 'sys/mounts/secret', { type: 'kv', options: { version: '2' } });
  await as('POST', 'sys/auth/kubernetes', { type: 'kubernetes' });
  if (env.KUBECONFIG) {
    const r = await tokenReviewer(env.KUBECONFIG);
    await as('POST', 'auth/kubernetes/config', {
      kubernetes_host: r.server,
      kubernetes_ca_cert: r.ca,
      token_reviewer_jwt: r.jwt,
      disable_local_ca_jwt: true,
    });
    log(`openbao: kubernetes auth against ${r.server} (token reviewer ${namespace}/${reviewer})`);
  } else {
    log(
      'openbao: no KUBECONFIG from the kubernetes component: kubernetes auth enabled but not configured',
    );
  }
  log(`openbao ${openbao.release} at ${addr}: root token in ${tokenFile}`);

  return {
    VAULT_ADDR: addr,
    VAULT_HOST: `127.0.0.1:${ports.openbao}`,
    VAULT_TOKEN: root,
    VAULT_CACERT: ca.crt,
    K8S_VAULT_NAMESPACE: namespace,
  };
}

export default { name: 'openbao', build, start };
