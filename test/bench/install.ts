import { ALL_OFF, ALL_ON, startScenario } from '../support/scenario.js';
import { CLI } from '../support/cli.js';
import { startDelayProxy } from './delay-proxy.js';
import { timedRun } from './traced-run.js';

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
 * full: Vault integration with External Secrets, NFS, GPU, monitoring, Airflow, MCP.
 * Counts every program the run started (strace, in a second identical run), as for the
 * just module.
 */
export async function measureInstall(
  scenario: InstallScenario,
  dryRun: boolean,
  delayMs = 100,
  readyAfterMs = 2000,
): Promise<InstallRun> {
  const timed = await installOnce(scenario, dryRun, delayMs, readyAfterMs, false);
  const traced = await installOnce(scenario, dryRun, delayMs, readyAfterMs, true);
  return { ...timed, processes: traced.processes };
}

async function installOnce(
  scenario: InstallScenario,
  dryRun: boolean,
  delayMs: number,
  readyAfterMs: number,
  traced: boolean,
): Promise<InstallRun> {
  const full = scenario === 'full';
  const sc = await startScenario({
    eso: full,
    vault: full,
    prometheus: full,
    nvidia: full,
    cluster: (s) => {
      s.delayMs = delayMs;
      s.simulations.deploymentsReadyAfterMs = readyAfterMs;
    },
  });
  const [vault, keycloak] = await Promise.all([
    startDelayProxy(sc.vault.url, delayMs),
    startDelayProxy(sc.keycloak.url, delayMs),
  ]);
  try {
    const args = ['jupyterhub:install', ...(full ? [sc.vault.rootToken] : [])];
    const r = await timedRun(process.execPath, [CLI, ...args, ...(dryRun ? ['--dry-run'] : [])], {
      cwd: sc.dir,
      env: {
        ...sc.env,
        ...(full ? ALL_ON : ALL_OFF),
        VAULT_ADDR: vault.url,
        KEYCLOAK_URL: keycloak.url,
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
  }
}
