// The buunstack wheel really builds offline (as jupyterhub:build-kernel-images builds
// it) and installs into a fresh virtual environment with a working console script.
// Uses Debian's python3 (/usr/bin/python3): python3-build, python3-setuptools-scm,
// python3-venv and python3-hvac provide everything without network access.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../tasks/core/paths.js';

interface Context {
  tmp: string;
  wheel: string;
  venv: string;
}

const Wheel = suite<Context>('buunstack wheel', { tmp: '', wheel: '', venv: '' });

const PYTHON = '/usr/bin/python3';
const VERSION = '0.1.0';
const SKIP_IN_COPY = new Set(['dist', 'build', '.pytest_cache', '__pycache__', '.mypy_cache']);

function sh(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PIP_NO_INDEX: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', ...env },
    timeout: 300_000,
  });
}

function output(r: SpawnSyncReturns<string>): string {
  return `${r.error ? `${r.error.message}\n` : ''}${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function requireModule(module: string, aptPackage: string): void {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: apt-get install -y python3`);
  const r = sh(PYTHON, ['-c', `import ${module}`]);
  if (r.status !== 0) {
    throw new Error(
      `Debian python3 cannot import ${module}: apt-get install -y ${aptPackage}\n${output(r)}`,
    );
  }
}

Wheel.before((ctx) => {
  requireModule('build', 'python3-build');
  requireModule('setuptools_scm', 'python3-setuptools-scm');
  requireModule('ensurepip', 'python3-venv');
  requireModule('hvac', 'python3-hvac');
  ctx.tmp = mkdtempSync(join(tmpdir(), 'buunstack-wheel-'));
  // A copy outside git, as in a container build: the version must come from the
  // pretend variable, and nothing stale (dist/, egg-info) may leak into the wheel.
  const src = join(ctx.tmp, 'python-package');
  cpSync(join(projectRoot, 'python-package'), src, {
    recursive: true,
    filter: (path) => !SKIP_IN_COPY.has(basename(path)) && !path.endsWith('.egg-info'),
  });
  const build = sh(
    PYTHON,
    ['-m', 'build', '--wheel', '--no-isolation', '--outdir', join(ctx.tmp, 'dist'), src],
    { SETUPTOOLS_SCM_PRETEND_VERSION_FOR_BUUNSTACK: VERSION },
  );
  assert.is(build.status, 0, `wheel build failed:\n${output(build)}`);
  const wheels = readdirSync(join(ctx.tmp, 'dist')).filter((f) => f.endsWith('.whl'));
  assert.equal(wheels, [`buunstack-${VERSION}-py3-none-any.whl`]);
  ctx.wheel = join(ctx.tmp, 'dist', wheels[0]);
  ctx.venv = join(ctx.tmp, 'venv');
  // --system-site-packages: the hvac dependency is Debian's, no index needed.
  const venv = sh(PYTHON, ['-m', 'venv', '--system-site-packages', ctx.venv]);
  assert.is(venv.status, 0, `venv failed (apt-get install -y python3-venv):\n${output(venv)}`);
  const install = sh(join(ctx.venv, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--no-index',
    ctx.wheel,
  ]);
  assert.is(install.status, 0, `pip install of the wheel failed:\n${output(install)}`);
});

Wheel.after((ctx) => {
  if (ctx.tmp) rmSync(ctx.tmp, { recursive: true, force: true });
});

Wheel('the wheel holds the package, its type marker and the console script', (ctx) => {
  const listing = sh(PYTHON, [
    '-c',
    'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
    ctx.wheel,
  ]);
  assert.is(listing.status, 0, output(listing));
  const files = listing.stdout.split('\n');
  for (const f of [
    'buunstack/__init__.py',
    'buunstack/secrets.py',
    'buunstack/cli.py',
    'buunstack/py.typed',
  ]) {
    assert.ok(files.includes(f), `${f} not in the wheel`);
  }
  assert.not.ok(
    files.some((f) => f.startsWith('tests/')),
    'tests are not shipped',
  );
  const meta = sh(PYTHON, [
    '-c',
    'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); ' +
      'print(z.read("buunstack-0.1.0.dist-info/METADATA").decode()); ' +
      'print(z.read("buunstack-0.1.0.dist-info/entry_points.txt").decode())',
    ctx.wheel,
  ]);
  assert.is(meta.status, 0, output(meta));
  assert.match(meta.stdout, /^Requires-Python: >=3\.11$/m);
  assert.match(meta.stdout, /^Requires-Dist: hvac ?\(?>=0\.11\)?$/m);
  assert.match(meta.stdout, /^buunstack-secrets = buunstack\.cli:main$/m);
});

