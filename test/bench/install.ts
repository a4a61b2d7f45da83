import { spawn } from 'node:child_process';
import { createFakeCluster } from '../fakes/index.js';
import { startKeycloakServer } from '../servers/keycloak/index.js';
import { CLI } from '../support/cli.js';
import { ALL_OFF } from '../support/scenario.js';

export interface InstallRun {
  label: string;
  wallMs: number;
  processes: number;
  byTool: Record<string, number>;
  exit: number | null;
}

/**
 * `jupyterhub:install` (fresh cluster, every feature off, storage class given)
 * against the fake cluster with every kubectl/helm call delayed 100 ms, a
 * realistic API round-trip. Counts the external processes the run started.
 */
export async function measureInstall(dryRun: boolean, delayMs = 100): Promise<InstallRun> {
  const keycloak = await startKeycloakServer();
  const fc = createFakeCluster({ delayMs });
  try {
    const env = {
      ...fc.env,
      ...ALL_OFF,
      HOME: fc.dir,
      TASKS_OUT_DIR: `${fc.dir}/out`,
      JUPYTERHUB_HOST: 'jupyter.example.com',
      KEYCLOAK_HOST: 'auth.example.com',
      KEYCLOAK_URL: keycloak.url,
      KEYCLOAK_ADMIN_USER: keycloak.adminUser,
      KEYCLOAK_ADMIN_PASSWORD: keycloak.adminPassword,
    };
    const args = [CLI, 'jupyterhub:install', ...(dryRun ? ['--dry-run'] : [])];
    const t0 = process.hrtime.bigint();
    const exit = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, args, {
        cwd: fc.dir,
        env,
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      child.on('close', resolve);
    });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const byTool: Record<string, number> = {};
    for (const call of fc.calls()) byTool[call.tool] = (byTool[call.tool] ?? 0) + 1;
    const processes = Object.values(byTool).reduce((a, b) => a + b, 0);
    return {
      label: `jupyterhub:install${dryRun ? ' --dry-run' : ''}`,
      wallMs,
      processes,
      byTool,
      exit,
    };
  } finally {
    fc.close();
    await keycloak.close();
  }
}
