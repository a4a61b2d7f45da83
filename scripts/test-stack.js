// `npm run test:stack`: the end-to-end suites in test/stack against the real local stack.
// Starts the stack (building what is missing), runs the suites in order, stops the stack.
//   --reuse   use a stack that is already up (and leave it up)
//   --keep    leave the stack up afterwards (to look around; `npm run stack:down` ends it)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { running, stateRoot } = await import('./stack/lib.js');
const reuse = process.argv.includes('--reuse') && running().length > 0;
const keep = reuse || process.argv.includes('--keep');
const run = (args, env = process.env) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env })
    .status ?? 1;

// The suites start from an empty stack: data a failed run kept for a look (`down
// --keep-data`) would mix an old cluster with a fresh OpenBao.
if (!reuse && running().length === 0) rmSync(stateRoot, { recursive: true, force: true });
if (!reuse && run(['scripts/stack/up.js']) !== 0) {
  console.error('test:stack: the local stack did not come up (see above)');
  process.exit(1);
}
let status = 1;
let passed = 0;
let failed = 0;
try {
  const env = JSON.parse(readFileSync(join(stateRoot, 'env.json'), 'utf8'));
  const dir = join(root, 'dist', 'test', 'stack');
  if (!existsSync(dir)) throw new Error('dist/test/stack missing: run `npm run build` first');
  // One uvu process per file, in name order: the scenarios build on each other.
  status = 0;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    const r = spawnSync(process.execPath, [join(dir, file)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...env },
    });
    process.stdout.write(r.stdout ?? '');
    const total = Number(/Total:\s+(\d+)/.exec(r.stdout ?? '')?.[1] ?? 0);
    const ok = Number(/Passed:\s+(\d+)/.exec(r.stdout ?? '')?.[1] ?? 0);
    passed += ok;
    failed += total - ok + (r.status !== 0 && total === ok ? 1 : 0);
    if (r.status !== 0) {
      status = 1;
      break; // later scenarios start from this one's end state
    }
  }
} finally {
  console.log(`stack: ${passed} passed, ${failed} failed`);
  if (!keep) run(['scripts/stack/down.js', ...(status ? ['--keep-data'] : [])]);
}
process.exit(status);
