import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../tasks/core/paths.js';
import { assertOneLineError } from '../support/assert-error.js';
import { runCli, tempDir } from '../support/cli.js';

// env:setup / env:check / env:set through the CLI, in a temp folder with no .env.local above it.
const test = suite('env recipes: setup, check, set');
let dir: ReturnType<typeof tempDir>;
const envFile = () => join(dir.path, '.env.local');
const PLAN_HEADER =
  '#!/usr/bin/env bash\n# Plan of `npx tasks` (a dry run). Nothing below has been done yet.\nset -euo pipefail\n\n';
const run = (args: string[], env: Record<string, string> = {}, cwd = dir.path) =>
  runCli(args, { cwd, env });
test.before.each(() => {
  dir = tempDir();
});
test.after.each(() => dir.remove());

const ANSWERS = {
  LOCAL_K8S_HOST: 'k8s.lan',
  EXTERNAL_K8S_HOST: 'k8s.example.org',
  KEYCLOAK_HOST: 'auth.example.org',
  KEYCLOAK_REALM: 'myrealm',
};
// The expected file: the template with each {{ .Env.X }} replaced by hand (not by the engine under test).
const TEMPLATE = readFileSync(join(projectRoot, 'env', 'env.local.gomplate'), 'utf8');
const rendered = (values: Record<string, string>) =>
  TEMPLATE.replace(/\{\{ \.Env\.([A-Z0-9_]+) \}\}/g, (_m, name: string) => values[name]!);

test('setup, non-interactive: renders env/env.local.gomplate with the values from the environment (mode 0600)', async () => {
  assert.not.ok(
    existsSync(join(dir.path, '..', '.env.local')),
    'no .env.local above the temp folder',
  );
  const r = await run(['env:setup'], ANSWERS);
  assert.equal([r.code, r.stdout, r.stderr], [0, '', `✓ wrote ${envFile()}\n`]);
  assert.is(readFileSync(envFile(), 'utf8'), rendered(ANSWERS));
  assert.match(
    TEMPLATE,
    '{{ .Env.KEYCLOAK_REALM }}',
    'the template is the one with the four hosts',
  );
  assert.is(statSync(envFile()).mode & 0o777, 0o600);
  const { KEYCLOAK_REALM: _r, ...rest } = ANSWERS;
  await run(['env:setup', '--yes'], rest);
  assert.is(
    readFileSync(envFile(), 'utf8'),
    rendered(ANSWERS),
    'realm kept from the file it replaces',
  );
});

test('setup: KEYCLOAK_REALM defaults to buunstack; a missing host is an error naming it', async () => {
  const { KEYCLOAK_REALM: _r, ...noRealm } = ANSWERS;
  const r = await run(['env:setup'], noRealm);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(envFile(), 'utf8'), rendered({ ...ANSWERS, KEYCLOAK_REALM: 'buunstack' }));
  dir.remove();
  dir = tempDir();
  const { EXTERNAL_K8S_HOST: _e, ...noExternal } = ANSWERS;
  assertOneLineError(
    await run(['env:setup'], noExternal),
    '✗ EXTERNAL_K8S_HOST is required: set it in .env.local or the environment',
  );
  assert.not.ok(existsSync(envFile()));
});

