/**
 * What a child process may see of the run's environment (process env + env file).
 * kubectl does not need VAULT_TOKEN, nor helm KEYCLOAK_ADMIN_PASSWORD: each command
 * gets the general names below plus its own tool's, and values a call passes
 * explicitly (RunOptions.env). TASKS_CHILD_ENV adds names for a wrapper around a
 * tool (comma-separated; `NAME_*` for a prefix).
 */
const GENERAL = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TERM',
  'TMPDIR',
  'NO_COLOR',
  'XDG_*',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

// Cloud credentials stay: a kubeconfig's exec plugin (aws eks get-token,
// gke-gcloud-auth-plugin, kubelogin) authenticates with them.
const KUBE = [
  'KUBECONFIG',
  'KUBE_*',
  'HELM_*',
  'AWS_*',
  'GOOGLE_*',
  'CLOUDSDK_*',
  'AZURE_*',
  'KUBELOGIN_*',
];
const CONTAINERS = [
  'DOCKER_*',
  'BUILDKIT_*',
  'BUILDAH_*',
  'CONTAINERS_*',
  'CONTAINER_HOST',
  'CONTAINER_CONNECTION',
  'REGISTRY_AUTH_FILE',
  'XDG_RUNTIME_DIR',
  'DBUS_SESSION_BUS_ADDRESS',
  'SSH_AUTH_SOCK',
];

const PER_TOOL: Record<string, readonly string[]> = {
  kubectl: KUBE,
  helm: KUBE,
  docker: CONTAINERS,
  podman: CONTAINERS,
  // The vault CLI logs in (OIDC) and prints the token it stored; it never needs ours
  // (and its browser needs the desktop session).
  vault: [
    'VAULT_ADDR',
    'VAULT_CACERT',
    'VAULT_CAPATH',
    'VAULT_SKIP_VERIFY',
    'VAULT_NAMESPACE',
    'DISPLAY',
    'WAYLAND_DISPLAY',
    'BROWSER',
    'DBUS_SESSION_BUS_ADDRESS',
  ],
  op: ['OP_*'],
};

const matches = (name: string, patterns: readonly string[]) =>
  patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));

export function childEnvironment(
  cmd: string,
  env: Readonly<Record<string, string | undefined>>,
  explicit: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const extra = (env.TASKS_CHILD_ENV ?? '').split(/[\s,]+/).filter(Boolean);
  const allowed = [...GENERAL, ...(PER_TOOL[cmd] ?? []), ...extra];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && matches(name, allowed)) out[name] = value;
  return { ...out, ...explicit };
}
