// Deployment readiness as the project observes it by polling `kubectl get deployment`:
// a deployment that helm or apply (re)created stays unready for the number of polls the
// test configured (simulations.deploymentsReadyAfterPolls), then reports all replicas ready.
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
}

/** One observation of the deployment by a client: advances the simulation. */
export function poll(s: ClusterState, d: K8sObject): void {
  const k = key(d);
  if (!(k in s.internal.pendingDeployments)) return;
  const seen = s.internal.pendingDeployments[k];
  const n = threshold(s, d.metadata.name);
  if (n !== 'never' && seen >= n) setReady(s, d);
  else s.internal.pendingDeployments[k] = seen + 1;
}

/** Whether `helm --wait` would succeed. */
export function wouldBecomeReady(s: ClusterState, name: string): boolean {
  return threshold(s, name) !== 'never';
}
