// install --dry-run > plan.sh: the plan is on stdout (progress stays on stderr), and
// running it with bash is safe: with a secret variable unset it stops before its first
// command; with every variable set, the commands it runs carry the real values.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from '../../support/cli.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { line, NS, secretValue } from './helpers.js';

const test = suite('jupyterhub scenario: the dry-run plan is a paste-safe script on stdout');

let sc: Scenario;
let r: CliResult;
let plan: string;

const CRYPT_KEY = 'crypt-key-from-the-reader-0123456789abcdef';
const ADMIN_TOKEN = 'admin-token-from-the-reader-0123456789';

test.before(async () => {
  sc = await startScenario();
  r = await sc.run(['jupyterhub:install', '--dry-run'], ALL_OFF);
  plan = join(sc.dir, 'plan.sh');
  writeFileSync(plan, r.stdout);
});
test.after(async () => void (await sc.close()));

const runPlan = (env: Record<string, string>) =>
  spawnSync('bash', [plan], {
    cwd: sc.dir,
    env: { PATH: sc.env.PATH!, HOME: sc.dir, ...sc.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

test('the plan is on stdout, the progress on stderr', () => {
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^#!\/usr\/bin\/env bash\n/);
  assert.match(r.stdout, '\nkubectl apply -f - <<');
  assert.match(r.stdout, '\nhelm upgrade --cleanup-on-fail --install jupyterhub ');
  assert.not.match(r.stderr, 'kubectl apply');
  assert.not.match(r.stdout, 'Planning JupyterHub');
  assert.match(r.stderr, `Planning JupyterHub at https://jupyter.example.com/ in namespace ${NS}`);
});

test('secrets are references that fail when unset, listed and checked in the header', () => {
  assert.not.match(r.stdout, '***');
  assert.match(r.stdout, '  crypt-key: ${JUPYTERHUB_CRYPT_KEY:?set JUPYTERHUB_CRYPT_KEY}\n');
  const header = r.stdout.slice(0, r.stdout.indexOf('\n\n'));
  assert.match(header, '#   JUPYTERHUB_CRYPT_KEY\n');
  assert.match(header, '#   JUPYTERHUB_ADMIN_SERVICE_TOKEN\n');
  assert.match(header, ': "${JUPYTERHUB_CRYPT_KEY:?set JUPYTERHUB_CRYPT_KEY}"');
  assert.match(header, 'set -euo pipefail');
});

test('the rendered values file is named with its sha256, not inlined', () => {
  assert.match(
    r.stdout,
    /# rendered jupyterhub-values\.yaml: \S+jupyterhub-values\.yaml \(sha256 [0-9a-f]{64}\)\n/,
  );
  assert.not.match(r.stdout, 'singleuser:');
});

test('with one secret unset the plan fails before any change, naming the variable', () => {
  const before = sc.fc.calls().length;
  const run = runPlan({ JUPYTERHUB_ADMIN_SERVICE_TOKEN: ADMIN_TOKEN });
  assert.is.not(run.status, 0);
  assert.match(run.stderr, 'JUPYTERHUB_CRYPT_KEY: set JUPYTERHUB_CRYPT_KEY');
  assert.equal(sc.fc.calls().slice(before).map(line), []);
  assert.is(sc.fc.object('Namespace', NS), undefined);
});

test('with every secret set the commands run and carry the real values', () => {
  const before = sc.fc.calls().length;
  const run = runPlan({
    JUPYTERHUB_CRYPT_KEY: CRYPT_KEY,
    JUPYTERHUB_ADMIN_SERVICE_TOKEN: ADMIN_TOKEN,
  });
  assert.is(run.status, 0, run.stderr);
  const calls = sc.fc.calls().slice(before);
  assert.ok(calls.some((c) => c.tool === 'kubectl' && c.stdin.includes(`crypt-key: ${CRYPT_KEY}`)));
  assert.ok(
    calls.some((c) => line(c).startsWith('helm upgrade --cleanup-on-fail --install jupyterhub')),
  );
  assert.is(secretValue(sc, 'jupyterhub-crypt-key', 'crypt-key'), CRYPT_KEY);
  assert.is(secretValue(sc, 'jupyterhub-admin-service-token', 'token'), ADMIN_TOKEN);
});

test('a values file changed after planning stops the plan before helm', () => {
  const values = /: (\S+jupyterhub-values\.yaml) \(sha256/.exec(r.stdout)![1]!;
  writeFileSync(values, 'changed: true\n');
  const before = sc.fc.calls().length;
  const run = runPlan({
    JUPYTERHUB_CRYPT_KEY: CRYPT_KEY,
    JUPYTERHUB_ADMIN_SERVICE_TOKEN: ADMIN_TOKEN,
  });
  assert.is.not(run.status, 0);
  assert.not.ok(
    sc.fc
      .calls()
      .slice(before)
      .some((c) => line(c).startsWith('helm upgrade')),
  );
});

test.run();
