// The `singleuser`, `cull` and `ingress` sections of the rendered values, per
// spec/jupyterhub.md.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHelmYaml } from '../../support/z2jh.js';
import { PROFILES, baseEnv, onlyProfiles, type Profile, type TemplateEnv } from './env.js';
import { renderValues } from './render.js';
import { at, has, list, type Tree } from './tree.js';

const Singleuser = suite('jupyterhub values: singleuser, cull, ingress');

const values = (overrides: Partial<TemplateEnv> = {}): unknown =>
  parseHelmYaml(renderValues(baseEnv(overrides)).yaml);
const NFS = { JUPYTERHUB_NFS_PV_ENABLED: 'true', JUPYTER_NFS_IP: '10.0.0.5', JUPYTER_NFS_PATH: '/export/jupyter' };
const GPU = { JUPYTERHUB_GPU_ENABLED: 'true', JUPYTERHUB_GPU_LIMIT: '2' };
const AIRFLOW = { JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true' };

Singleuser('no iptables metadata block, no privilege escalation, image pulled if not present', () => {
  const su = at(values(), 'singleuser');
  assert.equal(at(su, 'cloudMetadata'), { blockWithIptables: false });
  assert.is(at(su, 'allowPrivilegeEscalation'), false);
  assert.equal(at(su, 'image'), { pullPolicy: 'IfNotPresent' });
});

Singleuser('extraPodConfig: non-root with the runtime default seccomp profile; nvidia runtime with GPU', () => {
  // fsGroup: extraPodConfig replaces the pod securityContext KubeSpawner builds, fsGroup included.
  const securityContext = {
    fsGroup: 100,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  assert.equal(at(values(), 'singleuser', 'extraPodConfig'), { securityContext });
  assert.equal(at(values(GPU), 'singleuser', 'extraPodConfig'), { securityContext, runtimeClassName: 'nvidia' });
  assert.is(at(values({ JUPYTER_FSGID: '1000' }), 'singleuser', 'extraPodConfig', 'securityContext', 'fsGroup'), 1000);
});

Singleuser('extraResource: nvidia.com/gpu limit as a string (as upstream writes it), only with GPU on', () => {
  assert.not.ok(has(values(), 'singleuser', 'extraResource'));
  assert.not.ok(has(values({ JUPYTERHUB_GPU_LIMIT: '3' }), 'singleuser', 'extraResource'));
  assert.equal(at(values(GPU), 'singleuser', 'extraResource'), { limits: { 'nvidia.com/gpu': '2' } });
});

Singleuser('extraEnv: Vault settings as strings; JUPYTERHUB_ALLOW_TOKEN_IN_URL "1" with MCP on', () => {
  const base = {
    VAULT_ADDR: 'https://vault.example.com',
    NOTEBOOK_VAULT_TOKEN_TTL: '24h',
    NOTEBOOK_VAULT_TOKEN_MAX_TTL: '168h',
  };
  assert.equal(at(values(), 'singleuser', 'extraEnv'), base);
  assert.equal(at(values({ JUPYTER_MCP_SERVER_ENABLED: 'true' }), 'singleuser', 'extraEnv'), {
    ...base,
    JUPYTERHUB_ALLOW_TOKEN_IN_URL: '1',
  });
  assert.is(at(values({ NOTEBOOK_VAULT_TOKEN_TTL: '86400' }), 'singleuser', 'extraEnv', 'NOTEBOOK_VAULT_TOKEN_TTL'), '86400');
});

Singleuser('storage: dynamic on the cluster default class when JUPYTERHUB_STORAGE_CLASS is empty', () => {
  assert.equal(at(values(), 'singleuser', 'storage'), {
    type: 'dynamic',
    dynamic: { storageAccessModes: ['ReadWriteOnce'] },
    capacity: '10Gi',
  });
});

Singleuser('storage: dynamic with the given class and capacity', () => {
  const doc = values({ JUPYTERHUB_STORAGE_CLASS: 'longhorn', JUPYTERHUB_STORAGE_CAPACITY: '20Gi' });
  assert.equal(at(doc, 'singleuser', 'storage'), {
    type: 'dynamic',
    dynamic: { storageClass: 'longhorn', storageAccessModes: ['ReadWriteOnce'] },
    capacity: '20Gi',
  });
});

Singleuser('storage: static on PVC jupyter-nfs-pvc with NFS (the storage class is then ignored)', () => {
  const expected = {
    type: 'static',
    // subPath is the chart's default, {username}
    static: { pvcName: 'jupyter-nfs-pvc' },
    capacity: '10Gi',
  };
  assert.equal(at(values(NFS), 'singleuser', 'storage'), expected);
  assert.equal(at(values({ ...NFS, JUPYTERHUB_STORAGE_CLASS: 'longhorn' }), 'singleuser', 'storage'), expected);
});

Singleuser('storage: Airflow on mounts airflow-dags-pvc read-write at /home/jovyan/airflow-dags', () => {
  for (const extra of [{}, NFS]) {
    const storage = at(values({ ...AIRFLOW, ...extra }), 'singleuser', 'storage') as Tree;
    assert.equal(storage.extraVolumes, [
      { name: 'airflow-dags', persistentVolumeClaim: { claimName: 'airflow-dags-pvc' } },
    ]);
    assert.equal(storage.extraVolumeMounts, [
      { name: 'airflow-dags', mountPath: '/home/jovyan/airflow-dags', readOnly: false },
    ]);
  }
  const off = at(values(), 'singleuser', 'storage');
  assert.not.ok(has(off, 'extraVolumes') || has(off, 'extraVolumeMounts'));
});

const NAMESPACE_PORTS: Record<string, number[]> = {
  postgres: [5432],
  qdrant: [6333, 6334, 6335],
  litellm: [4000],
  vault: [8200],
  clickhouse: [8123, 9000],
  airflow: [8080],
  minio: [9000, 9001],
  lakekeeper: [8181],
  falkordb: [6379],
};
const tcp = (port: number) => ({ port, protocol: 'TCP' });
const AIRFLOW_API_RULE = {
  to: [{ podSelector: { matchLabels: { release: 'airflow', component: 'api-server' } } }],
  ports: [tcp(8080)],
};
const anywhere = (ports: { port: number; protocol: string }[]) => ({
  to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
  ports,
});
// Three rules, as upstream writes them: DNS, HTTP, HTTPS.
const INTERNET_RULES = [
  anywhere([{ port: 53, protocol: 'UDP' }, tcp(53)]),
  anywhere([tcp(80)]),
  anywhere([tcp(443)]),
];
const namespaceRules = Object.entries(NAMESPACE_PORTS).map(([ns, ports]) => ({
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } }],
  ports: ports.map(tcp),
}));

