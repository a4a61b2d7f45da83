import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  parseWatchLine,
  readyLatency,
  WATCH_SLACK_MS,
  WATCH_TEMPLATE,
  type DeploymentEvent,
} from './rollout-watch.js';

export interface StackRun {
  label: string;
  wallMs: number;
  processes: number;
  exit: number | null;
  /** how long after hub and proxy were rolled out (a `kubectl get -w` beside it) the wait returned */
  readyLatencyMs?: number;
  /** both stayed rolled out throughout: the latency is counted from the wait's start */
  alreadyReady?: boolean;
}

const stateRoot =
  process.env.BUUN_STACK_STATE ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'buun-stack-tasks', 'run');

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * The full install on the local real stack (`npm run stack:up`), when one is running: a
 * fresh install (after an uninstall) and the same install repeated. Processes are counted
 * from the command lines the CLI echoes (one `$ ` line per process it starts). Beside each
 * install a `kubectl get deployments -w` stamps every change of hub and proxy as it
 * arrives, and the CLI's stderr is stamped line by line: the wait began at its first
 * `rollout status` line and returned at its "deployments ready" line. Leaves the hub
 * installed.
 */
export async function measureStackInstall(): Promise<StackRun[] | undefined> {
  if (!existsSync(join(stateRoot, 'env.json'))) return undefined;
  const { tasks, env } = await import('../support/stack.js');
  const { fullInstall, NS } = await import('../stack/fixture.js');
  const time = async (label: string, args: string[]): Promise<StackRun> => {
    const events: DeploymentEvent[] = [];
    const watch = spawn(
      'kubectl',
      [
        ...(env.KUBE_CONTEXT ? ['--context', env.KUBE_CONTEXT] : []),
        ...['get', 'deployments', '-n', NS, '-w', '-o', `jsonpath=${WATCH_TEMPLATE}`],
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let partial = '';
    watch.stdout.on('data', (d: Buffer) => {
      const at = now();
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const l of lines) {
        const e = parseWatchLine(l, at);
        if (e) events.push(e);
      }
    });
    // The watch is up once it printed the list; an empty namespace prints nothing (bounded).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1500);
      watch.stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    let waitStartedAt: number | undefined;
    let waitReturnedAt: number | undefined;
    let pending = '';
    const t0 = now();
    const r = await tasks(args, fullInstall(), {
      onSpawn: (child) =>
        child.stderr!.on('data', (d: Buffer) => {
          const at = now();
          const lines = (pending + d.toString()).split('\n');
          pending = lines.pop()!;
          for (const l of lines) {
            if (waitStartedAt === undefined && /^\$ kubectl .*\brollout status\b/.test(l))
              waitStartedAt = at;
            if (/deployments ready in /.test(l)) waitReturnedAt = at;
          }
        }),
    });
    const wallMs = now() - t0;
    // The watch may see the last change after the wait returned (readyLatency's slack).
    const settle = (waitReturnedAt ?? 0) + WATCH_SLACK_MS - now();
    if (settle > 0) await new Promise((r) => setTimeout(r, settle));
    watch.kill('SIGTERM');
    const processes = r.stderr.split('\n').filter((l) => l.startsWith('$ ')).length;
    const ready =
      waitStartedAt !== undefined && waitReturnedAt !== undefined
        ? readyLatency(events, ['hub', 'proxy'], waitStartedAt, waitReturnedAt)
        : undefined;
    return {
      label,
      wallMs,
      processes,
      exit: r.code,
      ...(ready?.latencyMs !== undefined && {
        readyLatencyMs: ready.latencyMs,
        alreadyReady: ready.alreadyReady,
      }),
    };
  };
  await time('uninstall', ['jupyterhub:uninstall', '--yes']);
  return [
    await time('fresh full install', ['jupyterhub:install', '--yes']),
    await time('repeated full install', ['jupyterhub:install', '--yes']),
  ];
}
