// The call log (FAKE_CALL_LOG, JSON lines): one record per finished call, appended with a
// single write so parallel calls do not interleave. Token-like environment values are
// recorded as "***": the log must never hold a credential in clear.
import { appendFileSync } from 'node:fs';

export interface CallRecord {
  tool: string;
  argv: string[];
  stdin: string;
  cwd: string;
  env: Record<string, string>;
  /** Start time, ms since the epoch. */
  time: number;
  durationMs: number;
  exit: number;
}

const ENV_KEPT = [
  'KUBECONFIG',
  'DOCKER_BUILDKIT',
  'VAULT_ADDR',
  'VAULT_TOKEN',
  'VAULT_FORMAT',
  'HELM_NAMESPACE',
  'JUPYTERHUB_VAULT_TOKEN_TTL',
  'SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK',
  'OP_SERVICE_ACCOUNT_TOKEN',
  'KEYCLOAK_ADMIN_PASSWORD',
];
const SECRET_NAME = /TOKEN|PASSWORD|SECRET/;

export function envSubset(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ENV_KEPT) {
    const v = env[k];
    if (v !== undefined) out[k] = SECRET_NAME.test(k) && v !== '' ? '***' : v;
  }
  return out;
}

export function appendCall(path: string | undefined, rec: CallRecord): void {
  if (!path) return;
  appendFileSync(path, `${JSON.stringify(rec)}\n`);
}
