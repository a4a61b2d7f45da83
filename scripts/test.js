// Runs every uvu suite compiled into dist/test, then the Python tests.
// Usage: node scripts/test.js [folder-under-test ...]   (e.g. `template`, `core`)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

let failed = 0;
const dirs = only.length ? only.map((d) => `dist/test/${d}`) : ['dist/test'];
for (const dir of dirs) {
  failed |= run(process.execPath, ['node_modules/uvu/bin.js', dir, '\\.test\\.js$']);
}
// Debian's python3 sees the Debian packages (hvac, pytest); a pyenv python first on PATH does not.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const pyDirs = ['python-package/tests', 'test/python'].filter((d) => existsSync(`${root}/${d}`));
if (!only.length && pyDirs.length) failed |= run(python, ['-m', 'pytest', '-q', ...pyDirs]);
process.exit(failed ? 1 : 0);
