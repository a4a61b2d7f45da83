// Compiles tasks/ and test/ into dist/ (type-checked), writes the recipe manifest that
// lets `tasks --list` and `--help` answer without importing any namespace, then bundles
// the CLI for a fast cold start:
//   dist/bundle/front.cjs       what bin/tasks.js loads: the listing, --help, --version and
//                               --completions, as CommonJS (Node's ES module loader alone
//                               costs a sixth of a bare start); it imports cli.js for a run
//   dist/bundle/cli.js          the CLI and the whole core in one file: all that --list and
//                               --help load (bin/tasks.js imports it)
//   dist/bundle/<ns>/index.js   one self-contained file per namespace, loaded when one of its
//                               recipes runs; it imports the core from ../cli.js (one copy).
//                               A run loads one namespace, so code two namespaces share (k8s,
//                               vault, the template engine) is in both files rather than in
//                               extra chunks to load.
// Packages stay external (node_modules), loaded where the code first needs them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) {
  console.error('build: tsc failed');
  process.exit(1);
}
const { writeManifest } = await import('../dist/tasks/manifest-writer.js');
await writeManifest();

const compiled = join(dist, 'tasks');
const bundle = join(dist, 'bundle');
// The namespaces are the manifest's; other folders of tasks/ (core, gomplate) are libraries
// bundled into whoever imports them.
const namespaces = JSON.parse(readFileSync(join(compiled, 'manifest.json'), 'utf8')).namespaces.map(
  (ns) => ns.name,
);
const { build } = await import('esbuild');

// An ES import of node:fs makes Node build a namespace over every fs export, whose lazy
// getters load the whole stream stack (~1.5 ms of a ~15 ms start). require('node:fs')
// does not; the bundles get fs that way. A name missing here is a build error.
const FS_NAMES = [
  'accessSync',
  'appendFileSync',
  'chmodSync',
  'closeSync',
  'constants',
  'copyFileSync',
  'existsSync',
  'fstatSync',
  'mkdirSync',
  'mkdtempSync',
  'openSync',
  'readFileSync',
  'readSync',
  'readdirSync',
  'renameSync',
  'rmSync',
  'statSync',
  'writeFileSync',
  'writeSync',
];
const fsWithoutStreams = {
  name: 'fs-without-streams',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: 'fs', namespace: 'fs-require' }));
    b.onLoad({ filter: /.*/, namespace: 'fs-require' }, () => ({
      contents:
        "import { createRequire } from 'node:module';\n" +
        "const fs = createRequire(import.meta.url)('node:fs');\n" +
        `export const { ${FS_NAMES.join(', ')} } = fs;\nexport default fs;\n`,
      loader: 'js',
    }));
  },
};
// Whitespace and syntax minified (less to parse at start-up); names kept for --verbose stacks.
// Packages stay in node_modules and load where first needed; minimist, which every flagged
// command line needs, is bundled in (loading it through Node's CommonJS loader costs more
// than its code).
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => name !== 'minimist')
  .flatMap((name) => [name, `${name}/*`]);
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [join(compiled, 'cli.js')],
  outfile: join(bundle, 'cli.js'),
  plugins: [
    fsWithoutStreams,
    {
      // namespaces.ts loads ./<ns>/index.js lazily: those stay separate files beside cli.js.
      name: 'namespaces-stay-outside',
      setup(b) {
        b.onResolve({ filter: /^\.\/[a-z0-9-]+\/index\.js$/ }, (args) =>
          args.importer.endsWith('namespaces.js') ? { path: args.path, external: true } : undefined,
        );
      },
    },
  ],
});

await build({
  ...common,
  entryPoints: namespaces.map((ns) => join(compiled, ns, 'index.js')),
  outbase: compiled,
  outdir: bundle,
  entryNames: '[dir]/[name]',
  plugins: [
    fsWithoutStreams,
    {
      // Every namespace file sits one folder below dist/bundle/, so the core is ../cli.js.
      name: 'core-from-cli',
      setup(b) {
        b.onResolve({ filter: /\/core\/index\.js$/ }, () => ({
          path: '../cli.js',
          external: true,
        }));
      },
    },
  ],
});
await build({
  ...common,
  format: 'cjs',
  entryPoints: [join(compiled, 'front.js')],
  outfile: join(bundle, 'front.cjs'),
  // The core finds its files from import.meta.url; here it is this file's own URL, which
  // sits beside cli.js, so every relative path resolves as in cli.js.
  banner: { js: "var importMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': 'importMetaUrl' },
  plugins: [
    {
      // A recipe run is cli.js's: imported as the ES module it is, never bundled in.
      name: 'cli-stays-outside',
      setup(b) {
        b.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: './cli.js', external: true }));
      },
    },
  ],
});
copyFileSync(join(compiled, 'manifest.json'), join(bundle, 'manifest.json'));