test('setup over an existing .env.local: refused without --yes, replaced with it; --dry-run writes nothing', async () => {
  writeFileSync(envFile(), 'MINE=1\n');
  const refused = await run(['env:setup'], ANSWERS);
  assertOneLineError(refused, `✗ ${envFile()} exists and was not overwritten`);
  assert.match(refused.stderr, 'pass --yes to overwrite it');
  assert.is(readFileSync(envFile(), 'utf8'), 'MINE=1\n');
  const dry = await run(['env:setup', '--yes', '--dry-run'], ANSWERS);
  assert.equal([dry.code, dry.stderr], [0, '']);
  assert.is(
    dry.stdout,
    `${PLAN_HEADER}# write ${envFile()}\nsh -c 'umask 077 && cat > "$0"' ${envFile()} <<'EOF'\n${rendered(ANSWERS)}EOF\n`,
  );
  assert.is(readFileSync(envFile(), 'utf8'), 'MINE=1\n');
  // The plan, run, writes what the recipe would have written.
  const script = join(dir.path, 'plan.sh');
  writeFileSync(script, dry.stdout);
  assert.is(spawnSync('bash', [script], { cwd: dir.path }).status, 0);
  assert.is(readFileSync(envFile(), 'utf8'), rendered(ANSWERS));
  writeFileSync(envFile(), 'MINE=1\n');
  const yes = await run(['env:setup', '-y'], ANSWERS);
  assert.is(yes.code, 0, yes.stderr);
  assert.is(readFileSync(envFile(), 'utf8'), rendered(ANSWERS));
  dir.remove();
  dir = tempDir();
  assert.is((await run(['env:setup', '--dry-run'], ANSWERS)).code, 0);
  assert.not.ok(existsSync(envFile()), 'dry-run created no file');
});

test('check: fails without LOCAL_K8S_HOST; passes from .env.local or the environment', async () => {
  assertOneLineError(await run(['env:check']), '✗ LOCAL_K8S_HOST is not set');
  const env = await run(['env:check'], { LOCAL_K8S_HOST: 'k8s.lan' });
  assert.equal(
    [env.code, env.stdout, env.stderr],
    [0, '', '✓ LOCAL_K8S_HOST is set (environment)\n'],
  );
  writeFileSync(envFile(), 'LOCAL_K8S_HOST=k8s.lan\n');
  const file = await run(['env:check']);
  assert.equal([file.code, file.stderr], [0, `✓ LOCAL_K8S_HOST is set (${envFile()})\n`]);
});

test('set: appends a new key, replaces an existing one in place, keeps every other byte', async () => {
  const before = '# hosts\r\nexport LOCAL_K8S_HOST="old.lan" # note\r\n\r\nOTHER=\'x y\'\r\n';
  writeFileSync(envFile(), before);
  const replaced = await run(['env:set', 'LOCAL_K8S_HOST=new.lan']);
  assert.equal(
    [replaced.code, replaced.stdout, replaced.stderr],
    [0, '', `✓ LOCAL_K8S_HOST set in ${envFile()}\n`],
  );
  const afterReplace = before.replace('"old.lan"', 'new.lan');
  assert.is(readFileSync(envFile(), 'utf8'), afterReplace);
  const added = await run(['env:set', 'NEW_KEY=with space']);
  assert.is(added.code, 0, added.stderr);
  assert.is(readFileSync(envFile(), 'utf8'), `${afterReplace}NEW_KEY='with space'\r\n`);
  const check = await run(['env:check']);
  assert.match(check.stderr, '✓ LOCAL_K8S_HOST is set', 'the file still parses');
});

test('set keeps the previous file as .env.local.bak when it updates a key (not when it adds one)', async () => {
  writeFileSync(envFile(), 'A=1\nB=2\n');
  assert.is((await run(['env:set', 'C=3'])).code, 0);
  assert.not.ok(existsSync(`${envFile()}.bak`), 'adding a key leaves no .bak, like upstream');
  assert.is((await run(['env:set', 'A=9'])).code, 0);
  assert.is(readFileSync(`${envFile()}.bak`, 'utf8'), 'A=1\nB=2\nC=3\n');
  assert.is(statSync(`${envFile()}.bak`).mode & 0o777, 0o600);
  assert.is(readFileSync(envFile(), 'utf8'), 'A=9\nB=2\nC=3\n');
});

