/**
 * The day-2 report: one line per check, `ok`, `warn` or `fail`, and for every warn and
 * fail the command that fixes it. status and check-spawn print it; `--json` gives the
 * same checks to a machine.
 */
export type Level = 'ok' | 'warn' | 'fail';

export interface Check {
  /** what was checked, short: "helm release", "keycloak redirect URI" */
  readonly name: string;
  readonly level: Level;
  /** what was found */
  readonly detail: string;
  /** the command that fixes it (every warn and fail has one) */
  readonly fix?: string;
}

export const ok = (name: string, detail: string): Check => ({ name, level: 'ok', detail });
// A warn or fail without a fix command would leave the operator with a problem and no way
// out: the signature makes the command mandatory.
export const warn = (name: string, detail: string, fix: string): Check => ({
  name,
  level: 'warn',
  detail,
  fix,
});
export const fail = (name: string, detail: string, fix: string): Check => ({
  name,
  level: 'fail',
  detail,
  fix,
});

/** 0 when nothing failed (warnings included), 1 on any fail. */
export const exitCode = (checks: readonly Check[]): number =>
  checks.some((c) => c.level === 'fail') ? 1 : 0;

/**
 * Aligned lines: `ok   name  detail`, a `fix:` line under each warn and fail, and a
 * closing count. `redact` masks every secret the run has seen (stdout is not redacted
 * by the core: results are written as they are).
 */
export function formatChecks(checks: readonly Check[], redact: (s: string) => string): string {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${c.level.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}`);
    if (c.fix) lines.push(`${' '.repeat(6 + width)}  fix: ${c.fix}`);
  }
  const count = (l: Level) => checks.filter((c) => c.level === l).length;
  lines.push('', `${count('ok')} ok, ${count('warn')} warn, ${count('fail')} fail`);
  return redact(lines.join('\n'));
}

/** `--json`: the checks as an array, with the exit code the run ends with. */
export function checksJson(checks: readonly Check[], redact: (s: string) => string): string {
  return redact(JSON.stringify({ ok: exitCode(checks) === 0, checks }, null, 2));
}
