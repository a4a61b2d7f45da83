// The test-facing API of the fake CLIs: a temp dir with the state file and call log, and
// the environment that puts kubectl/helm/docker/podman/vault/op fakes first on PATH.
//
//   const fc = createFakeCluster();            // or createFakeCluster({ crds: [...] })
//   await $({ env: { ...process.env, ...fc.env } })`kubectl get ns -o json`;
//   fc.object('Namespace', 'jupyter'); fc.calls(); fc.close();
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyCluster, type ClusterState, type HelmRelease, type K8sObject } from './lib/types.js';
import { initState, mutate, readState } from './lib/store.js';
import type { CallRecord } from './lib/log.js';
import { KINDS } from './lib/kinds.js';

export { emptyCluster } from './lib/types.js';
export type {
  ClusterState,
  HelmRelease,
  K8sObject,
  Simulations,
  CannedResult,
} from './lib/types.js';
export type { CallRecord } from './lib/log.js';
export * from './seed.js';

export interface FakeCluster {
  /** Temp dir holding state.json, calls.jsonl and a dummy kubeconfig. */
  dir: string;
  /** PATH (fakes first), FAKE_CLUSTER_STATE, FAKE_CALL_LOG, FAKES_JS_DIR, FAKES_NODE, KUBECONFIG. */
  env: Record<string, string>;
  state(): ClusterState;
  /** Changes the state under the same lock the fakes use. */
  update(fn: (s: ClusterState) => void): void;
  calls(): CallRecord[];
  /** kind: "Secret", "secret" or "secrets"; namespace required for namespaced kinds. */
  object(kind: string, name: string, namespace?: string): K8sObject | undefined;
  release(name: string, namespace: string): HelmRelease | undefined;
  close(): void;
}

const jsDir = dirname(fileURLToPath(import.meta.url));

/** The committed wrappers: found by walking up from the compiled file to the repo. */
function findBinDir(): string {
  let d = jsDir;
  for (let i = 0; i < 8; i++) {
    const candidate = join(d, 'test', 'fakes', 'bin');
    if (existsSync(join(candidate, 'kubectl'))) return candidate;
    d = dirname(d);
  }
  throw new Error(`fakes: cannot find test/fakes/bin above ${jsDir}`);
}

export function createFakeCluster(init?: Partial<ClusterState>): FakeCluster {
  const dir = mkdtempSync(join(tmpdir(), 'fake-cluster-'));
  const statePath = join(dir, 'state.json');
  const logPath = join(dir, 'calls.jsonl');
  const kubeconfig = join(dir, 'kubeconfig');
  initState(statePath, { ...emptyCluster(), ...(init ?? {}) });
  writeFileSync(logPath, '');
  writeFileSync(
    kubeconfig,
    'apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: http://localhost:8080\n' +
      'contexts:\n- name: fake\n  context:\n    cluster: fake\n    user: fake\ncurrent-context: fake\nusers:\n- name: fake\n  user: {}\n',
  );
  const env = {
    PATH: `${findBinDir()}:${process.env.PATH ?? ''}`,
    FAKE_CLUSTER_STATE: statePath,
    FAKE_CALL_LOG: logPath,
    FAKES_JS_DIR: jsDir,
    FAKES_NODE: process.execPath,
    KUBECONFIG: kubeconfig,
    // The exec road passes children an allow-list of variables; the fakes need these too.
    TASKS_CHILD_ENV: 'FAKE_*,FAKES_*',
  };
  return {
    dir,
    env,
    state: () => readState(statePath),
    update: (fn) => mutate(statePath, fn),
    calls: () =>
      readFileSync(logPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as CallRecord),
    object(kind, name, namespace) {
      const k = kind.toLowerCase();
      const info = KINDS.find((i) => [i.kind.toLowerCase(), i.plural, ...i.short].includes(k));
      const wanted = info?.kind ?? kind;
      return readState(statePath).objects.find(
        (o) =>
          o.kind === wanted &&
          o.metadata.name === name &&
          (namespace === undefined || o.metadata.namespace === namespace),
      );
    },
    release: (name, namespace) =>
      readState(statePath).releases.find((r) => r.name === name && r.namespace === namespace),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
