// `npm run stack:down`: stops every process stack:up started (by the pids it recorded) and
// removes the running state. `--keep-data` keeps data, logs and certificates.
import { rmSync } from 'node:fs';
import { log, stateRoot, stopAll } from './lib.js';

const stopped = await stopAll();
log(stopped.length ? `stopped ${stopped.map((d) => d.name).join(', ')}` : 'nothing was running');
if (!process.argv.includes('--keep-data')) rmSync(stateRoot, { recursive: true, force: true });
