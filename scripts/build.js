// Compiles tasks/ and test/ into dist/ (type-checked), writes the recipe manifest that
// lets `tasks --list` and `--help` answer without importing any namespace, then bundles
// the CLI into dist/bundle/: one file for the core, one lazily loaded entry per namespace,
// packages left external. A cold start then reads a handful of files, not forty.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) {
  console.error('build: tsc failed');
  process.exit(1);
}
const { writeManifest } = await import('../dist/tasks/core/manifest-writer.js');
await writeManifest();

const compiled = join(dist, 'tasks');
const namespaces = readdirSync(compiled).filter((d) => existsSync(join(compiled, d, 'index.js')));
const { build } = await import('esbuild');
await build({
  entryPoints: [
    join(compiled, 'cli.js'),
    ...namespaces.map((ns) => join(compiled, ns, 'index.js')),
  ],
  outbase: compiled,
  outdir: join(dist, 'bundle'),
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
copyFileSync(join(compiled, 'manifest.json'), join(dist, 'bundle', 'manifest.json'));
