// Deployment readiness as the project observes it through `kubectl get deployment` or
// `kubectl rollout status`: a deployment that helm or apply (re)created stays unready for
// the number of looks the test configured (simulations.deploymentsReadyAfterPolls), or
// until a moment in time (simulations.deploymentsReadyAfterMs), then has all replicas ready.
import type { ClusterState, K8sObject } from './types.js';

const key = (d: K8sObject): string => `${d.metadata.namespace}/${d.metadata.name}`;

function threshold(s: ClusterState, name: string): number | 'never' {
  const sim = s.simulations.deploymentsReadyAfterPolls;
  if (sim === undefined) return 0;
  if (typeof sim === 'object') return sim[name] ?? 0;
  return sim;
}

export function setNotReady(s: ClusterState, d: K8sObject): void {
  const replicas = d.spec?.replicas ?? 1;
  d.status = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: replicas,
    unavailableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
    ],
  };
  s.internal.pendingDeployments[key(d)] = 0;
  const afterMs = s.simulations.deploymentsReadyAfterMs;
  if (afterMs !== undefined) (s.internal.deploymentsReadyAt ??= {})[key(d)] = Date.now() + afterMs;
}

export function setReady(s: ClusterState, d: K8sObject): void {
  const replicas = d.spec?.replicas ?? 1;
  d.status = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  };
  delete s.internal.pendingDeployments[key(d)];
  delete s.internal.deploymentsReadyAt?.[key(d)];
}

/** When a pending deployment becomes ready on the clock (time simulation), else undefined. */
export function readyAt(s: ClusterState, d: K8sObject): number | undefined {
  return s.internal.deploymentsReadyAt?.[key(d)];
}

/** One observation of the deployment by a client: advances the simulation. */
export function poll(s: ClusterState, d: K8sObject): void {
  const k = key(d);
  if (!(k in s.internal.pendingDeployments)) return;
  const at = readyAt(s, d);
  if (at !== undefined) {
    if (Date.now() < at) return;
    setReady(s, d);
    // When it became ready, for measuring how soon a watcher saw it.
    (s.internal.deploymentsReadySince ??= {})[k] = at;
    return;
  }
  const seen = s.internal.pendingDeployments[k];
  const n = threshold(s, d.metadata.name);
  if (n !== 'never' && seen >= n) setReady(s, d);
  else s.internal.pendingDeployments[k] = seen + 1;
}

/** Whether `helm --wait` would succeed. */
export function wouldBecomeReady(s: ClusterState, name: string): boolean {
  return s.simulations.deploymentsReadyAfterMs !== undefined || threshold(s, name) !== 'never';
}
