// Helpers for the fakes' own tests: run a fake CLI as a child process with the fake
// cluster's environment, and a tiny Vault KV v2 stub for the ExternalSecret simulation.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { FakeCluster } from './index.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  fc: FakeCluster,
  argv: string[],
  opts: { input?: string; cwd?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? fc.dir,
      env: { ...process.env, ...fc.env, ...(opts.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Answers GET /v1/secret/data/<key> like Vault's KV v2 for the given token. */
export async function vaultStub(
  token: string,
  secrets: Record<string, Record<string, string>>,
): Promise<{ server: Server; address: string }> {
  const server = createServer((req, res) => {
    const m = /^\/v1\/secret\/data\/(.+)$/.exec(req.url ?? '');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['x-vault-token'] !== token) return send(403, { errors: ['permission denied'] });
    if (req.method !== 'GET' || !m) return send(405, { errors: [] });
    const data = secrets[decodeURIComponent(m[1])];
    if (!data) return send(404, { errors: [] });
    send(200, { data: { data, metadata: { version: 1 } } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    server,
    address: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
  };
}

export const manifest = (o: unknown): string => JSON.stringify(o);
