import { ALL_OFF, ALL_ON, startScenario } from '../support/scenario.js';
import { startDelayProxy } from './delay-proxy.js';

export interface InstallRun {
  label: string;
  wallMs: number;
  processes: number;
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
 * Counts the external processes the run started (every one is a fake's call).
 */
export async function measureInstall(
  scenario: InstallScenario,
  dryRun: boolean,
  delayMs = 100,
  readyAfterMs = 2000,
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
    const t0 = process.hrtime.bigint();
    const r = await sc.run([...args, ...(dryRun ? ['--dry-run'] : [])], {
      ...(full ? ALL_ON : ALL_OFF),
      VAULT_ADDR: vault.url,
      KEYCLOAK_URL: keycloak.url,
    });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
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
      wallMs,
      processes: calls.length,
      byTool,
      exit: r.code,
      readySeenAfterMs,
    };
  } finally {
    await Promise.all([vault.close(), keycloak.close()]);
    await sc.close();
  }
}
