import { TaskError } from './errors.js';
import type { EnvFile } from './env-file.js';
import type { Secrets } from './secrets.js';
import { parseVar, type VarSpec, type VarTable, type VarValues } from './vars.js';

export type Source = 'environment' | 'env file' | 'default' | 'unset' | 'this run';

const OP_PREFIX = 'op://';

/**
 * The run's configuration: the environment wins over the env file, which wins
 * over the declared default. `op://` references are resolved on first use.
 */
export class Config {
  private readonly overrides = new Map<string, string>();
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly env: Record<string, string | undefined>,
    readonly file: EnvFile | undefined,
    private readonly secrets: Secrets,
    private readonly readOp: (ref: string) => Promise<string>,
  ) {}

  /** The value as written (op:// unresolved), without default. */
  raw(name: string): string | undefined {
    return this.overrides.get(name) ?? this.env[name] ?? this.file?.values[name];
  }

  source(name: string, spec?: VarSpec): Source {
    if (this.overrides.has(name)) return 'this run';
    if (this.env[name] !== undefined) return 'environment';
    if (this.file?.values[name] !== undefined) return 'env file';
    return spec?.default !== undefined ? 'default' : 'unset';
  }

  /** Sets a value for the rest of this run (an answered prompt, a derived value). */
  set(name: string, value: string): void {
    this.overrides.set(name, value);
  }

  /** The resolved text of one variable ('' when unset and without default). */
  async text(name: string, spec?: VarSpec): Promise<string> {
    const raw = this.raw(name);
    // An empty value falls back to the default, like just's env("X", "default").
    const value = raw === undefined || raw === '' ? (spec?.default ?? raw ?? '') : raw;
    if (!value.startsWith(OP_PREFIX)) {
      if (spec?.secret) this.secrets.add(value, name);
      return value;
    }
    let resolved = this.resolved.get(name);
    if (resolved === undefined) {
      resolved = this.secrets.add(await this.readOp(value), name);
      this.resolved.set(name, resolved);
    }
    return resolved;
  }

  /**
   * Reads and validates a namespace's variables. All problems are reported at
   * once, each naming its variable, before anything touches a cluster.
   */
  async read<V extends VarTable>(table: V): Promise<VarValues<V>> {
    const out: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [name, spec] of Object.entries(table)) {
      const parsed = parseVar(name, spec, await this.text(name, spec));
      if ('error' in parsed) problems.push(parsed.error);
      else out[name] = parsed.value;
    }
    if (problems.length) {
      throw new TaskError(
        problems.join('\n'),
        `fix ${problems.length > 1 ? 'these variables' : 'it'} in ${this.file?.path ?? '.env.local'} or the environment`,
      );
    }
    return out as VarValues<V>;
  }

  /** Env-file values for child processes (the environment already reaches them). */
  childEnv(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.file?.values ?? {})) {
      if (this.env[k] === undefined && !v.startsWith(OP_PREFIX)) out[k] = v;
    }
    return out;
  }
}
