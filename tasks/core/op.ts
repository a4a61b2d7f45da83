import { TaskError } from './errors.js';
import type { Exec } from './exec.js';

/**
 * Resolves a 1Password reference (`op://vault/item/field`) with the `op` CLI.
 * The reference itself is not secret; the value is (the caller registers it).
 */
export async function resolveOpReference(exec: Exec, ref: string): Promise<string> {
  if (!exec.has('op')) {
    throw new TaskError(
      `cannot resolve ${ref}: the 1Password CLI (op) is not installed`,
      'install op and sign in, or put the plain value in .env.local',
    );
  }
  const result = await exec.query('op', ['read', ref], {
    allowFailure: true,
    timeoutMs: 60_000,
    secretOutput: true,
  });
  if (result.status !== 0) {
    throw new TaskError(
      `op read ${ref} failed: ${result.stderr.trim() || `exit ${result.status}`}`,
      'run `op signin` first',
    );
  }
  return result.stdout.replace(/\r?\n$/, '');
}
