// `npm run stack:up`: builds what is missing (cached), starts the local stack on 127.0.0.1
// and prints the export lines after which `npx tasks jupyterhub:install` works against it.
//   npm run stack:up                 build and start everything
//   npm run stack:up -- --build-only build (warm the cache), start nothing
// The export lines go to stdout (eval "$(npm run -s stack:up)"); progress goes to stderr.
// They are also written to <state>/env.sh for later shells and for the tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheRoot,
  ensureDir,
  hasShared,
  log,
  ports,
  running,
  sharedRoot,
  stackCA,
  stateRoot,
} from './lib.js';

/** Start order: each component may use what the earlier ones exported. */
export const componentNames = ['kubernetes', 'helm', 'openbao', 'keycloak', 'platform', 'hub'];

export async function loadComponents(names = componentNames) {
  return Promise.all(names.map(async (n) => (await import(`./${n}.js`)).default));
}

const shellQuote = (v) => `'${String(v).replaceAll("'", `'\\''`)}'`;

export function exportLines(env) {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join('\n');
}

let startedAny = false;

async function main() {
  const buildOnly = process.argv.includes('--build-only');
  const components = await loadComponents();
  ensureDir(cacheRoot);
  ensureDir(stateRoot);
  if (!hasShared) log(`no ${sharedRoot}/reference: charts and CRDs come from their public sources`);

  const started = Date.now();
  for (const c of components) {
    const t = Date.now();
    log(`build ${c.name}`);
    await c.build({
      cache: cacheRoot,
      state: stateRoot,
      shared: hasShared ? sharedRoot : undefined,
      ports,
      log,
    });
    log(`build ${c.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (buildOnly) {
    log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (cache: ${cacheRoot})`);
    return;
  }
  if (running().length) {
    throw new Error(
      `the stack is already running (${running()
        .map((d) => d.name)
        .join(', ')}): npm run stack:down first`,
    );
  }
  const env = {};
  startedAny = true;
  for (const c of components) {
    const t = Date.now();
    log(`start ${c.name}`);
    Object.assign(
      env,
      await c.start({
        cache: cacheRoot,
        state: stateRoot,
        shared: hasShared ? sharedRoot : undefined,
        ports,
        log,
        env: { ...env },
      }),
    );
    log(`start ${c.name}: ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  // Node-based clients (the tasks' Keycloak and hub calls) trust the stack's CA too.
  env.NODE_EXTRA_CA_CERTS = stackCA().crt;
  const lines = exportLines(env);
  writeFileSync(join(stateRoot, 'env.sh'), `${lines}\n`, { mode: 0o600 });
  writeFileSync(join(stateRoot, 'env.json'), `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
  log(
    `up in ${((Date.now() - started) / 1000).toFixed(1)} s; the same lines are in ${join(stateRoot, 'env.sh')}`,
  );
  process.stdout.write(`${lines}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(async (err) => {
    log(`failed: ${err.message}`);
    // Only what this run started is stopped: a stack that was already up stays up.
    if (startedAny && !process.argv.includes('--keep-on-failure')) {
      const { stopAll } = await import('./lib.js');
      await stopAll();
      log('stopped what had started (keep it with --keep-on-failure)');
    }
    process.exitCode = 1;
  });
}