Singleuser('networkPolicy.egress: platform namespaces, DNS and web; the Airflow API only with Airflow on', () => {
  assert.equal(at(values(), 'singleuser', 'networkPolicy'), {
    egress: [...namespaceRules, ...INTERNET_RULES],
  });
  assert.equal(at(values(AIRFLOW), 'singleuser', 'networkPolicy'), {
    egress: [AIRFLOW_API_RULE, ...namespaceRules, ...INTERNET_RULES],
  });
});

const IMAGES: Record<Profile, string> = {
  MINIMAL: 'quay.io/jupyter/minimal-notebook',
  BASE: 'quay.io/jupyter/base-notebook',
  DATASCIENCE: 'quay.io/jupyter/datascience-notebook',
  PYSPARK: 'quay.io/jupyter/pyspark-notebook',
  PYTORCH: 'quay.io/jupyter/pytorch-notebook',
  TENSORFLOW: 'quay.io/jupyter/tensorflow-notebook',
  BUUN_STACK: 'registry.test:5000/custom-notebook:python-3.12-99',
  BUUN_STACK_CUDA: 'registry.test:5000/custom-cuda-notebook:python-3.12-99',
};
const IMAGE_ENV = {
  IMAGE_REGISTRY: 'registry.test:5000',
  KERNEL_IMAGE_BUUN_STACK_REPOSITORY: 'custom-notebook',
  KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY: 'custom-cuda-notebook',
  JUPYTER_PYTHON_KERNEL_TAG: 'python-3.12-99',
};

