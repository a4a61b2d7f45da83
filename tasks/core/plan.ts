import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretRef, Secrets } from './secrets.js';
import { quoteArg } from './shell-quote.js';
import { sha256Hex } from './builtins.js';

/** Stdin longer than this is kept in a file next to the plan, shown by path and checksum. */
const MAX_INLINE_LINES = 40;

export interface PlannedCommand {
  cmd: string;
  args: readonly string[];
  input?: string;
  env?: Record<string, string>;
  /** the folder it runs in (the plan says `cd` first) */
  cwd?: string;
}

const reference = (r: SecretRef) => `\${${r.name}:?set ${r.name}}`;

/** In a double-quoted or heredoc context: the value, or its base64 encoding. */
const expansion = (r: SecretRef) =>
  r.base64 ? `$(printf '%s' "${reference(r)}" | base64 | tr -d '\\n')` : reference(r);

/**
 * The result of a dry run: a bash script an operator can read, keep
 * (`--dry-run > plan.sh`) and run. Pasting it never does harm: a secret is a
 * `${NAME:?…}` reference the reader supplies (listed, and checked, at the top,
 * before any change), never a mask that would be stored as the value; a long
 * stdin is a file checked by its sha256 before use.
 */
export class Plan {
  private readonly lines: string[] = [];
  private readonly needed = new Set<string>();
  private files = 0;
  private cluster: string | undefined;

  constructor(
    private readonly secrets: Secrets,
    /** where long stdin bodies are kept */
    private readonly fileDir: () => string,
  ) {}

  get empty(): boolean {
    return this.lines.length === 0;
  }

  /** Which cluster the plan's kubectl and helm lines are for (said once, in the header). */
  target(text: string): void {
    this.cluster = text;
  }

  /** A step that is not a command this script can run (a Keycloak or hub API call). */
  comment(text: string): void {
    this.lines.push(`# would ${this.inComment(text)}`);
  }

  /** A command the reader can run as it stands. */
  command(c: PlannedCommand, describe?: string): void {
    if (describe) this.lines.push(`# ${this.inComment(describe)}`);
    const env = Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${this.word(v)} `);
    const bare = `${env.join('')}${[c.cmd, ...c.args].map((a) => this.word(a)).join(' ')}`;
    const line = c.cwd ? `(cd ${quoteArg(c.cwd)} && ${bare})` : bare;
    if (c.input === undefined) {
      this.lines.push(line);
      return;
    }
    const body = c.input.replace(/\n$/, '');
    if (body.split('\n').length > MAX_INLINE_LINES && !this.secrets.found(body).length) {
      const path = this.keep(c.input);
      this.lines.push(
        `echo ${quoteArg(`${sha256Hex(c.input)}  ${path}`)} | sha256sum --check --quiet -`,
      );
      this.lines.push(`${line} < ${quoteArg(path)}`);
      return;
    }
    this.lines.push(`${line} ${this.heredoc(body)}`);
  }

  /** A local file a later command reads (a values file): its checksum is verified first. */
  file(path: string, text: string | Uint8Array, describe: string): void {
    const hash = sha256Hex(text);
    this.lines.push(`# ${this.inComment(describe)}: ${path} (sha256 ${hash})`);
    this.lines.push(`echo ${quoteArg(`${hash}  ${path}`)} | sha256sum --check --quiet -`);
  }

  /** The script: header, the check of every variable it needs, then the steps. */
  render(failure?: string): string {
    const head = [
      '#!/usr/bin/env bash',
      '# Plan of `npx tasks` (a dry run). Nothing below has been done yet.',
      'set -euo pipefail',
    ];
    if (this.cluster) head.push(`# on ${this.inComment(this.cluster)}`);
    if (failure)
      head.push(
        `# INCOMPLETE: planning stopped with an error (${this.inComment(failure)}).`,
        'echo "this plan is incomplete: planning failed" >&2; exit 1',
      );
    if (this.needed.size) {
      head.push('# Secrets this plan needs, as environment variables (checked before any change):');
      for (const name of this.needed) head.push(`#   ${name}`);
      for (const name of this.needed) head.push(`: "${reference({ name, base64: false })}"`);
    }
    return `${[...head, '', ...this.lines].join('\n')}\n`;
  }

  /** One shell word: literal parts single-quoted, secrets as double-quoted references. */
  private word(text: string): string {
    const parts = this.split(text);
    if (parts.length === 1 && typeof parts[0] === 'string') return quoteArg(parts[0]);
    return parts.map((p) => (typeof p === 'string' ? quoteArg(p) : `"${expansion(p)}"`)).join('');
  }

  /** An unquoted heredoc when secrets are referenced (so they expand), else a quoted one. */
  private heredoc(body: string): string {
    const parts = this.split(body);
    let tag = 'EOF';
    while (body.split('\n').includes(tag)) tag += '_';
    if (parts.every((p) => typeof p === 'string')) return `<<'${tag}'\n${body}\n${tag}`;
    const text = parts
      .map((p) => (typeof p === 'string' ? p.replace(/[\\$`]/g, '\\$&') : expansion(p)))
      .join('');
    return `<<${tag}\n${text}\n${tag}`;
  }

  /** A comment must stay one line and must not hold a value: secrets become their names. */
  private inComment(text: string): string {
    return this.split(text.replace(/\n/g, ' '), false)
      .map((p) => (typeof p === 'string' ? p : `$${p.name}`))
      .join('');
  }

  private split(text: string, needed = true): Array<string | SecretRef> {
    const found = this.secrets.found(text);
    if (!found.length) return [text];
    const out: Array<string | SecretRef> = [];
    let rest = text;
    for (;;) {
      let best: { at: number; value: string; ref: SecretRef } | undefined;
      for (const f of found) {
        const at = rest.indexOf(f.value);
        // Earliest match wins; at the same place the longer one (found is longest first).
        if (at >= 0 && (!best || at < best.at)) best = { at, ...f };
      }
      if (!best) break;
      if (best.at > 0) out.push(rest.slice(0, best.at));
      out.push(best.ref);
      if (needed) this.needed.add(best.ref.name);
      rest = rest.slice(best.at + best.value.length);
    }
    if (rest) out.push(rest);
    return out;
  }

  private keep(text: string): string {
    const dir = this.fileDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `stdin-${++this.files}-${sha256Hex(text).slice(0, 12)}.txt`);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  }
}
