import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { httpJson, type HttpAnswer, type HttpRequest } from './http.js';
import type { Logger } from './log.js';
import type { Plan, PlannedCommand } from './plan.js';
import type { Prompter } from './prompt.js';

export type { PlannedCommand };

/** One change to the world outside this process (a Vault write, a Keycloak call, a file). */
export interface Change {
  /** what it does, for the plan and the debug echo ("write policy jupyterhub-admin") */
  describe: string;
  /**
   * The command an operator could run instead (`vault write …`): the plan shows it
   * as a runnable line, secrets as `${NAME:?…}` references. Without it the plan
   * shows the description as a comment.
   */
  command?: PlannedCommand;
  /** the outcome line once it is done ("✓ policy x written"); never printed when planned */
  done?: string;
}

export interface Query {
  /** what it reads, for the debug echo and errors */
  describe: string;
  /**
   * Under --dry-run only: the error means "the service is not there yet" (an
   * unreachable Vault before its install); the query then answers undefined and
   * `absentNotice` (if any) is printed once, so the plan goes on as for an empty service.
   */
  absentWhen?: (err: unknown) => boolean;
  absentNotice?: string;
}

export interface EffectsOptions {
  dryRun: boolean;
  log: Logger;
  plan: Plan;
  prompt: Prompter;
  cleanup: Cleanup;
  httpTimeoutMs: number;
}

/**
 * The one road for effects that are not processes (processes go through Exec,
 * which plans through the same Plan). A query runs in every mode; a change runs,
 * or under --dry-run becomes a step of the plan and answers undefined. Callers
 * never test the mode: what differs between planning and doing lives here.
 */
export class Effects {
  private readonly notices = new Set<string>();

  constructor(private readonly o: EffectsOptions) {}

  /** A read (HTTP GET, an API lookup): runs in every mode. */
  async query<T>(q: Query, fn: () => Promise<T>): Promise<T | undefined> {
    this.o.log.debug(`query: ${q.describe}`);
    try {
      return await fn();
    } catch (err) {
      if (this.o.dryRun && q.absentWhen?.(err)) {
        const notice = q.absentNotice;
        if (notice && !this.notices.has(notice)) this.o.log.warn(notice);
        if (notice) this.notices.add(notice);
        return undefined;
      }
      throw err;
    }
  }

  /** A change: done now, or under --dry-run a step of the plan (then undefined). */
  async change<T>(c: Change, fn: () => Promise<T>): Promise<T | undefined> {
    if (this.o.dryRun) {
      if (c.command) this.o.plan.command(c.command, c.describe);
      else this.o.plan.comment(c.describe);
      return undefined;
    }
    this.o.log.debug(`change: ${c.describe}`);
    const result = await fn();
    if (c.done) this.o.log.ok(c.done);
    return result;
  }

  /** An HTTP read (bounded by TASKS_HTTP_TIMEOUT): runs in every mode. */
  async httpQuery(req: HttpRequest): Promise<HttpAnswer> {
    this.o.log.debug(`${req.method ?? 'GET'} ${req.url}`);
    return httpJson(req, this.o.httpTimeoutMs);
  }

  /** An HTTP call that changes something: planned (as a comment) under --dry-run. */
  async httpChange(c: Change, req: HttpRequest): Promise<HttpAnswer | undefined> {
    return this.change(c, () => httpJson(req, this.o.httpTimeoutMs));
  }

  /** A step the plan shows for what it cannot plan exactly (a wait, a step on a built image). */
  note(text: string): void {
    if (this.o.dryRun) this.o.plan.comment(text);
  }

  /** The outcome line of changes made through other calls: printed only when they were made. */
  done(text: string): void {
    if (!this.o.dryRun) this.o.log.ok(text);
  }

  /**
   * A problem that only matters when the changes run (a missing docker): an error
   * then; under --dry-run a warning, and the plan goes on.
   */
  blocker(problem: Error): void {
    if (!this.o.dryRun) throw problem;
    this.o.log.warn(`${problem.message}: the plan below could not run on this machine`);
  }

  /** Words for a headline or summary, as the run plans or does (`Planned`/`Installed`). */
  say(doing: string, planning: string): string {
    return this.o.dryRun ? planning : doing;
  }

  /**
   * Confirmation of a destructive change: planning changes nothing, so it is not
   * asked then (true); otherwise the prompt (or --yes) decides.
   */
  async confirm(question: string): Promise<boolean> {
    if (this.o.dryRun) return true;
    return this.o.prompt.confirmDestructive(question);
  }

