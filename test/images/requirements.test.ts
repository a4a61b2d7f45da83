// Each kernel image's Python package set resolves: pip's own resolver runs on the image's
// requirements.txt with its constraints.txt, for the image's platform (CPython 3.12,
// manylinux x86_64 up to glibc 2.39, as in the base image), against PyPI. A deliberately
// conflicting set shows the check fails on a conflict. Needs PyPI; every pip run is
// bounded in time and downloads are cached in ~/.cache/buun-stack-tasks/pip-resolve.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../tasks/core/paths.js';

const Requirements = suite('kernel images: the pinned package sets resolve with pip against PyPI');

// Debian's python3 (pip 23): the interpreter the other Python tests use.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const IMAGES = ['datastack-notebook', 'datastack-cuda-notebook'];
const CACHE = join(homedir(), '.cache', 'buun-stack-tasks', 'pip-resolve');
// pip takes --platform literally: every manylinux tag the base image (glibc 2.39) accepts.
const PLATFORMS = [
  ...Array.from({ length: 35 }, (_, k) => `manylinux_2_${39 - k}_x86_64`),
  'manylinux2014_x86_64',
  'manylinux2010_x86_64',
  'manylinux1_x86_64',
  'linux_x86_64',
];
// Pure-Python dependencies PyPI has only as source. pip cannot build for another Python
// than its own, so they are built into wheels here first (the image's pip builds them).
const SOURCE_ONLY = ['langdetect'];
const RESOLVE_TIMEOUT_MS = 15 * 60_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // PyPI only: no local wheel folders, no pip.conf; the CA settings stay.
      PIP_FIND_LINKS: '',
      PIP_CONFIG_FILE: '/dev/null',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_NO_INPUT: '1',
      PIP_DEFAULT_TIMEOUT: '60',
    };
    const child = spawn(PYTHON, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}

interface Resolution extends Run {
  /** name → version of every distribution pip would install */
  install: Map<string, string>;
  /** name → Requires-Python of each */
  requiresPython: Map<string, string>;
}

const canonical = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** `pip install --dry-run --report` of the files, for the image's platform. */
async function resolveSet(
  requirements: string,
  constraints: string | undefined,
  wheels: string,
): Promise<Resolution> {
  const work = mkdtempSync(join(tmpdir(), 'pip-resolve-'));
  try {
    const report = join(work, 'report.json');
    const r = await run(
      [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--quiet',
        '--ignore-installed',
        // pip 23 checks Requires-Python against its own interpreter even with
        // --python-version; each package's is checked against 3.12 below instead.
        '--ignore-requires-python',
        '--target',
        join(work, 'target'),
        '--cache-dir',
        join(CACHE, 'http'),
        '--index-url',
        'https://pypi.org/simple/',
        '--find-links',
        wheels,
        '--python-version',
        '3.12',
        ...PLATFORMS.flatMap((p) => ['--platform', p]),
        '--only-binary=:all:',
        '--report',
        report,
        '--requirement',
        requirements,
        ...(constraints ? ['--constraint', constraints] : []),
      ],
      RESOLVE_TIMEOUT_MS,
    );
    const install = new Map<string, string>();
    const requiresPython = new Map<string, string>();
    if (r.status === 0) {
      const doc = JSON.parse(readFileSync(report, 'utf8')) as {
        install: { metadata: { name: string; version: string; requires_python?: string } }[];
      };
      for (const { metadata } of doc.install) {
        install.set(canonical(metadata.name), metadata.version);
        if (metadata.requires_python)
          requiresPython.set(canonical(metadata.name), metadata.requires_python);
      }
    }
    return { ...r, install, requiresPython };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Those Requires-Python specifiers that do not admit Python 3.12 (pip's own parser). */
async function notFor312(specs: Map<string, string>): Promise<string[]> {
  const script = [
    'import json, sys',
    'from pip._vendor.packaging.specifiers import SpecifierSet',
    'specs = json.load(sys.stdin)',
    'print(json.dumps([n for n, s in specs.items() if not SpecifierSet(s).contains("3.12.0")]))',
  ].join('\n');
  const input = JSON.stringify(Object.fromEntries(specs));
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(err)),
    );
    child.stdin.end(input);
  });
}

const pinsOf = (file: string): Map<string, string> =>
  new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Za-z0-9]/.test(l))
      .map((l) => {
        const [name, version] = l.split('==');
        return [canonical(name!.replace(/\[.*\]$/, '')), version!.trim()] as const;
      }),
  );

/** Wheels of the source-only packages at their constraints.txt versions, built once. */
async function sourceOnlyWheels(constraints: string): Promise<string> {
  const dir = join(CACHE, 'wheels');
  mkdirSync(dir, { recursive: true });
  const pins = pinsOf(constraints);
  for (const name of SOURCE_ONLY) {
    const version = pins.get(name);
    if (!version) continue;
    const built = readdirSync(dir).some((f) => canonical(f).startsWith(`${name}-${version}-`));
    if (built) continue;
    const r = await run(
      ['-m', 'pip', 'wheel', '--quiet', '--no-deps', '--wheel-dir', dir, `${name}==${version}`],
      5 * 60_000,
    );
    assert.is(r.status, 0, `building ${name}==${version}: ${r.stderr}`);
  }
  return dir;
}

