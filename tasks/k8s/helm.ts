import { TaskError, type Ctx } from '../core/index.js';

export interface Release {
  name: string;
  namespace: string;
  chart: string;
  status: string;
  revision: string;
  app_version?: string;
}

const RELEASES = 'helm:releases';

/**
 * Every release in the cluster, from one `helm list -A` per run: it answers all
 * of a recipe's "is X installed?" questions (the old recipes ran `helm status`
 * once per question).
 */
export function releases(ctx: Ctx): Promise<Release[]> {
  return ctx.memo(RELEASES, async () => {
    if (await ctx.exec.planningOffline()) return [];
    const r = await ctx.exec.query('helm', ['list', '--all-namespaces', '-o', 'json']);
    return r.stdout.trim() ? (JSON.parse(r.stdout) as Release[]) : [];
  });
}

/** "Detect X": a release named X exists in that namespace. */
export async function isInstalled(ctx: Ctx, release: string, namespace: string): Promise<boolean> {
  return (await releases(ctx)).some((r) => r.name === release && r.namespace === namespace);
}

/** Adds (or re-points) a chart repository and refreshes only that repository. */
export async function addRepo(ctx: Ctx, name: string, url: string): Promise<void> {
  await ctx.exec.change('helm', ['repo', 'add', name, url, '--force-update']);
  await ctx.exec.change('helm', ['repo', 'update', name]);
}

export async function removeRepo(ctx: Ctx, name: string): Promise<void> {
  const r = await ctx.exec.change('helm', ['repo', 'remove', name], { allowFailure: true });
  if (r && r.status !== 0) {
    if (!/no repo named|no repositories configured/i.test(r.stderr)) {
      throw new TaskError(
        `helm repo remove ${name} failed: ${ctx.secrets.redact(r.stderr.trim())}`,
      );
    }
    ctx.log.info(`  helm repository ${name} was not configured`);
  }
}

export interface UpgradeInstall {
  release: string;
  chart: string;
  version: string;
  namespace: string;
  valuesFile: string;
  timeout: string;
}

export async function upgradeInstall(
  ctx: Ctx,
  u: UpgradeInstall,
  timeoutMs: number,
): Promise<void> {
  await ctx.exec.change(
    'helm',
    [
      'upgrade',
      '--cleanup-on-fail',
      '--install',
      u.release,
      u.chart,
      '--version',
      u.version,
      '-n',
      u.namespace,
      `--timeout=${u.timeout}`,
      '-f',
      u.valuesFile,
    ],
    { timeoutMs },
  );
  ctx.forget(RELEASES);
}

export async function uninstall(ctx: Ctx, release: string, namespace: string): Promise<void> {
  await ctx.exec.change(
    'helm',
    ['uninstall', release, '-n', namespace, '--wait', '--ignore-not-found'],
    { timeoutMs: 15 * 60_000 },
  );
  ctx.forget(RELEASES);
}
