// The local stack's dynamic volume provisioner, for StorageClass "standard" (the default
// class): KWOK nodes mount nothing, but the scheduler will not place a pod whose claim is
// unbound (the hub's sqlite PVC, user home PVCs). For each Pending claim of that class it
// creates a hostPath PersistentVolume pre-bound to the claim, which the real PV controller
// then binds; a Released volume it provisioned is deleted, as reclaimPolicy Delete asks.
// Usage: node volume-provisioner.js <kubeconfig> <volumes-dir>   (runs until SIGTERM)
import { join } from 'node:path';
import { ApiError, kubeClient } from './kube-api.js';

export const PROVISIONER = 'buun-stack.local/hostpath';
export const STORAGE_CLASS = 'standard';

const kube = kubeClient(process.argv[2]);
const volumes = process.argv[3];
const log = (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);

async function defaultClass() {
  const classes = (await kube('GET', '/apis/storage.k8s.io/v1/storageclasses')).items;
  return classes.find(
    (c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
  )?.metadata.name;
}

async function provision(pvc, className) {
  const name = `pvc-${pvc.metadata.uid}`;
  const pv = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
    spec: {
      capacity: { storage: pvc.spec.resources?.requests?.storage ?? '1Gi' },
      accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: className,
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      hostPath: { path: join(volumes, name), type: 'DirectoryOrCreate' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: pvc.metadata.namespace,
        name: pvc.metadata.name,
        uid: pvc.metadata.uid,
      },
    },
  };
  try {
    await kube('POST', '/api/v1/persistentvolumes', pv);
    log(`provisioned ${name} for ${pvc.metadata.namespace}/${pvc.metadata.name}`);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 409)) throw err;
  }
}

let stopping = false;
process.on('SIGTERM', () => (stopping = true));
process.on('SIGINT', () => (stopping = true));
log('volume provisioner started');
while (!stopping) {
  try {
    const fallback = await defaultClass();
    const claims = (await kube('GET', '/api/v1/persistentvolumeclaims')).items;
    for (const pvc of claims) {
      const className = pvc.spec.storageClassName ?? fallback;
      if (className !== STORAGE_CLASS || pvc.status?.phase !== 'Pending' || pvc.spec.volumeName)
        continue;
      if (pvc.metadata.deletionTimestamp) continue;
      await provision(pvc, className);
    }
    const pvs = (await kube('GET', '/api/v1/persistentvolumes')).items;
    for (const pv of pvs) {
      const ours = pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] === PROVISIONER;
      if (
        ours &&
        pv.status?.phase === 'Released' &&
        pv.spec.persistentVolumeReclaimPolicy === 'Delete'
      ) {
        await kube('DELETE', `/api/v1/persistentvolumes/${pv.metadata.name}`);
        log(`deleted released ${pv.metadata.name}`);
      }
    }
  } catch (err) {
    log(`provision: ${err.message}`);
  }
  await new Promise((r) => setTimeout(r, 1_000));
}
log('stopped');
