import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

const cli = suite('core/cli: command line, listing, help, exit codes');
let dir: ReturnType<typeof tempDir>;
cli.before.each(() => {
  dir = tempDir();
});
cli.after.each(() => dir.remove());

cli(
  'without arguments it lists every namespace with recipes and descriptions (stdout)',
  async () => {
    const r = await runCli([], { cwd: dir.path, env: { COLUMNS: '200' } });
    assert.is(r.code, 0);
    assert.is(r.stderr, '');
    for (const ns of ['utils', 'env', 'template', 'k8s', 'vault', 'keycloak', 'jupyterhub'])
      assert.match(r.stdout, new RegExp(`^${ns}  `, 'm'));
    assert.match(
      r.stdout,
      /^ {4}random-password \[length=48\] +# Print a cryptographically random alphanumeric password$/m,
    );
    // A signature too long for the description column gets its description below it.
    assert.match(
      r.stdout,
      /^ {4}install \[root_token\] \[--allow-second-hub\]\n {8,}# Install or upgrade JupyterHub/m,
    );
  },
);

cli('the listing fits the terminal width and leaves private recipes out', async () => {
  for (const columns of [undefined, '100', '72']) {
    const r = await runCli([], { cwd: dir.path, env: { COLUMNS: columns } });
    assert.is(r.code, 0);
    const width = Number(columns ?? 80);
    const long = r.stdout.split('\n').filter((l) => l.length > width);
    assert.equal(long, [], `COLUMNS=${columns}`);
    // jupyterhub:default is just's "list the recipes": runnable, not listed.
    assert.not.match(r.stdout, /^ {4}default( |$)/m);
  }
  const wide = await runCli(['utils'], { cwd: dir.path, env: { COLUMNS: '200' } });
  assert.match(
    wide.stdout,
    /^ {4}check-connection \[host=''\] \[port=''\]\n {33}# Check that a host:port/m,
  );
  const still = await runCli(['jupyterhub:default'], { cwd: dir.path });
  assert.is(still.code, 0);
  assert.match(still.stdout, /^ {4}install /m);
});

cli('--list <namespace> and a bare namespace list one namespace', async () => {
  for (const args of [['--list', 'utils'], ['utils'], ['utils', '--list']]) {
    const r = await runCli(args, { cwd: dir.path });
    assert.is(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^utils  /m);
    assert.not.match(r.stdout, /^jupyterhub/m);
  }
});

cli('ns:recipe and ns::recipe both run; stdout carries only the result', async () => {
  for (const name of ['utils:random-password', 'utils::random-password']) {
    const r = await runCli([name, '20'], { cwd: dir.path });
    assert.is(r.code, 0);
    assert.match(r.stdout, /^[A-Za-z0-9]{20}\n$/);
    assert.is(r.stderr, '');
  }
  const named = await runCli(['utils:random-password', 'length=7'], { cwd: dir.path });
  assert.match(named.stdout, /^[A-Za-z0-9]{7}\n$/);
});

cli('random passwords are 48 alphanumeric characters by default and differ', async () => {
  const a = await runCli(['utils:random-password'], { cwd: dir.path });
  const b = await runCli(['utils:random-password'], { cwd: dir.path });
  assert.match(a.stdout, /^[A-Za-z0-9]{48}\n$/);
  assert.is.not(a.stdout, b.stdout);
});

cli('an unknown recipe is a usage error (exit 2) with close matches', async () => {
  const r = await runCli(['jupyterhub:instal'], { cwd: dir.path });
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.match(r.stderr, 'unknown recipe: jupyterhub:instal');
  assert.match(r.stderr, 'did you mean: jupyterhub:install');
  const ns = await runCli(['jupyterhb'], { cwd: dir.path });
  assert.is(ns.code, 2);
  assert.match(ns.stderr, 'did you mean jupyterhub');
});

cli('argument errors are usage errors (exit 2) that show the usage line', async () => {
  const r = await runCli(['jupyterhub:get-token'], { cwd: dir.path });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'missing argument <username>');
  assert.match(r.stderr, 'usage: npx tasks jupyterhub:get-token <username>');
  const extra = await runCli(['utils:random-password', '1', '2'], { cwd: dir.path });
  assert.is(extra.code, 2);
  const badValue = await runCli(['utils:random-password', 'many'], { cwd: dir.path });
  assert.is(badValue.code, 2);
  assert.match(badValue.stderr, 'length must be an integer');
});

cli('a failed task exits 1 with its message and hint, without a stack trace', async () => {
  const r = await runCli(['utils:check-connection', '127.0.0.1', '1'], { cwd: dir.path });
  assert.is(r.code, 1);
  assert.match(r.stderr, '✗ cannot connect to 127.0.0.1:1');
  assert.match(r.stderr, 'telepresence connect');
  assert.not.match(r.stderr, /\n\s+at /);
});

