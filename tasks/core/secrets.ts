/**
 * Every secret value a run has seen (generated, read from a Secret, typed at a
 * prompt, read from VAULT_TOKEN…). Everything the run prints passes through
 * `redact`, and the exec layer refuses to put any of them on a command line.
 */

// Shorter values would redact ordinary words; real secrets here are tokens and keys.
const MIN_SECRET_LENGTH = 4;

export const MASK = '***';

export class Secrets {
  private readonly values = new Set<string>();
  private sorted: string[] | undefined;

  /** Registers a secret and returns it, so `const key = secrets.add(generate())` reads naturally. */
  add<T extends string | undefined>(value: T): T {
    if (value && value.length >= MIN_SECRET_LENGTH && !this.values.has(value)) {
      this.values.add(value);
      // A Secret manifest or a kubectl -o json answer carries the value base64-encoded.
      this.values.add(Buffer.from(value, 'utf8').toString('base64'));
      this.sorted = undefined;
    }
    return value;
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
