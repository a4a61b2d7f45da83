import { join } from 'node:path';
import { Cleanup } from './cleanup.js';
import { Config } from './config.js';
import { Effects } from './effects.js';
import type { EnvFile } from './env-file.js';
import { Exec } from './exec.js';
import { httpTimeoutMs } from './http.js';
import { describeTarget } from './kube-target.js';
import { Logger } from './log.js';
import { resolveOpReference } from './op.js';
import { Plan } from './plan.js';
import { projectRoot } from './paths.js';
import { Prompter } from './prompt.js';
import { Secrets } from './secrets.js';
import { writeStdout } from './stdout.js';
import type { Style } from './style.js';

/**
 * Everything a recipe may use, passed explicitly (no globals): a recipe calling
 * another's function hands over the same ctx, so dry-run, --yes, the logger and
 * the list of secrets to redact carry through the chain.
 */
export interface Ctx {
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly cwd: string;
  readonly log: Logger;
  readonly exec: Exec;
  /** every effect that is not a process: queries run, changes are planned under --dry-run */
  readonly effects: Effects;
  /** the plan a dry run writes to stdout at its end */
  readonly plan: Plan;
  readonly prompt: Prompter;
  readonly config: Config;
  readonly secrets: Secrets;
  readonly cleanup: Cleanup;
  /** the bound of every HTTP call, in ms (TASKS_HTTP_TIMEOUT) */
  readonly httpTimeoutMs: number;
  /** the process environment at start (read-only view) */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** a deliberate result on stdout (token, JSON) with a final newline; never redacted, never styled */
  out(text: string): void;
  /** raw bytes on stdout (rendered templates: Go strings may hold invalid UTF-8) */
  write(text: string | Uint8Array): void;
  /** git-ignored folder for a namespace's rendered files */
  outDir(namespace: string): string;
  /** one answer per run for a query many steps ask (helm list); `forget` after a change */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  forget(key: string): void;
  /**
   * The end of a run: under --dry-run the plan goes to stdout (progress and warnings
   * stayed on stderr), so `--dry-run > plan.sh` keeps it; nothing when nothing was planned.
   * `failure` marks it incomplete (the script then stops at its top).
   */
  finish(failure?: string): void;
}

export interface ContextOptions {
  dryRun?: boolean;
  yes?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  /** colours for stderr lines (plain by default) */
  style?: Style;
  interactive?: boolean;
  cwd?: string;
  env?: Record<string, string | undefined>;
  envFile?: EnvFile;
  bins?: Record<string, string>;
  /** --context: the kube context for every kubectl and helm call (else KUBE_CONTEXT) */
  kubeContext?: string;
  /** SIGTERM → SIGKILL grace for stopped commands (tests shorten it) */
  killGraceMs?: number;
  /** where stderr lines go (tests collect them) */
  writeErr?: (text: string) => void;
  writeOut?: (text: string | Uint8Array) => void;
  tty?: boolean;
}

export function createContext(o: ContextOptions = {}): Ctx {
  const env = o.env ?? process.env;
  const cwd = o.cwd ?? process.cwd();
  const secrets = new Secrets();
  const cleanup = new Cleanup();
  const log = new Logger(secrets, {
    quiet: o.quiet ?? false,
    verbose: o.verbose ?? false,
    style: o.style,
    write: o.writeErr,
    tty: o.tty,
  });
  const config = new Config(env, o.envFile, secrets, (ref) => resolveOpReference(exec, ref));
  const dryRun = o.dryRun ?? false;
  const outRoot = env.TASKS_OUT_DIR ?? join(projectRoot, 'out');
  const plan = new Plan(secrets, () => join(outRoot, 'plan'));
  const childEnv = { ...config.childEnv(), ...env };
  const exec: Exec = new Exec({
    dryRun,
    log,
    plan,
    secrets,
    cleanup,
    env: childEnv,
    kubeContext: o.kubeContext || childEnv.KUBE_CONTEXT?.trim() || undefined,
    bins: o.bins,
    killGraceMs: o.killGraceMs,
    cwd,
  });
  const yes = o.yes ?? false;
  const interactive = (o.interactive ?? true) && !yes;
  const prompt = new Prompter({
    interactive,
    yes,
    log,
    secrets,
    // A destructive question names the cluster it is about.
    target: async () => describeTarget(await exec.kubeTarget()),
  });
  const effects = new Effects({
    dryRun,
    log,
    plan,
    prompt,
    cleanup,
    httpTimeoutMs: httpTimeoutMs(env),
  });
  const writeOut = o.writeOut ?? writeStdout;
  const memos = new Map<string, Promise<unknown>>();
  return {
    dryRun,
    yes,
    cwd,
    log,
    exec,
    effects,
    plan,
    prompt,
    config,
    secrets,
    cleanup,
    httpTimeoutMs: httpTimeoutMs(env),
    env,
    out: (text) => writeOut(text.endsWith('\n') ? text : `${text}\n`),
    write: (text) => writeOut(text),
    outDir: (namespace) => join(outRoot, namespace),
    memo: <T>(key: string, fn: () => Promise<T>) => {
      let p = memos.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fn();
        memos.set(key, p);
        p.catch(() => memos.delete(key));
      }
      return p;
    },
    forget: (key) => void memos.delete(key),
    finish: (failure) => {
      // A run that planned nothing (a read-only recipe) leaves stdout to its result.
      if (dryRun && !plan.empty) writeOut(plan.render(failure));
    },
  };
}
