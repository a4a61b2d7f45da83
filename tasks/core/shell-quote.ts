/**
 * POSIX shell quoting for the lines we print (dry-run plans, command echo,
 * errors), so an operator can paste them. Execution never goes through these
 * strings, nor through any shell: process.ts starts the program with its
 * arguments as an array.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(
  cmd: string,
  args: readonly string[],
  env?: Record<string, string>,
): string {
  const prefix = Object.entries(env ?? {}).map(([k, v]) => `${k}=${quoteArg(v)} `);
  return `${prefix.join('')}${[cmd, ...args].map(quoteArg).join(' ')}`;
}