function explain(r: Run): string {
  if (r.timedOut) return `pip did not finish within ${RESOLVE_TIMEOUT_MS / 60_000} min`;
  const tail = r.stderr.trim().split('\n').slice(-25).join('\n');
  return /Could not fetch URL|NewConnectionError|Name or service not known|timed out/i.test(tail)
    ? `PyPI is not reachable (this test needs it):\n${tail}`
    : tail;
}

Requirements(
  'a deliberately conflicting pinned set fails the resolver, naming the conflict',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pip-conflict-'));
    try {
      // requests 2.32.3 needs idna>=2.5: both pins exist as wheels, together they cannot.
      const file = join(dir, 'requirements.txt');
      writeFileSync(file, 'requests==2.32.3\nidna==2.4\n');
      const r = await resolveSet(file, undefined, dir);
      assert.not.ok(r.timedOut, explain(r));
      assert.is(r.status, 1, explain(r));
      assert.match(r.stderr, /conflicting dependencies|ResolutionImpossible/);
      assert.match(r.stderr, /idna/);
      // and the same two without the conflicting pin resolve
      writeFileSync(file, 'requests==2.32.3\n');
      const fine = await resolveSet(file, undefined, dir);
      assert.is(fine.status, 0, explain(fine));
      assert.is(fine.install.get('requests'), '2.32.3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

// Both images resolve at the same time: each run is mostly waiting on downloads.
const resolutions = new Map<string, Promise<Resolution>>();
let wheelBuilds: Promise<string> = Promise.resolve('');
function resolveImage(image: string): Promise<Resolution> {
  let p = resolutions.get(image);
  if (!p) {
    const folder = join(projectRoot, 'images', image);
    const constraints = join(folder, 'constraints.txt');
    // One build at a time: both images share the wheel folder.
    const build = wheelBuilds.catch(() => '').then(() => sourceOnlyWheels(constraints));
    wheelBuilds = build;
    p = build.then((wheels) => resolveSet(join(folder, 'requirements.txt'), constraints, wheels));
    // a rejection is reported by the test that awaits it
    p.catch(() => undefined);
    resolutions.set(image, p);
  }
  return p;
}

for (const image of IMAGES) {
  Requirements(
    `${image}: requirements.txt with constraints.txt resolves for CPython 3.12`,
    async () => {
      for (const other of IMAGES) void resolveImage(other);
      const r = await resolveImage(image);
      assert.is(r.status, 0, explain(r));
      // Every pin is what pip would install, and every package runs on Python 3.12.
      const requirements = join(projectRoot, 'images', image, 'requirements.txt');
      for (const [name, version] of pinsOf(requirements)) {
        assert.is(r.install.get(name), version, `${name}`);
      }
      assert.ok(r.install.size > 300, `the whole set was resolved (${r.install.size})`);
      assert.equal(await notFor312(r.requiresPython), [], 'packages that exclude Python 3.12');
    },
  );
}

Requirements('fix-nbmodel-pager.patch applies to the pinned jupyter-server-nbmodel', async () => {
  const folder = join(projectRoot, 'images', 'datastack-notebook');
  const version = pinsOf(join(folder, 'constraints.txt')).get('jupyter-server-nbmodel');
  assert.ok(version, 'jupyter-server-nbmodel is pinned');
  const dir = mkdtempSync(join(tmpdir(), 'nbmodel-'));
  try {
    const get = await run(
      [
        '-m',
        'pip',
        'download',
        '--quiet',
        '--no-deps',
        '--only-binary=:all:',
        '--dest',
        dir,
        '--cache-dir',
        join(CACHE, 'http'),
        `jupyter-server-nbmodel==${version}`,
      ],
      5 * 60_000,
    );
    assert.is(get.status, 0, explain(get));
    const wheel = readdirSync(dir).find((f) => f.endsWith('.whl'))!;
    const unzip = await run(['-m', 'zipfile', '-e', join(dir, wheel), join(dir, 'src')], 60_000);
    assert.is(unzip.status, 0, unzip.stderr);
    const pkg = join(dir, 'src', 'jupyter_server_nbmodel');
    const patched = await new Promise<Run>((resolve, reject) => {
      const child = spawn('patch', ['-p1', '--forward', '--batch'], {
        cwd: pkg,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr, timedOut: false }));
      child.stdin.end(readFileSync(join(folder, 'fix-nbmodel-pager.patch')));
    });
    assert.is(patched.status, 0, patched.stdout + patched.stderr);
    assert.not.match(patched.stdout, /fuzz|offset/i, 'applies exactly');
    const source = readFileSync(join(pkg, 'actions.py'), 'utf8');
    assert.match(source, 'payload.get("source") != "page"');
    const compiled = await run(['-m', 'py_compile', join(pkg, 'actions.py')], 60_000);
    assert.is(compiled.status, 0, compiled.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Requirements.run();
