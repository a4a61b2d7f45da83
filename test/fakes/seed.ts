// Ready-made pieces of cluster state for scenario tests, so each test states only what
// matters to it: a namespace, a Helm release, External Secrets with a Vault behind it,
// an installed JupyterHub whose hub service forwards to a real hub, a user's pod.
import { randomUUID } from 'node:crypto';
import type { ClusterState, HelmRelease, K8sObject } from './lib/types.js';
import { deployChart } from './helm/chart.js';

const stamp = '2025-01-01T00:00:00Z';

/** Adds an object with server-set metadata filled in (uid, resourceVersion, timestamp). */
export function withObject(s: ClusterState, o: K8sObject): K8sObject {
  s.internal.resourceVersion += 1;
  o.metadata = {
    uid: randomUUID(),
    resourceVersion: String(s.internal.resourceVersion),
    creationTimestamp: stamp,
    ...o.metadata,
  };
  s.objects.push(o);
  return o;
}

export function withNamespace(
  s: ClusterState,
  name: string,
  labels: Record<string, string> = {},
): void {
  if (s.objects.some((o) => o.kind === 'Namespace' && o.metadata.name === name)) return;
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...labels, 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}

/** A deployed release record (e.g. external-secrets, vault, kube-prometheus-stack). */
export function withRelease(
  s: ClusterState,
  r: Partial<HelmRelease> & { name: string; namespace: string },
): HelmRelease {
  withNamespace(s, r.namespace);
  const rel: HelmRelease = {
    chart: r.name,
    version: '1.0.0',
    appVersion: '1.0.0',
    revision: 1,
    status: 'deployed',
    values: null,
    firstDeployed: stamp,
    lastDeployed: stamp,
    ...r,
  };
  s.releases.push(rel);
  return rel;
}

/** ESO installed (CRDs, release, ClusterSecretStore vault-secret-store) and syncing from a Vault. */
export function withExternalSecrets(
  s: ClusterState,
  vault: { vaultAddress: string; vaultToken: string },
  namespace = 'external-secrets',
): void {
  for (const crd of [
    'externalsecrets.external-secrets.io',
    'clustersecretstores.external-secrets.io',
  ])
    if (!s.crds.includes(crd)) s.crds.push(crd);
  withRelease(s, {
    name: 'external-secrets',
    namespace,
    chart: 'external-secrets',
    version: '0.19.2',
    appVersion: 'v0.19.2',
  });
  withObject(s, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ClusterSecretStore',
    metadata: { name: 'vault-secret-store' },
    spec: {
      provider: { vault: { server: 'http://vault.vault:8200', path: 'secret', version: 'v2' } },
    },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Valid' }] },
  });
  s.simulations.externalSecrets = {
    vaultAddress: vault.vaultAddress,
    vaultToken: vault.vaultToken,
  };
}

/** The Z2JH release as `helm upgrade --install` leaves it, deployments ready, hub forwarded to hubTarget. */
export function withJupyterHub(
  s: ClusterState,
  namespace = 'jupyter',
  opts: { version?: string; hubTarget?: string; values?: Record<string, unknown> } = {},
): HelmRelease {
  const rel = withRelease(s, {
    name: 'jupyterhub',
    namespace,
    chart: 'jupyterhub',
    version: opts.version ?? '4.2.0',
    appVersion: opts.version === '4.3.2' ? '5.4.3' : '5.3.0',
    values: opts.values ?? {},
  });
  deployChart(s, rel, true);
  if (opts.hubTarget) s.services[`${namespace}/hub`] = { target: opts.hubTarget };
  return rel;
}

/** A singleuser-server pod of the user, labelled as KubeSpawner labels it. */
export function withUserPod(
  s: ClusterState,
  namespace: string,
  username: string,
  opts: { phase?: string; env?: Record<string, string>; name?: string } = {},
): K8sObject {
  return withObject(s, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: opts.name ?? `jupyter-${username}`,
      namespace,
      labels: {
        app: 'jupyterhub',
        component: 'singleuser-server',
        'hub.jupyter.org/username': username,
        'app.kubernetes.io/component': 'singleuser-server',
      },
    },
    spec: {
      containers: [
        {
          name: 'notebook',
          env: Object.entries(opts.env ?? {}).map(([name, value]) => ({ name, value })),
        },
      ],
    },
    status: { phase: opts.phase ?? 'Running' },
  });
}
