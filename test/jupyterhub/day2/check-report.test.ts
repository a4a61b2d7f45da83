// The day-2 report: aligned lines, a fix under every warn and fail, the count, the exit
// code (1 only on a fail), JSON for machines, and secrets masked in both.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checksJson,
  exitCode,
  fail,
  formatChecks,
  ok,
  warn,
} from '../../../tasks/jupyterhub/check-report.js';

const test = suite('jupyterhub day-2: check report');

const same = (t: string) => t;
const checks = [
  ok('helm release', 'jupyterhub-4.3.2, revision 3, deployed'),
  warn('values drift', '1 key(s) differ: cull.maxAge (changed)', 'npx tasks jupyterhub:install'),
  fail(
    'keycloak redirect URI',
    'is (none), expected https://h.example.com/hub/oauth_callback',
    'npx tasks keycloak:update-client r c https://h.example.com/hub/oauth_callback',
  ),
];

test('one aligned line per check, the fix under warn and fail, the count last', () => {
  assert.is(
    formatChecks(checks, same),
    [
      'ok    helm release           jupyterhub-4.3.2, revision 3, deployed',
      'warn  values drift           1 key(s) differ: cull.maxAge (changed)',
      '                             fix: npx tasks jupyterhub:install',
      'fail  keycloak redirect URI  is (none), expected https://h.example.com/hub/oauth_callback',
      '                             fix: npx tasks keycloak:update-client r c https://h.example.com/hub/oauth_callback',
      '',
      '1 ok, 1 warn, 1 fail',
    ].join('\n'),
  );
});

test('exit code: 0 when all ok, 0 with only warnings, 1 on any fail', () => {
  assert.is(exitCode([checks[0]!]), 0);
  assert.is(exitCode(checks.slice(0, 2)), 0);
  assert.is(exitCode(checks), 1);
  assert.is(exitCode([]), 0);
});

test('JSON: ok flag and every check with its level and fix', () => {
  const j = JSON.parse(checksJson(checks, same));
  assert.is(j.ok, false);
  assert.equal(
    j.checks.map((c: { level: string; fix?: string }) => [c.level, Boolean(c.fix)]),
    [
      ['ok', false],
      ['warn', true],
      ['fail', true],
    ],
  );
  assert.is(JSON.parse(checksJson([checks[0]!], same)).ok, true);
});

test('both forms go through the redaction they are given', () => {
  const secret = 's.0123456789abcdef';
  const leaky = [fail('token', `bad token ${secret}`, `use ${secret}`)];
  const redact = (t: string) => t.replaceAll(secret, '***');
  assert.not.match(formatChecks(leaky, redact), secret);
  assert.not.match(checksJson(leaky, redact), secret);
  assert.match(formatChecks(leaky, redact), 'bad token ***');
});

test.run();