Wheel('the installed package imports from outside the source tree', (ctx) => {
  const r = sh(
    join(ctx.venv, 'bin', 'python'),
    ['-c', 'import buunstack, sys; print(buunstack.__version__); print(buunstack.__file__)'],
    {},
    ctx.tmp,
  );
  assert.is(r.status, 0, output(r));
  const [version, file] = r.stdout.trim().split('\n');
  assert.is(version, VERSION);
  assert.ok(file.startsWith(ctx.venv), `imported from ${file}, not from the venv`);
});

Wheel('buunstack-secrets --help runs', (ctx) => {
  const script = join(ctx.venv, 'bin', 'buunstack-secrets');
  assert.ok(existsSync(script), 'console script not installed');
  const r = sh(script, ['--help'], {}, ctx.tmp);
  assert.is(r.status, 0, output(r));
  for (const command of ['list', 'get', 'put', 'delete']) assert.match(r.stdout, command);
});

Wheel('buunstack-secrets without a token explains instead of crashing', (ctx) => {
  const r = sh(
    join(ctx.venv, 'bin', 'buunstack-secrets'),
    ['list'],
    { NOTEBOOK_VAULT_TOKEN: '' },
    ctx.tmp,
  );
  assert.is(r.status, 1, output(r));
  assert.match(r.stderr, /restart your notebook server/);
  assert.not.match(r.stderr, /Traceback/);
});

// The compiled Vault HTTP-API test server sits beside this file's compiled folder.
const VAULT_LAUNCHER = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'servers',
  'vault',
  'launch.js',
);

interface VaultAnswer {
  data?: { data?: Record<string, string> };
  auth?: { client_token: string };
}

async function vaultRequest(
  addr: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${addr}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as VaultAnswer;
}

function runAsync(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<SpawnSyncReturns<string>> {
  // Asynchronous: the Vault test server's stdout is read by this process meanwhile.
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) =>
      resolve({ status, stdout, stderr, pid: child.pid ?? 0, output: [], signal: null }),
    );
  });
}

Wheel('the installed buunstack-secrets manages secrets on the Vault test server', async (ctx) => {
  assert.ok(
    existsSync(VAULT_LAUNCHER),
    `Vault test server not compiled at ${VAULT_LAUNCHER}: run npm run build`,
  );
  const server = spawn(process.execPath, [VAULT_LAUNCHER], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout }).once('line', resolve);
      server.once('exit', (code) => reject(new Error(`Vault test server exited (${code})`)));
    });
    const { addr, rootToken } = JSON.parse(first) as { addr: string; rootToken: string };
    // What the pre-spawn hook does: the user's policy, then an orphan token with it.
    const template = join(projectRoot, 'templates', 'jupyterhub', 'user_policy.hcl');
    const policyFile = existsSync(template)
      ? template
      : join(projectRoot, 'python-package', 'tests', 'fixtures', 'user_policy.hcl');
    const policy = readFileSync(policyFile, 'utf8').replaceAll('{username}', 'erin');
    await vaultRequest(addr, rootToken, 'PUT', 'sys/policies/acl/jupyter-user-erin', { policy });
    const created = await vaultRequest(addr, rootToken, 'POST', 'auth/token/create-orphan', {
      policies: ['jupyter-user-erin'],
      ttl: '24h',
      explicit_max_ttl: '168h',
      renewable: true,
    });
    const env = {
      JUPYTERHUB_USER: 'erin',
      VAULT_ADDR: addr,
      NOTEBOOK_VAULT_TOKEN: created.auth?.client_token ?? '',
    };
    const cli = join(ctx.venv, 'bin', 'buunstack-secrets');

    const put = await runAsync(cli, ['put', 'api-keys', 'openai=sk-1', 'github=ghp-2'], env);
    assert.is(put.status, 0, output(put));
    const stored = await vaultRequest(
      addr,
      rootToken,
      'GET',
      'secret/data/jupyter/users/erin/api-keys',
    );
    assert.equal(stored.data?.data, { openai: 'sk-1', github: 'ghp-2' });
    const list = await runAsync(cli, ['list'], env);
    assert.is(list.stdout, 'api-keys\n', output(list));
    const field = await runAsync(cli, ['get', 'api-keys', '--field', 'openai'], env);
    assert.is(field.stdout, 'sk-1\n', output(field));
    const del = await runAsync(cli, ['delete', 'api-keys'], env);
    assert.is(del.status, 0, output(del));
    const gone = await runAsync(cli, ['get', 'api-keys'], env);
    assert.is(gone.status, 1);
    assert.match(gone.stderr, "Secret 'api-keys' not found");
  } finally {
    server.kill('SIGTERM');
  }
});

Wheel.run();
