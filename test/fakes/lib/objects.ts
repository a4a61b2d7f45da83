// Generic object store operations over ClusterState.objects, plus what the control plane
// does on its own after a change: namespace deletion takes its contents, the garbage
// collector deletes dependents (ownerReferences), and the PV controller binds/releases.
import { randomUUID } from 'node:crypto';
import type { ClusterState, K8sObject } from './types.js';
import { kindByName, type KindInfo } from './kinds.js';

export const nowStamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

export function isKind(o: K8sObject, info: KindInfo): boolean {
  return o.kind === info.kind && groupOf(o.apiVersion ?? '') === info.group;
}

export function findObject(
  s: ClusterState,
  info: KindInfo,
  name: string,
  namespace?: string,
): K8sObject | undefined {
  return s.objects.find(
    (o) =>
      isKind(o, info) &&
      o.metadata?.name === name &&
      (!info.namespaced || (o.metadata.namespace ?? 'default') === namespace),
  );
}

/** Objects of one type, in one namespace (or all when namespace is undefined), API order. */
export function listObjects(s: ClusterState, info: KindInfo, namespace?: string): K8sObject[] {
  return s.objects
    .filter(
      (o) =>
        isKind(o, info) &&
        (!info.namespaced ||
          namespace === undefined ||
          (o.metadata.namespace ?? 'default') === namespace),
    )
    .sort((a, b) => {
      const an = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
      const bn = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
      return an < bn ? -1 : an > bn ? 1 : 0;
    });
}

export function nextResourceVersion(s: ClusterState): string {
  s.internal.resourceVersion += 1;
  return String(s.internal.resourceVersion);
}

/** Server-set metadata of a newly created object. */
export function stampNew(s: ClusterState, o: K8sObject): void {
  o.metadata.uid = randomUUID();
  o.metadata.resourceVersion = nextResourceVersion(s);
  o.metadata.creationTimestamp = nowStamp();
  if (
    ![
      'Namespace',
      'Secret',
      'ConfigMap',
      'Service',
      'PersistentVolume',
      'PersistentVolumeClaim',
      'Pod',
    ].includes(o.kind)
  )
    o.metadata.generation = 1;
}

export function addObject(s: ClusterState, o: K8sObject): K8sObject {
  stampNew(s, o);
  s.objects.push(o);
  return o;
}

export function namespaceExists(s: ClusterState, name: string): boolean {
  const info = kindByName('Namespace') as KindInfo;
  return !!findObject(s, info, name);
}

export function deleteObject(s: ClusterState, o: K8sObject): void {
  const i = s.objects.indexOf(o);
  if (i < 0) return;
  s.objects.splice(i, 1);
  if (o.kind === 'Namespace') {
    for (const child of s.objects.filter((c) => c.metadata.namespace === o.metadata.name))
      deleteObject(s, child);
    // Helm keeps its release records in the namespace (Secrets): they go with it.
    s.releases = s.releases.filter((r) => r.namespace !== o.metadata.name);
  }
  const uid = o.metadata.uid;
  if (uid)
    for (const dep of s.objects.filter((c) =>
      c.metadata.ownerReferences?.some((r) => r.uid === uid),
    ))
      deleteObject(s, dep);
  reconcileVolumes(s);
}

/** The PV controller: static binding by volumeName, Released after the claim is gone. */
export function reconcileVolumes(s: ClusterState): void {
  const pvs = s.objects.filter((o) => o.kind === 'PersistentVolume');
  const pvcs = s.objects.filter((o) => o.kind === 'PersistentVolumeClaim');
  for (const pvc of pvcs) {
    const pv = pvs.find((p) => p.metadata.name === pvc.spec?.volumeName);
    if (!pv) continue;
    const ref = pv.spec?.claimRef;
    const mine = ref && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace;
    if (ref && !mine) continue;
    if (!ref || ref.uid !== pvc.metadata.uid) {
      pv.spec.claimRef = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: pvc.metadata.name,
        namespace: pvc.metadata.namespace,
        resourceVersion: pvc.metadata.resourceVersion,
        uid: pvc.metadata.uid,
      };
      pv.metadata.resourceVersion = nextResourceVersion(s);
    }
    setPhase(s, pv, 'Bound');
    setPhase(s, pvc, 'Bound');
  }
  for (const pv of pvs) {
    const ref = pv.spec?.claimRef;
    if (!ref) setPhase(s, pv, 'Available');
    else if (!pvcs.some((c) => c.metadata.uid === ref.uid && c.metadata.name === ref.name))
      // Retain keeps the volume and its claimRef: it stays Released until someone clears it.
      setPhase(s, pv, 'Released');
  }
  for (const pvc of pvcs) if (!pvc.status?.phase) setPhase(s, pvc, 'Pending');
}

function setPhase(s: ClusterState, o: K8sObject, phase: string): void {
  if (o.status?.phase === phase) return;
  o.status = { ...(o.status ?? {}), phase };
  o.metadata.resourceVersion = nextResourceVersion(s);
}
