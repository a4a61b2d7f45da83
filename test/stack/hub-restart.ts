// The hub on the stack as suites drive it: install with new values and wait until the
// runner has restarted the hub from them (as the hub pod is replaced on a real cluster),
// the hub API as its admin, and alice's server for the length of a look at her pod.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import {
  eventually,
  getObject,
  hubApi,
  loginAs,
  secretData,
  stateRoot,
  tasks,
} from '../support/stack.js';
import { NS } from './fixture.js';

interface RunnerStatus {
  hub?: { since?: string; phase?: string };
  lastPoll?: { startedAt: string; upToDate: boolean };
}
const runnerStatus = (): RunnerStatus =>
  JSON.parse(readFileSync(join(stateRoot, 'hub', 'runner-status.json'), 'utf8'));

/** The stack's hub runner: which hub process runs, since when, and whether it is ready. */
export const runnerHub = (): { since?: string; phase?: string } => runnerStatus().hub ?? {};

/**
 * Resolves once the runner has caught up with the cluster as it was at `since` (ms): a
 * poll begun after it found the running hub started from the objects it saw (the runner
 * replaces the hub, maybe more than once, as they settle), and that hub answers. A spawn
 * before then may land on a hub about to be replaced, with its old pod's credentials.
 */
export async function hubSettled(since = Date.now()): Promise<void> {
  await eventually(
    'the hub runner caught up with the cluster, and the hub ready',
    () => {
      const s = runnerStatus();
      return (
        s.lastPoll !== undefined &&
        Date.parse(s.lastPoll.startedAt) > since &&
        s.lastPoll.upToDate &&
        s.hub?.phase === 'ready'
      );
    },
    120_000,
  );
}

/**
 * `jupyterhub:install --yes` with `vars`; exit 0 asserted; resolves when the hub runs
 * from the new values (asserted: it was restarted) and is ready.
 */
export async function installAndWaitForHub(vars: Record<string, string>): Promise<string> {
  const before = runnerHub().since;
  const r = await tasks(['jupyterhub:install', '--yes'], vars);
  assert.is(r.code, 0, r.stderr);
  await hubSettled();
  assert.is.not(runnerHub().since, before, 'the hub restarted with the new values');
  return r.stderr;
}

/** The hub API with the admin-service token from the cluster: the answer's status. */
export async function adminHub(method: string, path: string, body?: unknown): Promise<number> {
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  return (await hubApi(path, admin, method, body)).status;
}

/**
 * alice logs in and starts a server with these user options; `read` sees her pod. The
 * server is stopped afterwards, and its pod gone, whatever `read` did.
 */
export async function withAliceServer<T>(
  options: Record<string, string>,
  read: (pod: any) => T | Promise<T>,
): Promise<T> {
  await loginAs('alice');
  const started = await adminHub('POST', 'users/alice/server', options);
  assert.ok([201, 202].includes(started), `spawn answered ${started}`);
  try {
    return await read(
      await eventually('pod jupyter-alice', () => getObject('pod', 'jupyter-alice', NS), 30_000),
    );
  } finally {
    await adminHub('DELETE', 'users/alice/server');
    await eventually(
      'pod jupyter-alice gone',
      () => !getObject('pod', 'jupyter-alice', NS),
      60_000,
    );
  }
}
