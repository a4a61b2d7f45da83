// The global context flag of kubectl (--context) and helm (--kube-context): taken off the
// front of the line (where the project puts it) and checked against the kubeconfig file
// KUBECONFIG names (createFakeCluster writes one with context "fake"), failing with the
// real tool's message.
import { readFileSync } from 'node:fs';
import { CliError } from './io.js';

export function takeContext(
  argv: string[],
  flag: '--context' | '--kube-context',
): { context: string | undefined; rest: string[] } {
  // Only in front of the subcommand: after it, the words are the subcommand's.
  if (argv[0] === flag) return { context: argv[1], rest: argv.slice(2) };
  if (argv[0]?.startsWith(`${flag}=`))
    return { context: argv[0].slice(flag.length + 1), rest: argv.slice(1) };
  return { context: undefined, rest: argv };
}

/** Whether the kubeconfig file has the context. */
async function contextExists(env: NodeJS.ProcessEnv, context: string): Promise<boolean> {
  // yaml loads only when a context is named: most calls name none, and start-up counts.
  const { parse } = await import('yaml');
  let config: { contexts?: Array<{ name?: string }> } | null = null;
  try {
    config = parse(readFileSync(env.KUBECONFIG ?? '', 'utf8'));
  } catch {
    return false;
  }
  return (config?.contexts ?? []).some((c) => c.name === context);
}

export async function checkKubectlContext(
  env: NodeJS.ProcessEnv,
  context: string | undefined,
): Promise<void> {
  if (context !== undefined && !(await contextExists(env, context)))
    throw new CliError(
      1,
      `Error in configuration: context was not found for specified context: ${context}`,
    );
}

export async function checkHelmContext(
  env: NodeJS.ProcessEnv,
  context: string | undefined,
): Promise<void> {
  if (context !== undefined && !(await contextExists(env, context)))
    throw new CliError(
      1,
      `Error: Kubernetes cluster unreachable: context "${context}" does not exist`,
    );
}
