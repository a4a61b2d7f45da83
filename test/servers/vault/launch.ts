// Starts a Vault test server for out-of-process users (the Python tests): prints exactly one
// JSON line {"addr": ..., "rootToken": ...} on stdout and runs until SIGTERM/SIGINT or until
// stdin closes (so a parent that dies without signalling does not leave it running).
// Options: --root-token <t>, --port <n>, --no-stdin (ignore stdin; stop only on a signal).
import { startVaultServer } from './index.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = arg('--port');
const server = await startVaultServer({
  rootToken: arg('--root-token'),
  port: port === undefined ? undefined : Number(port),
});
process.stdout.write(`${JSON.stringify({ addr: server.url, rootToken: server.rootToken })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (!process.argv.includes('--no-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
