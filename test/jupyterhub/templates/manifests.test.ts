// The Kubernetes manifests of templates/jupyterhub/, per the "Files" table of
// spec/jupyterhub.md.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { isWhitespaceOnly } from '../../../tasks/gomplate/index.js';
import { baseEnv } from './env.js';
import { renderTemplate, templateText } from './render.js';

const Manifests = suite('jupyterhub manifests');

const env = baseEnv({
  JUPYTERHUB_NAMESPACE: 'datastack',
  JUPYTER_NFS_IP: '192.168.10.1',
  JUPYTER_NFS_PATH: '/volume1/drive1/jupyter',
});

const EXTERNAL_SECRETS = [
  {
    file: 'jupyterhub-crypt-key-external-secret.gomplate.yaml',
    name: 'jupyterhub-crypt-key',
    secretKey: 'crypt-key',
    remoteRef: { key: 'jupyterhub/config', property: 'crypt-key' },
  },
  {
    file: 'jupyterhub-admin-service-token-external-secret.gomplate.yaml',
    name: 'jupyterhub-admin-service-token',
    secretKey: 'token',
    remoteRef: { key: 'jupyterhub/admin-service', property: 'token' },
  },
  {
    file: 'jupyterhub-vault-token-external-secret.gomplate.yaml',
    name: 'jupyterhub-vault-token',
    secretKey: 'token',
    remoteRef: { key: 'jupyterhub/vault-token', property: 'token' },
  },
];

for (const es of EXTERNAL_SECRETS) {
  Manifests(`ExternalSecret ${es.name} from Vault ${es.remoteRef.key}`, () => {
    assert.equal(parse(renderTemplate(es.file, env)), {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: es.name, namespace: 'datastack' },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault-secret-store', kind: 'ClusterSecretStore' },
        target: { name: es.name, creationPolicy: 'Owner' },
        data: [{ secretKey: es.secretKey, remoteRef: es.remoteRef }],
      },
    });
  });
}

Manifests('ServiceMonitor jupyterhub-hub when monitoring is on', () => {
  const out = renderTemplate('jupyterhub-servicemonitor.gomplate.yaml', { ...env, MONITORING_ENABLED: 'true' });
  assert.ok(out.startsWith('apiVersion:'), 'no leading blank line');
  const labels = { 'app.kubernetes.io/name': 'jupyterhub', 'app.kubernetes.io/component': 'hub' };
  assert.equal(parse(out), {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: 'jupyterhub-hub',
      namespace: 'datastack',
      labels: { ...labels, release: 'kube-prometheus-stack' },
    },
    spec: {
      jobLabel: 'jupyterhub-hub',
      selector: { matchLabels: labels },
      endpoints: [{ port: 'hub', path: '/hub/metrics', interval: '30s', scrapeTimeout: '10s' }],
    },
  });
});

Manifests('ServiceMonitor renders nothing (whitespace only) when monitoring is not "true"', () => {
  for (const value of ['false', '', 'TRUE', 'yes']) {
    const out = renderTemplate('jupyterhub-servicemonitor.gomplate.yaml', { ...env, MONITORING_ENABLED: value });
    assert.ok(isWhitespaceOnly(out), `MONITORING_ENABLED=${JSON.stringify(value)} gave ${JSON.stringify(out)}`);
  }
});

Manifests('PersistentVolume jupyter-nfs-pv on the NFS export', () => {
  assert.equal(parse(renderTemplate('nfs-pv.gomplate.yaml', env)), {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'jupyter-nfs-pv', labels: { type: 'jupyter-nfs', app: 'jupyterhub' } },
    spec: {
      capacity: { storage: '10Gi' },
      volumeMode: 'Filesystem',
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'jupyter-nfs-static',
      nfs: { server: '192.168.10.1', path: '/volume1/drive1/jupyter' },
    },
  });
});

Manifests('PersistentVolumeClaim jupyter-nfs-pvc binds jupyter-nfs-pv (static file)', () => {
  assert.equal(parse(templateText('nfs-pvc.yaml')), {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'jupyter-nfs-pvc' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: 'jupyter-nfs-static',
      selector: { matchLabels: { type: 'jupyter-nfs', app: 'jupyterhub' } },
      volumeName: 'jupyter-nfs-pv',
    },
  });
});

Manifests('StorageClass jupyter-nfs-static (static file)', () => {
  assert.equal(parse(templateText('jupyter-nfs-storage-class.yaml')), {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'jupyter-nfs-static' },
    provisioner: 'kubernetes.io/no-provisioner',
    volumeBindingMode: 'WaitForFirstConsumer',
    reclaimPolicy: 'Retain',
  });
});

Manifests('static files contain no template actions', () => {
  for (const file of ['nfs-pvc.yaml', 'jupyter-nfs-storage-class.yaml', 'user_policy.hcl', 'jupyterhub-admin-policy.hcl', 'vault-token-renewer.sh']) {
    assert.not.match(templateText(file), '{{', file);
  }
});

Manifests.run();
