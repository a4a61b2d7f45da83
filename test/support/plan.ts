/**
 * The steps of a dry-run plan printed on stdout: what follows the script's header
 * (shebang, `set -euo pipefail`, the variables it needs), '' when nothing was planned.
 */
export function planSteps(stdout: string): string {
  if (!stdout.startsWith('#!/usr/bin/env bash\n')) return '';
  return stdout.slice(stdout.indexOf('\n\n') + 2);
}
