// The shared "cluster" every fake CLI reads and writes: one JSON file per test
// (FAKE_CLUSTER_STATE). Tests build it with createFakeCluster() and inspect it with
// state()/object()/release(). Longer than most files because it is the documented schema.

/** A Kubernetes object as the API server would return it (apiVersion, kind, metadata, …). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    generation?: number;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }>;
    [k: string]: unknown;
  };
  [k: string]: any;
}

export interface HelmRelease {
  name: string;
  namespace: string;
  /** Chart name without version, e.g. "jupyterhub". */
  chart: string;
  version: string;
  appVersion: string;
  revision: number;
  /** deployed | failed | pending-install | … */
  status: string;
  /** User-supplied values (the merged -f files), what `helm get values` prints. */
  values: Record<string, unknown> | null;
  firstDeployed?: string;
  lastDeployed?: string;
  description?: string;
  /** Objects the chart created: deleted again by `helm uninstall`. */
  resources?: Array<{ apiVersion: string; kind: string; name: string; namespace?: string }>;
}

export interface ChartVersion {
  version: string;
  appVersion: string;
}

/** Result of a simulated command inside a pod or of a vault CLI call. */
export interface CannedResult {
  stdout?: string;
  stderr?: string;
  code: number;
}

export interface ImageRecord {
  id: string;
  context: string;
  created: string;
}

export interface BuildRecord {
  tool: string;
  tags: string[];
  buildArgs: Record<string, string>;
  /** Absolute path of the build context. */
  context: string;
  cwd: string;
  /** Files present in the context at build time (relative paths, sorted). */
  files: string[];
  env: Record<string, string>;
  ok: boolean;
  time: number;
}

export interface ContainerEngineSim {
  /** docker: "Cannot connect to the Docker daemon…"; podman: its socket error. */
  daemonDown?: boolean;
  /** true or a message: the build fails (after recording it). */
  failBuild?: boolean | string;
  /** A message: the push fails with it. */
  failPush?: string;
}

export interface VaultCliSim {
  /** Tokens the simulated Vault knows (lookup/renew). */
  tokens?: Record<
    string,
    { ttl: number; renewable: boolean; policies?: string[]; displayName?: string }
  >;
  /** Token that `vault login -method=oidc` obtains; absent = login fails. */
  oidcToken?: string;
  /** The token helper's stored token (~/.vault-token), set by login. */
  storedToken?: string;
  /** Overrides per command ("token lookup", "token renew", "login", "print token"). */
  results?: Record<string, CannedResult>;
}

export interface Simulations {
  /**
   * ExternalSecrets become Ready (and their target Secret is written) when every
   * remoteRef exists in this Vault's KV v2 mount (GET {vaultAddress}/v1/{mount}/data/{key}).
   * The ES's ClusterSecretStore must exist too, as with the real operator.
   */
  externalSecrets?: { vaultAddress: string; vaultToken: string; mount?: string };
  /**
   * Number of `kubectl get` polls that still see a deployment created/updated by helm or
   * apply as not ready (0 = ready at the first poll; "never" = never). Per deployment name
   * when an object is given (names missing from it count as 0).
   */
  deploymentsReadyAfterPolls?: number | 'never' | Record<string, number | 'never'>;
  /**
   * Time instead of polls: a deployment (re)created by helm or apply becomes ready this many
   * milliseconds later, whoever looks and however often (wins over deploymentsReadyAfterPolls).
   */
  deploymentsReadyAfterMs?: number;
  /** `kubectl exec` results: key "NS/POD" → { "<argv joined by spaces>": result }. */
  exec?: Record<string, Record<string, CannedResult>>;
  docker?: ContainerEngineSim;
  podman?: ContainerEngineSim;
  vaultCli?: VaultCliSim;
  /** `op read` values by reference; signedIn false = every read fails as signed out. */
  op?: { signedIn?: boolean; items: Record<string, string> };
  /** `ssh HOST COMMAND` results: host → { command → result }; unknown hosts do not resolve. */
  ssh?: Record<string, Record<string, CannedResult>>;
  /** `kubectl config`: the local kubeconfig's contexts, clusters and users. */
  kubeconfig?: {
    currentContext?: string;
    contexts: Array<{ name: string; cluster: string; user: string }>;
    clusters: string[];
    users: string[];
  };
  /** `kubectl logs deployment/NAME -c C`: text by "NS/deployment/NAME/C". */
  logs?: Record<string, string>;
  /**
   * RBAC that says no: `kubectl get` of these resources (plural names, e.g. "deployments")
   * fails with the API server's Forbidden message for `user`.
   */
  forbidden?: { user: string; resources: string[] };
  /** Make `helm upgrade --install` of this release fail with the given message. */
  helmFailures?: Record<string, string>;
}

export interface ClusterState {
  /** false = every kubectl/helm call that needs the API server fails as unreachable. */
  reachable: boolean;
  /** Sleep this long at the start of every kubectl/helm call (benchmarks use 100). */
  delayMs?: number;
  /** Installed CRDs by name, e.g. "externalsecrets.external-secrets.io". */
  crds: string[];
  /** Every object, namespaces included (kind Namespace). */
  objects: K8sObject[];
  releases: HelmRelease[];
  /** `helm repo add` results (local helm config in reality; kept here for the tests). */
  helmRepos: Array<{ name: string; url: string }>;
  /** What each chart repository URL serves: chart name → versions. */
  chartIndex: Record<string, Record<string, ChartVersion[]>>;
  /** Port-forward targets: service name (or "NS/name") → where to proxy ("127.0.0.1:8081"). */
  services: Record<string, { target?: string; error?: string }>;
  /** Images per container engine, by tag. */
  images: Record<string, Record<string, ImageRecord>>;
  builds: BuildRecord[];
  pushes: Array<{ tool: string; image: string; ok: boolean; time: number }>;
  simulations: Simulations;
  /** Bookkeeping of the fakes themselves (resourceVersion counter, readiness polls). */
  internal: {
    resourceVersion: number;
    pendingDeployments: Record<string, number>;
    /** when a pending deployment becomes ready (epoch ms), under deploymentsReadyAfterMs */
    deploymentsReadyAt?: Record<string, number>;
    /** when each deployment became ready on that clock (epoch ms), kept for measurements */
    deploymentsReadySince?: Record<string, number>;
  };
}

export const JUPYTERHUB_REPO_URL = 'https://jupyterhub.github.io/helm-chart';

/** A reachable cluster with namespaces default and kube-system, no releases, no CRDs. */
export function emptyCluster(): ClusterState {
  const ns = (name: string): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name },
      uid: `00000000-0000-4000-8000-${name === 'default' ? '000000000001' : '000000000002'}`,
      resourceVersion: name === 'default' ? '1' : '2',
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
  return {
    reachable: true,
    crds: [],
    objects: [ns('default'), ns('kube-system')],
    releases: [],
    helmRepos: [],
    chartIndex: {
      [JUPYTERHUB_REPO_URL]: {
        jupyterhub: [
          { version: '4.2.0', appVersion: '5.3.0' },
          { version: '4.3.2', appVersion: '5.4.3' },
        ],
      },
    },
    services: {},
    images: {},
    builds: [],
    pushes: [],
    simulations: {},
    internal: { resourceVersion: 100, pendingDeployments: {} },
  };
}