test('set-multi: every pair checked before the first write; then each set in turn', async () => {
  writeFileSync(envFile(), 'A=1\n');
  const bad = await run(['env:set-multi', 'B=2', 'lower=3']);
  assert.is(bad.code, 2);
  assert.is(readFileSync(envFile(), 'utf8'), 'A=1\n', 'nothing written');
  assertOneLineError(await run(['env:set-multi']), '✗ no arguments', 2);
  const ok = await run(['env:set-multi', 'A=5', 'B=2', 'C=x y']);
  assert.is(ok.code, 0, ok.stderr);
  assert.is(readFileSync(envFile(), 'utf8'), "A=5\nB=2\nC='x y'\n");
  const other = tempDir();
  assertOneLineError(
    await run(['env:set-multi', 'A=1'], {}, other.path),
    `✗ ${join(other.path, '.env.local')} not found`,
  );
  other.remove();
});

test('show prints the assignments (secret values masked); get prints one value', async () => {
  writeFileSync(
    envFile(),
    '# c\nLOCAL_K8S_HOST=k8s.lan\nVAULT_TOKEN=hvs.secret123\nKEYCLOAK_ADMIN_PASSWORD=op://v/i/f\nEMPTY=\n',
  );
  const show = await run(['env:show']);
  assert.equal(
    [show.code, show.stdout],
    [
      0,
      `Current configuration in ${envFile()}:\n---\nLOCAL_K8S_HOST=k8s.lan\nVAULT_TOKEN=***\nKEYCLOAK_ADMIN_PASSWORD=op://v/i/f\nEMPTY=\n`,
    ],
  );
  const get = await run(['env:get', 'LOCAL_K8S_HOST'], { LOCAL_K8S_HOST: 'from-env' });
  assert.equal([get.code, get.stdout], [0, 'k8s.lan\n'], 'the file, not the environment');
  assertOneLineError(await run(['env:get', 'EMPTY']), `✗ EMPTY not found in ${envFile()}`);
  assertOneLineError(await run(['env:get', 'NOPE']), `✗ NOPE not found in ${envFile()}`);
});

test('set: the file found walking up is edited; none found creates .env.local here', async () => {
  writeFileSync(envFile(), 'A=1\n');
  mkdirSync(join(dir.path, 'sub', 'deeper'), { recursive: true });
  assert.is((await run(['env:set', 'B=2'], {}, join(dir.path, 'sub', 'deeper'))).code, 0);
  assert.is(readFileSync(envFile(), 'utf8'), 'A=1\nB=2\n');
  assert.not.ok(existsSync(join(dir.path, 'sub', 'deeper', '.env.local')));
  const other = tempDir();
  assert.is((await run(['env:set', 'C=3'], {}, other.path)).code, 0);
  assert.is(readFileSync(join(other.path, '.env.local'), 'utf8'), 'C=3\n');
  assert.is(statSync(join(other.path, '.env.local')).mode & 0o777, 0o600);
  other.remove();
});

test('set: invalid keys and a missing = are usage errors (exit 2); --dry-run writes nothing and shows no value', async () => {
  writeFileSync(envFile(), 'A=1\n');
  const runs = await Promise.all(
    ['lower=x', '1ABC=x', 'A-B=x', 'A B=x', '=x'].map((a) => run(['env:set', a])),
  );
  for (const r of runs.slice(0, 4))
    assertOneLineError(r, /^✗ invalid key ".+": it must match \^\[A-Z_\]\[A-Z0-9_\]\*\$$/, 2);
  assertOneLineError(runs[4]!, '✗ expected KEY=VALUE (got "=x")', 2);
  assertOneLineError(
    await run(['env:set', 'NOEQUALS']),
    '✗ expected KEY=VALUE (got "NOEQUALS")',
    2,
  );
  const dry = await run(['env:set', 'TOKEN=dry-secret-value', '--dry-run']);
  assert.equal(
    [dry.code, dry.stdout, dry.stderr],
    [0, `${PLAN_HEADER}# would set TOKEN in ${envFile()}\n`, ''],
  );
  assert.is(readFileSync(envFile(), 'utf8'), 'A=1\n');
});

test.run();
