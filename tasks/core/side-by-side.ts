import type { Ctx } from './context.js';

/**
 * Runs independent steps at the same time (a Keycloak client, Vault policies, storage:
 * each waits on its own remote, not on the others). Under --dry-run they run one after
 * the other instead, so the plan reads in the order written. Every step is let finish
 * before the first failure is thrown: nothing is left half-running behind an error.
 */
export async function sideBySide(
  ctx: Pick<Ctx, 'dryRun'>,
  steps: ReadonlyArray<() => Promise<unknown>>,
): Promise<void> {
  if (ctx.dryRun) {
    for (const step of steps) await step();
    return;
  }
  const settled = await Promise.allSettled(steps.map((step) => step()));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
