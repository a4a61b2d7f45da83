// Compiles tasks/ and test/ into dist/ and writes the recipe manifest that lets
// `tasks --list` and `--help` answer without importing any namespace.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  console.error('build: tsc failed');
  process.exit(1);
}
const { writeManifest } = await import('../dist/tasks/core/manifest-writer.js');
await writeManifest();
