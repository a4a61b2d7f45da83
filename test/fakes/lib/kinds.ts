// The resource types the fakes model, with the names kubectl accepts for each (plural,
// singular, short names, `name.group`, `name.version.group`, any case), and the texts
// the API server uses for them in messages.
import type { ClusterState } from './types.js';
import { CliError, Unsupported } from './io.js';

export interface KindInfo {
  kind: string;
  group: string;
  versions: string[];
  plural: string;
  short: string[];
  namespaced: boolean;
  /** CRD name when the type is not built in. */
  crd?: string;
}

const k = (
  kind: string,
  group: string,
  versions: string[],
  plural: string,
  short: string[],
  namespaced: boolean,
  crd?: boolean,
): KindInfo => ({
  kind,
  group,
  versions,
  plural,
  short,
  namespaced,
  ...(crd ? { crd: `${plural}.${group}` } : {}),
});

export const KINDS: KindInfo[] = [
  k('Namespace', '', ['v1'], 'namespaces', ['ns'], false),
  k('Secret', '', ['v1'], 'secrets', [], true),
  k('ConfigMap', '', ['v1'], 'configmaps', ['cm'], true),
  k('Pod', '', ['v1'], 'pods', ['po'], true),
  k('Service', '', ['v1'], 'services', ['svc'], true),
  k('PersistentVolume', '', ['v1'], 'persistentvolumes', ['pv'], false),
  k('PersistentVolumeClaim', '', ['v1'], 'persistentvolumeclaims', ['pvc'], true),
  k('Deployment', 'apps', ['v1'], 'deployments', ['deploy'], true),
  k('StorageClass', 'storage.k8s.io', ['v1'], 'storageclasses', ['sc'], false),
  k('ServiceAccount', '', ['v1'], 'serviceaccounts', ['sa'], true),
  k('ClusterRoleBinding', 'rbac.authorization.k8s.io', ['v1'], 'clusterrolebindings', [], false),
  k('Role', 'rbac.authorization.k8s.io', ['v1'], 'roles', [], true),
  k('RoleBinding', 'rbac.authorization.k8s.io', ['v1'], 'rolebindings', [], true),
  k('Job', 'batch', ['v1'], 'jobs', [], true),
  k('Node', '', ['v1'], 'nodes', ['no'], false),
  k(
    'ExternalSecret',
    'external-secrets.io',
    ['v1', 'v1beta1'],
    'externalsecrets',
    ['es'],
    true,
    true,
  ),
  k(
    'ClusterSecretStore',
    'external-secrets.io',
    ['v1', 'v1beta1'],
    'clustersecretstores',
    ['css'],
    false,
    true,
  ),
  k('ServiceMonitor', 'monitoring.coreos.com', ['v1'], 'servicemonitors', ['smon'], true, true),
  k('Keycloak', 'k8s.keycloak.org', ['v2beta1'], 'keycloaks', ['kc'], true, true),
];

/** Real built-in types the project never touches: naming them is "unsupported", not unknown. */
const UNMODELLED = new Set(
  (
    'ingress ingresses ing event events ev ' +
    'replicaset replicasets rs statefulset statefulsets sts daemonset daemonsets ds ' +
    'cronjob cronjobs cj clusterrole clusterroles ' +
    'networkpolicy networkpolicies netpol endpoints ep ' +
    'customresourcedefinition customresourcedefinitions crd crds all limitrange limitranges ' +
    'resourcequota resourcequotas quota poddisruptionbudget poddisruptionbudgets pdb ' +
    'horizontalpodautoscaler horizontalpodautoscalers hpa'
  ).split(' '),
);

export function installed(info: KindInfo, s: ClusterState): boolean {
  return !info.crd || s.crds.includes(info.crd);
}

/** Resolves a type token as typed on the kubectl command line. */
export function resolveType(token: string, s: ClusterState, tool = 'kubectl'): KindInfo {
  const lower = token.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const qualifier = dot < 0 ? '' : lower.slice(dot + 1);
  for (const info of KINDS) {
    const names = [info.plural, info.kind.toLowerCase(), ...info.short];
    if (!names.includes(name)) continue;
    const groupOk =
      qualifier === '' ||
      qualifier === info.group ||
      info.versions.some((v) => qualifier === (info.group ? `${v}.${info.group}` : v));
    if (groupOk && installed(info, s)) return info;
  }
  if (UNMODELLED.has(name)) throw new Unsupported(tool, `resource type "${token}"`);
  throw new CliError(1, `error: the server doesn't have a resource type "${token}"`);
}

/** Maps apiVersion + kind of a manifest, as the REST mapper does for `apply`. */
export function mapKind(apiVersion: string, kind: string, s: ClusterState): KindInfo | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return KINDS.find(
    (i) => i.kind === kind && i.group === group && i.versions.includes(version) && installed(i, s),
  );
}

export function kindByName(kind: string): KindInfo | undefined {
  return KINDS.find((i) => i.kind === kind);
}

/** "secrets", "deployments.apps": how the API server names the resource in errors. */
export const groupResource = (i: KindInfo): string =>
  i.group ? `${i.plural}.${i.group}` : i.plural;
/** "secret", "deployment.apps": the prefix kubectl prints in `-o name` and status lines. */
export const kindString = (i: KindInfo): string =>
  i.group ? `${i.kind.toLowerCase()}.${i.group}` : i.kind.toLowerCase();

export const notFound = (i: KindInfo, name: string): string =>
  `Error from server (NotFound): ${groupResource(i)} "${name}" not found`;

/** The API server's Forbidden message as kubectl prints it (authorizer's forbiddenMessage). */
export function forbidden(
  i: KindInfo,
  user: string,
  name: string | undefined,
  namespace: string | undefined,
): string {
  const verb = name === undefined ? 'list' : 'get';
  const what = name === undefined ? groupResource(i) : `${groupResource(i)} "${name}"`;
  const scope =
    i.namespaced && namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return `Error from server (Forbidden): ${what} is forbidden: User "${user}" cannot ${verb} resource "${i.plural}" in API group "${i.group}" ${scope}`;
}
