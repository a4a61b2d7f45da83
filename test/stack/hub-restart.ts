// Installs with new values and waits until the stack's hub runner has restarted the hub
// from them and it answers (as the hub pod is replaced on a real cluster).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { eventually, stateRoot, tasks } from '../support/stack.js';

/** The stack's hub runner: which hub process runs, since when, and whether it is ready. */
export const runnerHub = (): { since?: string; phase?: string } =>
  JSON.parse(readFileSync(join(stateRoot, 'hub', 'runner-status.json'), 'utf8')).hub ?? {};

/** `jupyterhub:install --yes` with `vars`; exit 0 asserted; resolves when the new hub is ready. */
export async function installAndWaitForHub(vars: Record<string, string>): Promise<string> {
  const before = runnerHub().since;
  const r = await tasks(['jupyterhub:install', '--yes'], vars);
  assert.is(r.code, 0, r.stderr);
  await eventually(
    'the hub with the new values',
    () => {
      const h = runnerHub();
      return h.since !== before && h.phase === 'ready';
    },
    120_000,
  );
  return r.stderr;
}

/**
 * After an install that may or may not restart the hub (the chart's Deployments can
 * change on an upgrade with the same values): the runner polls every second, so after a
 * few seconds it has seen any change; then the hub that runs must be ready.
 */
export async function hubSettled(): Promise<void> {
  await new Promise((r) => setTimeout(r, 5_000));
  await eventually('the hub ready', () => runnerHub().phase === 'ready', 120_000);
}
