// Reaching the "API server": the state file must be named and the cluster reachable,
// otherwise kubectl and helm fail exactly as they do without a cluster. Also applies the
// per-call delay that benchmarks use to model a real round-trip.
import { existsSync } from 'node:fs';
import { CliError } from './io.js';
import { readState } from './store.js';

const KUBECTL_DOWN =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?';
const HELM_DOWN =
  'Error: Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused';

/** Returns the state file path once the (simulated) API server answered. */
export async function connect(env: NodeJS.ProcessEnv, tool: 'kubectl' | 'helm'): Promise<string> {
  const path = env.FAKE_CLUSTER_STATE;
  const down = new CliError(1, tool === 'kubectl' ? KUBECTL_DOWN : HELM_DOWN);
  if (!path || !existsSync(path)) throw down;
  const s = readState(path);
  if (s.delayMs && s.delayMs > 0) await new Promise((r) => setTimeout(r, s.delayMs));
  if (!s.reachable) throw down;
  return path;
}

/** The per-call delay alone, for helm commands that reach chart repositories, not the cluster. */
export async function delay(path: string): Promise<void> {
  const ms = readState(path).delayMs;
  if (ms && ms > 0) await new Promise((r) => setTimeout(r, ms));
}

/** For commands that work without a cluster but keep their data in the state file. */
export function localState(env: NodeJS.ProcessEnv): string | undefined {
  const path = env.FAKE_CLUSTER_STATE;
  return path && existsSync(path) ? path : undefined;
}

/** Moves flags given before the subcommand (`kubectl -n ns get …`) behind it. */
export function splitSubcommand(
  argv: string[],
  valueFlags: string[],
): [string | undefined, string[]] {
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '--') {
    i += valueFlags.includes(argv[i]) ? 2 : 1;
  }
  return [argv[i], [...argv.slice(0, i), ...argv.slice(i + 1)]];
}
