// Entry point of `npx tasks` (bin/tasks.js). Everything else is in core/ and the namespaces.
import { main } from './core/main.js';

process.exitCode = await main(process.argv.slice(2));
