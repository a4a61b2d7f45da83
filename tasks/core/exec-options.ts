import type { Cleanup } from './cleanup.js';
import type { Logger } from './log.js';
import type { Plan } from './plan.js';
import type { Started } from './process.js';
import type { Secrets } from './secrets.js';

/** What a caller may ask of one command on the exec road (tasks/core/exec.ts). */
export interface RunOptions {
  /** stdin for the child: the only way a secret reaches a command (besides env) */
  input?: string;
  /** extra environment for the child; values are redacted when printed */
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  /** return a non-zero result instead of throwing */
  allowFailure?: boolean;
  /** why this change is made, printed in dry-run plans */
  describe?: string;
  /** stdout carries a secret (op read, a Secret's data): never echoed, even with --verbose */
  secretOutput?: boolean;
}

export interface Result {
  stdout: string;
  stderr: string;
  /** null when the process was killed (timeout, signal) */
  status: number | null;
}

export type Background = Started;

export interface ExecOptions {
  dryRun: boolean;
  log: Logger;
  /** where planned changes go under --dry-run */
  plan: Plan;
  secrets: Secrets;
  cleanup: Cleanup;
  /** environment every child starts from (process env + env-file values) */
  env: Record<string, string | undefined>;
  /** command name → executable path, so tests can swap in fakes */
  bins?: Record<string, string>;
  /** --context / KUBE_CONTEXT: passed to every kubectl (--context) and helm (--kube-context) */
  kubeContext?: string;
  /** SIGTERM → SIGKILL grace when a command is stopped (process.ts's default otherwise) */
  killGraceMs?: number;
  cwd: string;
}
