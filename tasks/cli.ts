// Entry point of `npx tasks` (bin/tasks.js). Everything else is in core/ and the namespaces.
// In the bundle this file also carries the core, and the namespaces import the core from
// it (one copy, one file to load), so it re-exports the core and does not await at the
// top level (a namespace importing it while it awaited would wait forever).
import { main } from './core/main.js';
import { setManifestLocation } from './core/manifest.js';

export * from './core/index.js';

setManifestLocation(new URL('./manifest.json', import.meta.url));
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
