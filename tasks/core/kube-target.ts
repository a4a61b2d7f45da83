import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

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

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: Array<{ name?: string; context?: { cluster?: string } }>;
  clusters?: Array<{ name?: string; cluster?: { server?: string } }>;
}

/**
 * The context (named, else current) and its API server, read from the kubeconfig files as
 * kubectl merges them: KUBECONFIG's files in order (else ~/.kube/config), the first to set
 * a value wins. Read directly, not through `kubectl config view`: saying which cluster a
 * run is for costs no process. Undefined when there is no such context.
 */
export async function readKubeTarget(
  env: Readonly<Record<string, string | undefined>>,
  context: string | undefined,
): Promise<KubeTarget | undefined> {
  const files = env.KUBECONFIG
    ? env.KUBECONFIG.split(delimiter).filter(Boolean)
    : env.HOME
      ? [join(env.HOME, '.kube', 'config')]
      : [];
  const configs: KubeconfigFile[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // kubectl skips a listed file that does not exist
    }
    const { parse } = await import('yaml');
    try {
      configs.push((parse(text) as KubeconfigFile | null) ?? {});
    } catch {
      return undefined; // kubectl would refuse it too; its own error says why
    }
  }
  const name = context ?? configs.find((c) => c['current-context'])?.['current-context'];
  if (!name) return undefined;
  const ctx = configs.flatMap((c) => c.contexts ?? []).find((c) => c.name === name);
  const cluster = ctx?.context?.cluster;
  const server = configs.flatMap((c) => c.clusters ?? []).find((c) => c.name === cluster)
    ?.cluster?.server;
  return ctx && server ? { context: name, server } : undefined;
}

export const describeTarget = (t: KubeTarget | undefined): string =>
  t
    ? `kube context ${t.context}, API server ${t.server}`
    : 'no kube context found in the kubeconfig';
