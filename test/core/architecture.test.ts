// The rules between the layers (ARCHITECTURE.md), read from the source tree: the core
// imports no namespace; outside the core only the entry points reach past its index (a
// deep import gives the bundle a second copy of a core module, and `instanceof TaskError`
// silently fails); no import cycles anywhere under tasks/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importCycles, importGraph } from '../support/import-graph.js';

const test = suite('core/architecture: the import rules between the layers');
const { files, edges } = importGraph();

const inCore = (path: string) => path.startsWith('core/');
// The entry point hands the namespace table to the core (main); the CommonJS front answers
// listings and help from a few core modules (its own bundle, handing any run to cli.ts);
// the build-time manifest writer reads the manifest's types. All sit beside the core,
// outside the runtime bundle's namespaces.
const ENTRY_POINTS = new Set(['cli.ts', 'front.ts', 'manifest-writer.ts']);

test('the graph is read: every namespace imports the core through its index', () => {
  assert.ok(files.length > 100, `${files.length} files`);
  for (const ns of ['env', 'jupyterhub', 'k8s', 'keycloak', 'template', 'utils', 'vault'])
    assert.ok(
      edges.some((e) => e.from.startsWith(`${ns}/`) && e.to === 'core/index.ts'),
      `${ns} imports core/index.ts`,
    );
  assert.ok(edges.some((e) => e.from === 'namespaces.ts' && e.to === 'jupyterhub/index.ts'));
});

test('the core imports nothing outside tasks/core (no namespace, no library, no entry point)', () => {
  const outward = edges.filter((e) => inCore(e.from) && !inCore(e.to));
  assert.equal(
    outward.map((e) => `${e.from} → ${e.to}`),
    [],
  );
});

test('outside the core, only the entry points import a core module other than its index', () => {
  const deep = edges.filter(
    (e) => !inCore(e.from) && inCore(e.to) && e.to !== 'core/index.ts' && !ENTRY_POINTS.has(e.from),
  );
  assert.equal(
    deep.map((e) => `${e.from} → ${e.to}`),
    [],
  );
});

test('no import cycles under tasks/ (type-only imports count too)', () => {
  assert.equal(
    importCycles(edges).map((c) => c.join(' ↔ ')),
    [],
  );
});

test.run();
