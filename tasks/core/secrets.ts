/**
 * Every secret value a run has seen (generated, read from a Secret, typed at a
 * prompt, read from VAULT_TOKEN…). Everything the run prints passes through
 * `redact`, and the exec layer refuses to put any of them on a command line.
 */

// Shorter values would redact ordinary words; real secrets here are tokens and keys.
const MIN_SECRET_LENGTH = 4;

export const MASK = '***';

/** How a plan refers to a secret it must not print: a shell variable, maybe base64-encoded. */
export interface SecretRef {
  name: string;
  base64: boolean;
}

const VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

export class Secrets {
  private readonly values = new Set<string>();
  private readonly refs = new Map<string, SecretRef>();
  private unnamed = 0;
  private sorted: string[] | undefined;

  /**
   * Registers a secret and returns it, so `const key = secrets.add(generate())` reads
   * naturally. `name` is the shell variable a dry-run plan uses for it (JUPYTERHUB_CRYPT_KEY);
   * the first name given wins.
   */
  add<T extends string | undefined>(value: T, name?: string): T {
    if (!value || value.length < MIN_SECRET_LENGTH) return value;
    const base64 = Buffer.from(value, 'utf8').toString('base64');
    if (!this.values.has(value)) {
      this.values.add(value);
      // A Secret manifest or a kubectl -o json answer carries the value base64-encoded.
      this.values.add(base64);
      this.sorted = undefined;
    }
    if (!this.refs.has(value) || (name && this.refs.get(value)!.name.startsWith('SECRET_'))) {
      const varName = name && VAR_NAME.test(name) ? name : `SECRET_${++this.unnamed}`;
      this.refs.set(value, { name: varName, base64: false });
      this.refs.set(base64, { name: varName, base64: true });
    }
    return value;
  }

  /** The registered secrets in `text`, longest first, with how a plan names each. */
  found(text: string): Array<{ value: string; ref: SecretRef }> {
    if (this.values.size === 0 || !text) return [];
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    return this.sorted
      .filter((value) => text.includes(value))
      .map((value) => ({ value, ref: this.refs.get(value)! }));
  }

  /** True when `text` contains any registered secret. */
  containsSecret(text: string): boolean {
    for (const value of this.values) if (text.includes(value)) return true;
    return false;
  }

  redact(text: string): string {
    if (this.values.size === 0 || !text) return text;
    // Longest first, so a secret that contains another is masked whole.
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const value of this.sorted) if (out.includes(value)) out = out.split(value).join(MASK);
    return out;
  }

  get size(): number {
    return this.values.size;
  }
}
