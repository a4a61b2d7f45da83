// Runs every uvu suite compiled into dist/test (but the end-to-end suites of test/stack,
// which need the local stack: `npm run test:stack`), then the Python tests.
// Usage: node scripts/test.js [folder-under-test ...]   (e.g. `template`, `core`)
// Ends with one line "tests: N passed, N failed" over both runners.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
// Debian's python3 sees the Debian packages (hvac, pytest); a pyenv python first on PATH does not.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const pyDirs = ['python-package/tests', 'test/python'].filter((d) => existsSync(`${root}/${d}`));
if (!only.length && pyDirs.length)
  failed |= run(python, ['-m', 'pytest', '-q', ...pyDirs], pytestCount);
console.log(`tests: ${passed} passed, ${failedCount} failed`);
process.exit(failed ? 1 : 0);
