// Entry point of `npx tasks` (bin/tasks.js). Everything else is in core/ and the namespaces.
import { main } from './core/main.js';
import { setManifestLocation } from './core/manifest.js';

setManifestLocation(new URL('./manifest.json', import.meta.url));
process.exitCode = await main(process.argv.slice(2));
