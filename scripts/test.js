// Runs every uvu suite compiled into dist/test (but the end-to-end suites of test/stack,
// which need the local stack: `npm run test:stack`), then the Python tests.
// Usage: node scripts/test.js [folder-under-test ...]   (e.g. `template`, `core`)
// Ends with one line "tests: N passed, N failed" over both runners.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
let passed = 0;
let failedCount = 0;
const run = (cmd, args, count) => {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  process.stdout.write(r.stdout ?? '');
  count(r.stdout ?? '');
  return r.status ?? 1;
};
const uvuCount = (out) => {
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
  passed += ok;
  failedCount += total - ok;
};
const pytestCount = (out) => {
  passed += Number(/(\d+) passed/.exec(out)?.[1] ?? 0);
  failedCount +=
    Number(/(\d+) failed/.exec(out)?.[1] ?? 0) + Number(/(\d+) error/.exec(out)?.[1] ?? 0);
};

let failed = 0;
const dirs = only.length ? only.map((d) => `dist/test/${d}`) : ['dist/test'];
for (const dir of dirs) {
  failed |= run(
    process.execPath,
    ['node_modules/uvu/bin.js', dir, '\\.test\\.js$', '-i', '^stack$'],
    uvuCount,
  );
}
/** A venv with hvac 2.3.0 and pytest from PyPI, made once (cached). */
function hvacVenv() {
  const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'buun-stack-tasks');
  const venv = join(cache, 'pytest-hvac-2.3.0');
  if (existsSync(join(venv, 'bin', 'pytest'))) return venv;
  const make = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  };
  make(python, ['-m', 'venv', venv]);
  make(join(venv, 'bin', 'pip'), ['install', '-q', 'hvac==2.3.0', 'pytest']);
  return venv;
}

// Debian's python3 sees the Debian packages (hvac, pytest); a pyenv python first on PATH does not.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const pyDirs = ['python-package/tests', 'test/python'].filter((d) => existsSync(`${root}/${d}`));
if (!only.length && pyDirs.length) {
  failed |= run(python, ['-m', 'pytest', '-q', ...pyDirs], pytestCount);
  // Again with hvac 2.3.0 from PyPI, the version the kernel images pin (Debian ships 0.11).
  failed |= run(join(hvacVenv(), 'bin', 'python'), ['-m', 'pytest', '-q', ...pyDirs], pytestCount);
}
console.log(`tests: ${passed} passed, ${failedCount} failed`);
process.exit(failed ? 1 : 0);
