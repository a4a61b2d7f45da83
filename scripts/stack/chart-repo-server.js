// The stack's Helm chart repository: serves one folder (index.yaml and the chart .tgz
// files) read-only over HTTP on 127.0.0.1, as a static chart repository does.
//   node chart-repo-server.js <folder> <port>
// Started by helm.js through daemon(); stopped by pid with the rest of the stack.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';

const [folder, portArg] = process.argv.slice(2);
const port = Number(portArg);
if (!folder || !Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: node chart-repo-server.js <folder> <port>\n');
  process.exit(2);
}

const types = { '.yaml': 'application/x-yaml', '.tgz': 'application/gzip', '.prov': 'text/plain' };

const server = createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(1));
  const ext = name.slice(name.lastIndexOf('.'));
  // A flat folder: only plain file names with a known extension, never a path.
  const readOnly = req.method === 'GET' || req.method === 'HEAD';
  const ok = readOnly && name === basename(name) && !name.startsWith('.') && types[ext];
  let size = -1;
  if (ok) {
    try {
      const st = statSync(join(folder, name));
      if (st.isFile()) size = st.size;
    } catch {}
  }
  process.stdout.write(
    `${new Date().toISOString()} ${req.method} /${name} ${size >= 0 ? 200 : 404}\n`,
  );
  if (size < 0) {
    res.writeHead(readOnly ? 404 : 405, { 'content-type': 'text/plain' });
    res.end(readOnly ? 'not found\n' : 'read-only\n');
    return;
  }
  res.writeHead(200, { 'content-type': types[ext], 'content-length': size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(join(folder, name)).pipe(res);
});
server.listen(port, '127.0.0.1', () =>
  process.stdout.write(`serving ${folder} on http://127.0.0.1:${port}\n`),
);
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
