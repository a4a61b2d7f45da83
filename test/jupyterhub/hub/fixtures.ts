// Shared pieces of the hub-facing recipe tests: one scenario (fake cluster + test servers)
// per file, the admin-service Secret, a user pod, and call-log slices.
import { randomBytes } from 'node:crypto';
import * as assert from 'uvu/assert';
import {
  withJupyterHub,
  withObject,
  withUserPod,
  type CallRecord,
  type CannedResult,
  type ClusterState,
  type FakeCluster,
} from '../../fakes/index.js';

export const NS = 'datastack';
export const HOST = 'jupyter.example.com';
export const ADMIN_SECRET = 'jupyterhub-admin-service-token';

/** A 48-character lowercase hex secret, distinct per call. */
export const secret = (): string => randomBytes(24).toString('hex');

/** The chart's objects in NS; the hub service forwards to `hubTarget` when given. */
export function withHub(s: ClusterState, hubTarget?: string): void {
  withJupyterHub(s, NS, hubTarget ? { hubTarget } : {});
}

/** Sets (or, with undefined, removes) Secret jupyterhub-admin-service-token, key token. */
export function setAdminSecret(fc: FakeCluster, token: string | undefined): void {
  fc.update((s) => {
    s.objects = s.objects.filter(
      (o) =>
        !(o.kind === 'Secret' && o.metadata.name === ADMIN_SECRET && o.metadata.namespace === NS),
    );
    if (token === undefined) return;
    withObject(s, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: ADMIN_SECRET, namespace: NS },
      type: 'Opaque',
      data: { token: Buffer.from(token).toString('base64') },
    });
  });
}

/** Replaces every pod of NS with the given user pods (and their exec tables). */
export function setUserPods(
  fc: FakeCluster,
  pods: Array<{
    user: string;
    phase?: string;
    env?: Record<string, string>;
    exec?: Record<string, CannedResult>;
  }>,
): void {
  fc.update((s) => {
    s.objects = s.objects.filter((o) => !(o.kind === 'Pod' && o.metadata.namespace === NS));
    s.simulations.exec = {};
    for (const p of pods) {
      const pod = withUserPod(s, NS, p.user, { phase: p.phase, env: p.env });
      if (p.exec) s.simulations.exec[`${NS}/${pod.metadata.name}`] = p.exec;
    }
  });
}

/** The calls made after this point: `const calls = mark(fc); …; calls()`. */
export function mark(fc: FakeCluster): () => CallRecord[] {
  const n = fc.calls().length;
  return () => fc.calls().slice(n);
}

/** The argv of each call, e.g. ['kubectl get secret …']. */
export const argvs = (calls: CallRecord[]): string[] =>
  calls.map((c) => [c.tool, ...c.argv].join(' '));

/** `value` appears in no argv, stdin or recorded env of `calls`. */
export function assertNotPassed(calls: CallRecord[], value: string, what: string): void {
  for (const c of calls) {
    const where = [...c.argv, c.stdin, ...Object.values(c.env)].join('\n');
    assert.not.ok(where.includes(value), `${what} was passed to ${c.tool} ${c.argv.join(' ')}`);
  }
}

/** Waits until `cond()` holds (a background process logs its call only when it ends). */
export async function waitUntil(
  cond: () => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what}: not seen after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
