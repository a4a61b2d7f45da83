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