  /**
   * A value that exists only once earlier changes are made (a token the token controller
   * writes after a planned apply): got now, or under --dry-run `planned`, a stand-in
   * the plan shows (a registered secret becomes a `${NAME:?…}` reference).
   */
  async made<T>(make: () => Promise<T>, planned: T): Promise<T> {
    return this.o.dryRun ? planned : make();
  }

  /**
   * A local file that planned commands read (a rendered values file): written in every
   * mode, mode 0600 (it can hold secrets), atomically; the plan checks its sha256
   * before use, so a pasted plan never runs against a different file.
   */
  writeArtifact(path: string, text: string | Uint8Array, describe = 'file'): void {
    this.atomicWrite(path, text);
    this.o.log.debug(`wrote ${path}`);
    if (this.o.dryRun) this.o.plan.file(path, text, describe);
  }

  /** Writes a file the operator keeps (.env.local): mode 0600, atomically; planned under --dry-run. */
  async writeFile(path: string, text: string, done?: string): Promise<void> {
    await this.change(
      {
        describe: `write ${path}`,
        command: { cmd: 'sh', args: ['-c', 'umask 077 && cat > "$0"', path], input: text },
        done,
      },
      async () => this.atomicWrite(path, text),
    );
  }

  /**
   * Copies a file; planned under --dry-run. A `temporary` copy (a build input) is removed
   * when the run ends, whatever happens; only a copy this run made is ever removed.
   */
  async copyFile(from: string, to: string, opts: { temporary?: boolean } = {}): Promise<void> {
    await this.change(
      { describe: `copy ${from} to ${to}`, command: { cmd: 'cp', args: [from, to] } },
      async () => copyFileSync(from, opts.temporary ? this.o.cleanup.addPath(to) : to),
    );
  }

  /**
   * Writes bytes exactly as given, the way a drop-in tool's writer does (gomplate's -o):
   * a new file gets `mode` under the umask (its folders 0755), an existing one is rewritten
   * and keeps its own mode. Not atomic and not private on purpose: the tool's semantics.
   * Planned under --dry-run; bytes that are not UTF-8 are planned as base64.
   */
  async writeBytes(path: string, bytes: Uint8Array, mode: number): Promise<void> {
    const text = Buffer.from(bytes).toString('utf8');
    const exact = Buffer.from(text, 'utf8').equals(Buffer.from(bytes));
    const put = exact ? 'cat' : 'base64 -d';
    const octal = mode.toString(8).padStart(4, '0');
    await this.change(
      {
        describe: `write ${path} (${bytes.length} bytes)`,
        command: {
          cmd: 'sh',
          args: [
            '-c',
            `if [ -e "$0" ]; then ${put} > "$0"; else mkdir -p -- "$(dirname -- "$0")" && ${put} > "$0" && chmod "$1" "$0"; fi`,
            path,
            octal,
          ],
          input: exact ? text : `${Buffer.from(bytes).toString('base64')}\n`,
        },
      },
      async () => {
        if (existsSync(path)) {
          writeFileSync(path, bytes);
          return;
        }
        mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
        writeFileSync(path, bytes, { mode });
        // Node reads mode 0 as "the default" (0666); Go's writer creates it unreadable.
        if (mode === 0) chmodSync(path, 0);
      },
    );
  }

  /** Makes a folder and its parents (mode 0755 for new ones); planned under --dry-run. */
  async makeDir(path: string): Promise<void> {
    if (existsSync(path)) return;
    await this.change(
      { describe: `make the folder ${path}`, command: { cmd: 'mkdir', args: ['-p', '--', path] } },
      async () => {
        mkdirSync(path, { recursive: true, mode: 0o755 });
      },
    );
  }

  /** Removes files or folders (missing ones are fine); planned under --dry-run. */
  async remove(paths: readonly string[]): Promise<void> {
    if (!paths.length) return;
    await this.change(
      { describe: `remove ${paths.join(', ')}`, command: { cmd: 'rm', args: ['-rf', ...paths] } },
      async () => {
        for (const p of paths) rmSync(p, { recursive: true, force: true });
      },
    );
  }

  private atomicWrite(path: string, text: string | Uint8Array): void {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = this.o.cleanup.addPath(
      join(dirname(path), `.${basename(path)}.${process.pid}.tmp`),
    );
    writeFileSync(temp, text, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
    this.o.cleanup.removePath(temp);
  }
}
