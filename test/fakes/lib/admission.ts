// What the API server itself does to an object on create/update: defaults, Secret
// stringData folded into base64 data, and the immutable fields it refuses to change.
import type { ClusterState, K8sObject } from './types.js';
import { setNotReady } from './deployments.js';
import { sortKeys } from './print.js';

const VOLUME_SOURCES = [
  'nfs',
  'hostPath',
  'csi',
  'local',
  'iscsi',
  'cephfs',
  'rbd',
  'fc',
  'glusterfs',
];

/** The API server's defaulting and conversion, applied to every stored version. */
export function normalize(o: K8sObject): void {
  // Go drops empty maps (omitempty): `labels: {}` is stored as no labels.
  for (const k of ['labels', 'annotations'] as const)
    if (o.metadata[k] && !Object.keys(o.metadata[k] as object).length) delete o.metadata[k];
  if (o.kind === 'Secret') {
    o.type ??= 'Opaque';
    if (o.stringData) {
      o.data = { ...(o.data ?? {}) };
      for (const [k, v] of Object.entries(o.stringData as Record<string, string>))
        o.data[k] = Buffer.from(v ?? '').toString('base64');
      delete o.stringData;
    }
  }
  if (o.kind === 'Namespace') {
    o.metadata.labels = {
      ...(o.metadata.labels ?? {}),
      'kubernetes.io/metadata.name': o.metadata.name,
    };
    o.spec = { finalizers: ['kubernetes'], ...(o.spec ?? {}) };
    o.status = { phase: 'Active' };
  }
  if (o.kind === 'PersistentVolume') {
    o.spec ??= {};
    o.spec.volumeMode ??= 'Filesystem';
    o.spec.persistentVolumeReclaimPolicy ??= 'Retain';
  }
  if (o.kind === 'PersistentVolumeClaim') {
    o.spec ??= {};
    o.spec.volumeMode ??= 'Filesystem';
  }
  if (o.kind === 'StorageClass') {
    o.reclaimPolicy ??= 'Delete';
    o.volumeBindingMode ??= 'Immediate';
  }
  if (o.kind === 'Service') {
    o.spec ??= {};
    o.spec.type ??= 'ClusterIP';
  }
  if (o.kind === 'Deployment') {
    o.spec ??= {};
    o.spec.replicas ??= 1;
  }
}

/** Status a freshly created object starts with. */
export function initialStatus(s: ClusterState, o: K8sObject): void {
  if (o.kind === 'Deployment') setNotReady(s, o);
  if (o.kind === 'Pod') o.status ??= { phase: 'Pending' };
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

/** Field errors for an update that touches immutable fields (empty when allowed). */
export function immutableErrors(old: K8sObject, next: K8sObject): string[] {
  const errs: string[] = [];
  if (old.kind === 'ClusterRoleBinding' && !same(old.roleRef, next.roleRef))
    errs.push(`roleRef: Invalid value: ${JSON.stringify(next.roleRef)}: cannot change roleRef`);
  if (old.kind === 'Secret' && old.type !== next.type)
    errs.push(`type: Invalid value: "${next.type}": field is immutable`);
  if (old.kind === 'PersistentVolumeClaim') {
    const strip = (spec: any) => {
      const c = { ...(spec ?? {}) };
      if (c.resources) c.resources = { ...c.resources, requests: undefined };
      // The binder fills volumeName in; setting it to the bound volume is no change.
      if (!spec?.volumeName || spec.volumeName === old.spec?.volumeName) delete c.volumeName;
      return c;
    };
    if (!same(strip(old.spec), strip(next.spec)))
      errs.push(
        'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      );
  }
  if (old.kind === 'PersistentVolume') {
    const src = (spec: any) => VOLUME_SOURCES.map((k) => spec?.[k]);
    if (!same(src(old.spec), src(next.spec)))
      errs.push(
        'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation',
      );
  }
  if (old.kind === 'StorageClass') {
    if (old.provisioner !== next.provisioner)
      errs.push('provisioner: Forbidden: updates to provisioner are forbidden.');
    if (!same(old.parameters ?? {}, next.parameters ?? {}))
      errs.push('parameters: Forbidden: updates to parameters are forbidden.');
    if (old.reclaimPolicy !== next.reclaimPolicy)
      errs.push('reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.');
    if (old.volumeBindingMode !== next.volumeBindingMode)
      errs.push(
        `volumeBindingMode: Invalid value: "${next.volumeBindingMode}": field is immutable`,
      );
  }
  if (old.kind === 'Deployment' && !same(old.spec?.selector, next.spec?.selector))
    errs.push(
      `spec.selector: Invalid value: ${JSON.stringify(next.spec?.selector)}: field is immutable`,
    );
  return errs;
}
