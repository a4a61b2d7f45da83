// The rest of a buun-stack platform that JupyterHub's install looks for: the releases it
// detects by name (vault, external-secrets, kube-prometheus-stack, nvidia-device-plugin)
// as small stand-in charts from ./charts, Vault's admin policy and the External Secrets
// role (as buun-stack's vault and external-secrets modules make them), and the External
// Secrets controller (./external-secrets-controller.js, see there why it is a stand-in).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpsJson } from './https-json.js';
import { kubeClient } from './kube-api.js';
import { daemon, ensureDir, log as stackLog, repoRoot, run, stackCA, waitUntil } from './lib.js';

const NAMESPACES = {
  EXTERNAL_SECRETS_NAMESPACE: 'external-secrets',
  K8S_VAULT_NAMESPACE: 'vault',
  PROMETHEUS_NAMESPACE: 'monitoring',
  NVIDIA_DEVICE_PLUGIN_NAMESPACE: 'nvidia-device-plugin',
};

// As buun-stack's `vault::create-admin-policy` writes it.
const ADMIN_POLICY = `path "sys/auth" { capabilities = ["read", "list", "sudo"] }
path "sys/auth/*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }
path "secret/*" { capabilities = ["create", "read", "update", "delete", "list"] }
path "auth/*" { capabilities = ["create", "read", "update", "delete", "list"] }
path "sys/policy/*" { capabilities = ["create", "read", "update", "delete", "list"] }
path "sys/policies/acl/*" { capabilities = ["create", "read", "update", "delete", "list"] }
path "auth/token/create" { capabilities = ["create", "update"] }
path "auth/token/create/*" { capabilities = ["create", "update"] }
`;

async function vault(env, method, path, body) {
  const r = await httpsJson(`${env.VAULT_ADDR}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': env.VAULT_TOKEN },
    body,
    ca: readFileSync(stackCA().crt),
  });
  if (r.status >= 400)
    throw new Error(`Vault ${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

export default {
  name: 'platform',
  async build() {},
  async start(ctx) {
    const env = { ...process.env, ...ctx.env };
    for (const k of ['KUBECONFIG', 'VAULT_ADDR', 'VAULT_TOKEN']) {
      if (!env[k]) throw new Error(`platform: ${k} not exported by an earlier component`);
    }
    await vault(env, 'PUT', 'sys/policies/acl/admin', { policy: ADMIN_POLICY });
    await vault(env, 'POST', 'auth/kubernetes/role/external-secrets', {
      bound_service_account_names: 'external-secrets',
      bound_service_account_namespaces: NAMESPACES.EXTERNAL_SECRETS_NAMESPACE,
      audience: 'vault',
      policies: 'admin',
      ttl: '1h',
    });

    const charts = join(repoRoot, 'scripts', 'stack', 'charts');
    const ca = Buffer.from(readFileSync(stackCA().crt)).toString('base64');
    const releases = [
      ['vault', NAMESPACES.K8S_VAULT_NAMESPACE, ['--set-string', `address=${env.VAULT_ADDR}`]],
      [
        'external-secrets',
        NAMESPACES.EXTERNAL_SECRETS_NAMESPACE,
        ['--set-string', `vault.server=${env.VAULT_ADDR}`, '--set-string', `vault.caBundle=${ca}`],
      ],
      ['kube-prometheus-stack', NAMESPACES.PROMETHEUS_NAMESPACE, []],
      ['nvidia-device-plugin', NAMESPACES.NVIDIA_DEVICE_PLUGIN_NAMESPACE, []],
    ];
    for (const [name, ns, extra] of releases) {
      run(
        'helm',
        [
          'upgrade',
          '--install',
          name,
          join(charts, name),
          '-n',
          ns,
          '--create-namespace',
          '--wait',
          '--timeout',
          '60s',
          ...extra,
        ],
        {
          env,
          timeoutMs: 90_000,
        },
      );
    }

    // The default StorageClass and its provisioner: the hub's sqlite PVC must bind.
    run('kubectl', ['apply', '--server-side', '--field-manager=buun-stack', '-f', '-'], {
      env,
      input: JSON.stringify({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: {
          name: 'standard',
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'buun-stack.local/hostpath',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
      }),
    });
    daemon(
      'volume-provisioner',
      process.execPath,
      [
        join(repoRoot, 'scripts', 'stack', 'volume-provisioner.js'),
        env.KUBECONFIG,
        ensureDir(join(ctx.state, 'volumes')),
      ],
      { env: { PATH: env.PATH, HOME: env.HOME } },
    );

    const { pid, logFile } = daemon(
      'external-secrets-controller',
      process.execPath,
      [join(repoRoot, 'scripts', 'stack', 'external-secrets-controller.js'), env.KUBECONFIG],
      { env: { PATH: env.PATH, HOME: env.HOME } },
    );
    const kube = kubeClient(env.KUBECONFIG);
    await waitUntil(
      'ClusterSecretStore vault-secret-store Ready',
      async () => {
        const s = await kube(
          'GET',
          '/apis/external-secrets.io/v1/clustersecretstores/vault-secret-store',
        );
        const ready = (s.status?.conditions ?? []).find((c) => c.type === 'Ready');
        if (ready?.status === 'False') throw new Error(ready.message);
        return ready?.status === 'True';
      },
      { timeoutMs: 60_000, logFile, pid },
    );
    stackLog(
      'platform: stand-in releases, default StorageClass, volume provisioner and External Secrets controller running',
    );
    return { ...NAMESPACES };
  },
};
