import { ALL_OFF, ALL_ON, startScenario } from '../support/scenario.js';
import { CLI } from '../support/cli.js';
import { startDelayProxy } from './delay-proxy.js';
import { timedRun } from './traced-run.js';
import { startBao } from './bao.js';
import { selfSignedCert } from './tls.js';
import { withExternalSecrets } from '../fakes/index.js';

export interface InstallRun {
  label: string;
  wallMs: number;
  /** programs started, our CLI included */
  processes: number;
  /** kubectl/helm calls by tool */
  byTool: Record<string, number>;
  exit: number | null;
  /** how long after the last deployment became ready the wait saw it (real runs only) */
  readySeenAfterMs?: number;
}

export type InstallScenario = 'minimal' | 'full';

/**
 * `jupyterhub:install` on a fresh fake cluster, every kubectl/helm call and every Vault
 * and Keycloak request delayed `delayMs` (a realistic round-trip), the hub and proxy
 * becoming ready `readyAfterMs` after helm created them. minimal: every feature off;
 * full: Vault integration with External Secrets, NFS, GPU, monitoring, Airflow, MCP,
 * against a real Vault (OpenBao dev server at `baoBin`, fresh for each run) behind an
 * HTTPS delay proxy — the same world as the just module's full run. Counts every program
 * the run started (strace, in a second identical run), as for the just module.
 */
export async function measureInstall(
  scenario: InstallScenario,
  dryRun: boolean,
  o: { delayMs?: number; readyAfterMs?: number; baoBin?: string } = {},
): Promise<InstallRun> {
  const { delayMs = 100, readyAfterMs = 2000, baoBin } = o;
  if (scenario === 'full' && !baoBin)
    throw new Error('the full install needs a Vault: no bao binary given');
  const timed = await installOnce(scenario, dryRun, delayMs, readyAfterMs, false, baoBin);
  const traced = await installOnce(scenario, dryRun, delayMs, readyAfterMs, true, baoBin);
  return { ...timed, processes: traced.processes };
}

async function installOnce(
  scenario: InstallScenario,
  dryRun: boolean,
  delayMs: number,
  readyAfterMs: number,
  traced: boolean,
  baoBin: string | undefined,
): Promise<InstallRun> {
  const full = scenario === 'full';
  const bao = full ? await startBao(baoBin!) : undefined;
  const sc = await startScenario({
    vault: full,
    prometheus: full,
    nvidia: full,
    cluster: (s) => {
      // ESO reads the Vault in-cluster: straight to it, no delay.
      if (bao) withExternalSecrets(s, { vaultAddress: bao.url, vaultToken: bao.rootToken });
      s.delayMs = delayMs;
      s.simulations.deploymentsReadyAfterMs = readyAfterMs;
    },
  });
  // HTTPS as the just module's Keycloak (its script always speaks https) and Vault (its
  // VAULT_ADDR is always https://).
  const tls = selfSignedCert(sc.dir);
  const [vault, keycloak] = await Promise.all([
    startDelayProxy(bao?.url ?? sc.vault.url, delayMs, bao && tls),
    startDelayProxy(sc.keycloak.url, delayMs, tls),
  ]);
  try {
    const args = ['jupyterhub:install', ...(bao ? [bao.rootToken] : [])];
    const r = await timedRun(process.execPath, [CLI, ...args, ...(dryRun ? ['--dry-run'] : [])], {
      cwd: sc.dir,
      env: {
        ...sc.env,
        ...(full ? ALL_ON : ALL_OFF),
        VAULT_ADDR: vault.url,
        ...(bao && { VAULT_CACERT: tls.file }),
        KEYCLOAK_URL: keycloak.url,
        NODE_EXTRA_CA_CERTS: tls.file,
        // As for the just module, which Keycloak refuses beyond the realm's limits.
        JUPYTERHUB_OIDC_CLIENT_SESSION_IDLE: '7200',
        JUPYTERHUB_OIDC_CLIENT_SESSION_MAX: '86400',
      },
      ...(traced && { traceDir: sc.dir }),
    });
    const calls = sc.fc.calls();
    const byTool: Record<string, number> = {};
    for (const call of calls) byTool[call.tool] = (byTool[call.tool] ?? 0) + 1;
    const since = Object.values(sc.fc.state().internal.deploymentsReadySince ?? {});
    const watched = calls.filter((c) => c.tool === 'kubectl' && c.argv[0] === 'rollout');
    const readySeenAfterMs =
      since.length && watched.length
        ? Math.max(...watched.map((c) => c.time + c.durationMs)) - Math.max(...since)
        : undefined;
    return {
      label: `${scenario} install${dryRun ? ' --dry-run' : ''}`,
      wallMs: r.wallMs,
      processes: r.processes ?? 0,
      byTool,
      exit: r.code,
      readySeenAfterMs,
    };
  } finally {
    await Promise.all([vault.close(), keycloak.close()]);
    await sc.close();
    await bao?.close();
  }
}
