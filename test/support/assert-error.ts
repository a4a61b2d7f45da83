import * as assert from 'uvu/assert';
import type { CliResult } from './cli.js';

/**
 * A failed run reported the way runner.md wants it: the exit code, nothing on
 * stdout, one `✗` line matching `message`, at most an indented hint line under
 * it, and no stack trace.
 */
export function assertOneLineError(r: CliResult, message: RegExp | string, code = 1): string {
  assert.is(r.code, code, `exit code (stderr: ${r.stderr})`);
  assert.is(r.stdout, '', 'nothing on stdout');
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  const failures = lines.filter((l) => l.startsWith('✗ '));
  assert.is(failures.length, 1, `one ✗ line in:\n${r.stderr}`);
  const at = lines.indexOf(failures[0]!);
  const after = lines.slice(at + 1);
  assert.ok(
    after.length <= 1 && after.every((l) => /^ {2}\S/.test(l)),
    `only a hint may follow:\n${r.stderr}`,
  );
  assert.not.match(r.stderr, /^\s+at .+[:(]/m, 'no stack trace');
  assert.not.match(r.stderr, /unexpected error/);
  if (typeof message === 'string')
    assert.ok(failures[0]!.includes(message), `"${message}" in: ${failures[0]}`);
  else assert.match(failures[0]!, message);
  return failures[0]!;
}
