/**
 * Which cluster a run talks to. `--context NAME` (or KUBE_CONTEXT) reaches every kubectl
 * call as `--context` and every helm call as `--kube-context`, so no step of a run can
 * land on another cluster than the one named; the plan, the confirmations and the
 * install summary say which context and API server that is.
 */

export interface KubeTarget {
  /** the kube context (the one named, else the kubeconfig's current context) */
  context: string;
  /** its cluster's API server URL */
  server: string;
}

/** The run's argv for `cmd` with the context flag in front (kubectl and helm only). */
export function withKubeContext(
  cmd: string,
  args: readonly string[],
  context: string | undefined,
): readonly string[] {
  if (!context) return args;
  // `kubectl config …` reads and edits the kubeconfig itself (it may create the context).
  if (cmd === 'kubectl' && args[0] !== 'config') return ['--context', context, ...args];
  if (cmd === 'helm') return ['--kube-context', context, ...args];
  return args;
}

/** `kubectl config view --minify -o json`, read down to the context and its server. */
export function parseMinifiedConfig(json: string): KubeTarget | undefined {
  try {
    const view = JSON.parse(json) as {
      'current-context'?: string;
      clusters?: Array<{ cluster?: { server?: string } }>;
    };
    const context = view['current-context'];
    const server = view.clusters?.[0]?.cluster?.server;
    return context && server ? { context, server } : undefined;
  } catch {
    return undefined;
  }
}

export const describeTarget = (t: KubeTarget | undefined): string =>
  t
    ? `kube context ${t.context}, API server ${t.server}`
    : 'an unknown kube context (kubectl config view --minify named none)';