function profileImages(doc: unknown): string[] {
  return list(doc, 'singleuser', 'profileList').map((entry) => {
    const e = entry as Tree;
    assert.equal(Object.keys(e).sort(), ['description', 'display_name', 'kubespawner_override']);
    assert.type(e.display_name, 'string');
    assert.ok((e.display_name as string).length > 0);
    assert.type(e.description, 'string');
    assert.ok((e.description as string).length > 0);
    assert.equal(Object.keys(e.kubespawner_override as Tree), ['image']);
    return at(e, 'kubespawner_override', 'image') as string;
  });
}

Singleuser('profileList: each profile alone gives one entry with its image', () => {
  for (const p of PROFILES) {
    assert.equal(profileImages(values({ ...IMAGE_ENV, ...onlyProfiles(p) })), [IMAGES[p]], p);
  }
});

Singleuser('profileList: the defaults give the datascience profile only', () => {
  assert.equal(profileImages(values()), ['quay.io/jupyter/datascience-notebook']);
});

Singleuser('profileList: several profiles keep the fixed order, whatever the switches', () => {
  assert.equal(profileImages(values({ ...IMAGE_ENV, ...onlyProfiles(...PROFILES) })), PROFILES.map((p) => IMAGES[p]));
  const some = values({ ...IMAGE_ENV, ...onlyProfiles('BUUN_STACK_CUDA', 'PYSPARK', 'BASE') });
  assert.equal(profileImages(some), [IMAGES.BASE, IMAGES.PYSPARK, IMAGES.BUUN_STACK_CUDA]);
  const names = list(values(onlyProfiles(...PROFILES)), 'singleuser', 'profileList').map((e) => (e as Tree).display_name);
  assert.is(new Set(names).size, PROFILES.length, 'display names are distinct');
});

Singleuser('profileList: no profile renders an empty (null) list; helm then drops the key', () => {
  const su = at(values(onlyProfiles()), 'singleuser') as Tree;
  assert.ok('profileList' in su);
  assert.is(su.profileList, null);
});

Singleuser('cull: 2 h idle timeout every 10 min, maxAge from JUPYTERHUB_CULL_MAX_AGE as an int', () => {
  const cull = { enabled: true, timeout: 7200, every: 600, maxAge: 604800, adminUsers: true, users: false };
  assert.equal(at(values(), 'cull'), cull);
  assert.equal(at(values({ JUPYTERHUB_CULL_MAX_AGE: '86400' }), 'cull'), { ...cull, maxAge: 86400 });
});

Singleuser('ingress: traefik on websecure with a sticky session cookie, TLS for the host', () => {
  assert.equal(at(values({ JUPYTERHUB_HOST: 'hub.example.org' }), 'ingress'), {
    enabled: true,
    ingressClassName: 'traefik',
    annotations: {
      'kubernetes.io/ingress.class': 'traefik',
      'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
      'traefik.ingress.kubernetes.io/service.sticky.cookie': 'true',
      'traefik.ingress.kubernetes.io/service.sticky.cookie.name': 'jupyter-session',
      'traefik.ingress.kubernetes.io/service.sticky.cookie.secure': 'true',
    },
    hosts: ['hub.example.org'],
    pathType: 'Prefix',
    tls: [{ hosts: ['hub.example.org'] }],
  });
});

Singleuser.run();
