// Entry point of `npx tasks` (bin/tasks.js): it hands the namespace table to the core, which
// never imports a namespace itself. In the bundle this file also carries the core, and the
// namespaces import the core from it (one copy, one file to load), so it re-exports the core
// and does not await at the top level (a namespace importing it while it awaited would wait
// forever).
import { main } from './core/main.js';
import { setManifestLocation } from './core/manifest.js';
import { namespaces } from './namespaces.js';

export * from './core/index.js';

setManifestLocation(new URL('./manifest.json', import.meta.url));
void main(process.argv.slice(2), namespaces).then((code) => {
  process.exitCode = code;
});
