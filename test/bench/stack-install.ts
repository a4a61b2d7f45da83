import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StackRun {
  label: string;
  wallMs: number;
  processes: number;
  exit: number | null;
}

const stateRoot =
  process.env.BUUN_STACK_STATE ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'buun-stack-tasks', 'run');

/**
 * The full install on the local real stack (`npm run stack:up`), when one is running: a
 * fresh install (after an uninstall) and the same install repeated. Processes are counted
 * from the command lines the CLI echoes (one `$ ` line per process it starts). Leaves the
 * hub installed.
 */
export async function measureStackInstall(): Promise<StackRun[] | undefined> {
  if (!existsSync(join(stateRoot, 'env.json'))) return undefined;
  const { tasks } = await import('../support/stack.js');
  const { fullInstall } = await import('../stack/fixture.js');
  const time = async (label: string, args: string[]): Promise<StackRun> => {
    const t0 = process.hrtime.bigint();
    const r = await tasks(args, fullInstall());
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const processes = r.stderr.split('\n').filter((l) => l.startsWith('$ ')).length;
    return { label, wallMs, processes, exit: r.code };
  };
  await time('uninstall', ['jupyterhub:uninstall', '--yes']);
  return [
    await time('fresh full install', ['jupyterhub:install', '--yes']),
    await time('repeated full install', ['jupyterhub:install', '--yes']),
  ];
}
