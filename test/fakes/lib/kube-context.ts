// The global context flag of kubectl (--context) and helm (--kube-context): taken off the
// front of the line (where the project puts it) and checked against the simulated
// kubeconfig, failing with the real tool's message. Without a simulated kubeconfig any
// name is accepted (the fake does not model one).
import { CliError } from './io.js';
import { localState } from './cluster.js';
import { readState } from './store.js';

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

/** Whether the simulated kubeconfig has the context (true when there is none to check). */
export function contextExists(env: NodeJS.ProcessEnv, context: string): boolean {
  const path = localState(env);
  const kc = path ? readState(path).simulations.kubeconfig : undefined;
  return !kc || kc.contexts.some((c) => c.name === context);
}

export function checkKubectlContext(env: NodeJS.ProcessEnv, context: string | undefined): void {
  if (context !== undefined && !contextExists(env, context))
    throw new CliError(
      1,
      `Error in configuration: context was not found for specified context: ${context}`,
    );
}

export function checkHelmContext(env: NodeJS.ProcessEnv, context: string | undefined): void {
  if (context !== undefined && !contextExists(env, context))
    throw new CliError(
      1,
      `Error: Kubernetes cluster unreachable: context "${context}" does not exist`,
    );
}
