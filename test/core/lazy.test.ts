import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

const lazy = suite('core/lazy: listing and --help import no namespace and no heavy package');
const tracer = fileURLToPath(new URL('../support/trace-imports.js', import.meta.url));
let dir: ReturnType<typeof tempDir>;
lazy.before.each(() => {
  dir = tempDir();
});
lazy.after.each(() => dir.remove());

async function loadedBy(args: string[]): Promise<string[]> {
  const file = join(dir.path, 'imports.txt');
  const r = await runCli(args, {
    cwd: dir.path,
    nodeArgs: ['--import', tracer],
    env: { TRACE_IMPORTS_FILE: file },
  });
  assert.is(r.code, 0, r.stderr);
  return readFileSync(file, 'utf8').trim().split('\n');
}

// Namespace modules in the compiled tree (tasks/<ns>/) or the bundle (bundle/<ns>/).
const NAMESPACES = /\/(tasks|bundle)\/(utils|env|template|k8s|vault|keycloak|jupyterhub)\//;
const HEAVY = /node_modules\/(node-vault|@keycloak|@inquirer|yaml|axios)\//;

lazy('the tracer sees what a recipe run loads (so the assertions below can fail)', async () => {
  const urls = await loadedBy(['utils:random-password']);
  assert.ok(urls.some((u) => /\/(tasks|bundle)\/utils\/index\.js$/.test(u)));
  assert.ok(urls.some((u) => /\/(tasks|bundle)\/cli\.js$/.test(u)));
});

lazy(
  'listing every namespace (and completions) load no namespace module and no heavy package',
  async () => {
    for (const args of [['--list'], ['--list', '--json'], ['--completions', 'bash']]) {
      const urls = await loadedBy(args);
      assert.equal(
        urls.filter((u) => NAMESPACES.test(u)),
        [],
      );
      assert.equal(
        urls.filter((u) => HEAVY.test(u)),
        [],
      );
    }
  },
);

lazy('--help of a recipe answers from the manifest alone', async () => {
  const urls = await loadedBy(['jupyterhub:install', '--help']);
  assert.equal(
    urls.filter((u) => NAMESPACES.test(u)),
    [],
  );
  assert.equal(
    urls.filter((u) => HEAVY.test(u)),
    [],
  );
});

lazy(
  'running a recipe loads its own namespace only, and no heavy package when it runs no command',
  async () => {
    const urls = await loadedBy(['utils:random-password', '8']);
    assert.equal(
      urls.filter((u) => NAMESPACES.test(u) && !/\/(tasks|bundle)\/utils\//.test(u)),
      [],
    );
    assert.equal(
      urls.filter((u) => HEAVY.test(u)),
      [],
    );
  },
);

lazy.run();
