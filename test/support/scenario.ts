import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import {
  createFakeCluster,
  withExternalSecrets,
  withRelease,
  type ClusterState,
  type FakeCluster,
} from '../fakes/index.js';
import { startKeycloakServer } from '../servers/keycloak/index.js';
import { startVaultServer, type VaultTestServer } from '../servers/vault/index.js';
import { runCli, type CliOptions, type CliResult } from './cli.js';

type KeycloakTestServer = Awaited<ReturnType<typeof startKeycloakServer>>;

export interface ScenarioOptions {
  /** External Secrets installed, syncing from the Vault test server */
  eso?: boolean;
  /** a `vault` release in namespace vault */
  vault?: boolean;
  prometheus?: boolean;
  nvidia?: boolean;
  /** further changes to the initial cluster */
  cluster?: (s: ClusterState) => void;
}

export interface Scenario {
  fc: FakeCluster;
  vault: VaultTestServer;
  keycloak: KeycloakTestServer;
  /** the environment every run gets (fakes on PATH, servers, example hosts) */
  env: Record<string, string>;
  /** the run's working directory (holds no .env.local) */
  dir: string;
  run(args: string[], env?: Record<string, string | undefined>, o?: CliOptions): Promise<CliResult>;
  /** stdout + stderr of every run so far */
  printed(): string;
  /** every secret value the cluster, Vault and Keycloak now hold, plus the root token */
  knownSecrets(): string[];
  close(): Promise<void>;
}

/** A cluster of fakes plus the Vault and Keycloak test servers, wired like an operator's .env.local. */
export async function startScenario(o: ScenarioOptions = {}): Promise<Scenario> {
  const [vault, keycloak] = await Promise.all([startVaultServer(), startKeycloakServer()]);
  const fc = createFakeCluster();
  fc.update((s) => {
    if (o.eso) withExternalSecrets(s, { vaultAddress: vault.url, vaultToken: vault.rootToken });
    if (o.vault)
      withRelease(s, {
        name: 'vault',
        namespace: 'vault',
        chart: 'vault',
        version: '0.30.0',
        appVersion: '1.17.5',
      });
    if (o.prometheus) {
      withRelease(s, {
        name: 'kube-prometheus-stack',
        namespace: 'monitoring',
        chart: 'kube-prometheus-stack',
        version: '70.0.0',
        appVersion: 'v0.80.0',
      });
      s.crds.push('servicemonitors.monitoring.coreos.com');
    }
    if (o.nvidia)
      withRelease(s, {
        name: 'nvidia-device-plugin',
        namespace: 'nvidia-device-plugin',
        chart: 'nvidia-device-plugin',
        version: '0.17.0',
        appVersion: '0.17.0',
      });
    o.cluster?.(s);
  });
  const env: Record<string, string> = {
    ...fc.env,
    HOME: fc.dir,
    TASKS_OUT_DIR: join(fc.dir, 'out'),
    KEYCLOAK_HOST: 'auth.example.com',
    KEYCLOAK_URL: keycloak.url,
    KEYCLOAK_ADMIN_USER: keycloak.adminUser,
    KEYCLOAK_ADMIN_PASSWORD: keycloak.adminPassword,
    VAULT_HOST: 'vault.example.com',
    VAULT_ADDR: vault.url,
    JUPYTERHUB_HOST: 'jupyter.example.com',
  };
  let printed = '';
  return {
    fc,
    vault,
    keycloak,
    env,
    dir: fc.dir,
    async run(args, extra = {}, opts = {}) {
      const r = await runCli(args, {
        cwd: fc.dir,
        timeoutMs: 60_000,
        ...opts,
        env: { ...env, ...extra },
      });
      printed += r.stdout + r.stderr;
      return r;
    },
    printed: () => printed,
    knownSecrets() {
      const values = new Set<string>([vault.rootToken, keycloak.adminPassword]);
      for (const t of vault.tokens()) values.add(t.id);
      for (const path of [
        'jupyterhub/config',
        'jupyterhub/admin-service',
        'jupyterhub/vault-token',
      ]) {
        for (const v of Object.values(vault.kvRead(path) ?? {}))
          if (typeof v === 'string') values.add(v);
      }
      for (const obj of fc.state().objects) {
        if (obj.kind !== 'Secret') continue;
        for (const v of Object.values((obj.data ?? {}) as Record<string, string>))
          values.add(Buffer.from(v, 'base64').toString('utf8'));
      }
      return [...values].filter((v) => v.length >= 8);
    },
    async close() {
      await Promise.all([vault.close(), keycloak.close()]);
      fc.close();
    },
  };
}

/** The switches of a non-interactive install, all decided (no question left). */
export const ALL_OFF: Record<string, string> = {
  JUPYTERHUB_NFS_PV_ENABLED: 'false',
  JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'false',
  JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'false',
  JUPYTER_MCP_SERVER_ENABLED: 'false',
  JUPYTERHUB_STORAGE_CLASS: 'local-path',
};

export const ALL_ON: Record<string, string> = {
  JUPYTERHUB_NFS_PV_ENABLED: 'true',
  JUPYTER_NFS_IP: '10.0.0.5',
  JUPYTER_NFS_PATH: '/export/jupyter',
  JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
  JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true',
  JUPYTER_MCP_SERVER_ENABLED: 'true',
  MONITORING_ENABLED: 'true',
  JUPYTERHUB_GPU_ENABLED: 'true',
  JUPYTERHUB_GPU_LIMIT: '2',
};