cli(
  '--help shows usage, parameters and variables with default and current value; secrets only set/unset',
  async () => {
    writeFileSync(
      join(dir.path, '.env.local'),
      'JUPYTERHUB_NAMESPACE=from-file\nVAULT_TOKEN=hvs.very-secret-token\n',
    );
    const r = await runCli(['jupyterhub:install', '--help'], {
      cwd: dir.path,
      env: { JUPYTERHUB_HOST: 'hub.example.org' },
    });
    assert.is(r.code, 0);
    assert.match(r.stdout, 'npx tasks jupyterhub:install [root_token]');
    assert.match(r.stdout, /root_token +Vault root token/);
    assert.match(
      r.stdout,
      /JUPYTERHUB_NAMESPACE +namespace of everything below \[default datastack\]\n +current: from-file \(env file\)/,
    );
    assert.match(r.stdout, /JUPYTERHUB_HOST .*\n +current: hub\.example\.org \(environment\)/);
    assert.match(r.stdout, /JUPYTERHUB_CHART_VERSION .*\n +current: 4\.3\.2 \(default\)/);
    assert.match(r.stdout, /VAULT_TOKEN .*\n +current: set \(env file\)/);
    assert.not.match(r.stdout, 'very-secret');
    const flagFirst = await runCli(['--help', 'utils:random-password'], { cwd: dir.path });
    assert.match(flagFirst.stdout, 'npx tasks utils:random-password [length=48]');
  },
);

cli(
  '--help explains every global flag and the exit codes; each recipe help points to it',
  async () => {
    for (const args of [['--help'], ['-h']]) {
      const r = await runCli(args, { cwd: dir.path });
      assert.is(r.code, 0);
      assert.is(r.stderr, '');
      for (const flag of [
        '-n, --dry-run',
        '-y, --yes',
        '-v, --verbose',
        '-q, --quiet',
        '--dotenv-path PATH',
        '--context NAME',
        '--no-color',
        '--list',
        '--json',
        '-h, --help',
        '--version',
        '--completions',
      ])
        assert.ok(r.stdout.includes(flag), flag);
      for (const code of [
        /^ {2}0 +done/m,
        /^ {2}1 +the task failed/m,
        /^ {2}2 +usage error/m,
        /^ {2}130 +interrupted/m,
      ])
        assert.match(r.stdout, code);
      assert.not.match(r.stdout, /^utils  /m);
    }
    const recipe = await runCli(['vault:put', '--help'], { cwd: dir.path });
    const last = recipe.stdout.trimEnd().split('\n').pop();
    assert.match(
      last!,
      /^Global flags \(-n -y -v -q --dotenv-path --context\) and exit codes \(0 1 2 130\): npx tasks --help$/,
    );
  },
);

cli('an unknown flag outside a recipe is a usage error, never a namespace name', async () => {
  for (const word of ['--jsonn', '--frobnicate', '-x']) {
    const r = await runCli([word], { cwd: dir.path });
    assert.is(r.code, 2, word);
    assert.is(r.stdout, '');
    assert.match(r.stderr, `unknown option ${word}`);
    assert.not.match(r.stderr, 'unknown namespace');
  }
  // A recipe keeps its own flag of the same name as a CLI option.
  const own = await runCli(['jupyterhub:setup-claude-mcp-server', '--json', '--help'], {
    cwd: dir.path,
  });
  assert.is(own.code, 0, own.stderr);
  assert.match(own.stdout, '[--json]');
});

cli('global flags work anywhere on the line; --version prints the version', async () => {
  const v = await runCli(['--version'], { cwd: dir.path });
  assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
  const r = await runCli(['-q', 'utils:random-password', '--no-color', '5', '--verbose'], {
    cwd: dir.path,
  });
  assert.is(r.code, 0);
  assert.match(r.stdout, /^[A-Za-z0-9]{5}\n$/);
});

cli('--env-file and TASKS_ENV_FILE choose the file; the environment still wins', async () => {
  writeFileSync(join(dir.path, 'custom.env'), 'LOCAL_K8S_HOST=from-custom\n');
  const r = await runCli(['env:check', '--env-file', join(dir.path, 'custom.env')], {
    cwd: dir.path,
  });
  assert.is(r.code, 0, r.stderr);
  const viaEnv = await runCli(['env:check'], {
    cwd: dir.path,
    env: { TASKS_ENV_FILE: join(dir.path, 'custom.env') },
  });
  assert.is(viaEnv.code, 0, viaEnv.stderr);
  const missing = await runCli(['env:check'], {
    cwd: dir.path,
    env: { TASKS_ENV_FILE: join(dir.path, 'custom.env'), LOCAL_K8S_HOST: '' },
  });
  // A variable present in the environment wins even when empty.
  assert.is(missing.code, 1);
  assert.match(missing.stderr, 'LOCAL_K8S_HOST is not set');
});

cli.run();
