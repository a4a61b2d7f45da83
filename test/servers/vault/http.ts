// The internal HTTP server behind the LIST-rewriting front: reads the body, answers the /_test/
// control surface, hands /v1/ requests to the Vault pipeline and logs every request (method,
// path and status only — never bodies or tokens).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import { clientToken, errorBody, handleVault, type CoreDeps, type CoreOutput } from './core.js';
import { VaultError } from './errors.js';
import { ORIGINAL_METHOD_HEADER } from './front.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface HttpDeps extends CoreDeps {
  rootToken: string;
  log: RequestLogEntry[];
  clock: Clock;
}

const MAX_BODY = 32 * 1024 * 1024; // Vault's default max_request_size

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new VaultError(413, ['http: request body too large']));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new VaultError(400, [`failed to parse JSON input: ${(e as Error).message}`]);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new VaultError(400, ['failed to parse JSON input: expected a JSON object']);
  }
  return value as Record<string, unknown>;
}

/** POST /_test/clock {"advance": s} and POST /_test/seal {"sealed": b}, root token only. */
function control(
  deps: HttpDeps,
  method: string,
  path: string,
  body: Record<string, unknown>,
  token: string,
): CoreOutput {
  if (token !== deps.rootToken) return { status: 403, body: { errors: ['permission denied'] } };
  if (method !== 'POST') return { status: 405, body: { errors: ['unsupported operation'] } };
  if (path === '/_test/clock') {
    const advance = body.advance;
    if (typeof advance !== 'number' || !(advance >= 0)) {
      return {
        status: 400,
        body: { errors: ['"advance" must be a non-negative number of seconds'] },
      };
    }
    deps.clock.advance(advance);
    return { status: 200, body: { now: deps.clock.now() } };
  }
  if (path === '/_test/seal') {
    if (typeof body.sealed !== 'boolean')
      return { status: 400, body: { errors: ['"sealed" must be a boolean'] } };
    deps.state.sealed = body.sealed;
    return { status: 200, body: { sealed: deps.state.sealed } };
  }
  return { status: 404, body: { errors: ['unknown test control endpoint'] } };
}

async function respond(deps: HttpDeps, req: IncomingMessage): Promise<CoreOutput> {
  const url = new URL(req.url ?? '/', 'http://vault.test');
  const method = (req.headers[ORIGINAL_METHOD_HEADER] as string | undefined) ?? req.method ?? 'GET';
  try {
    const raw = await readBody(req);
    if (url.pathname.startsWith('/_test/')) {
      return control(deps, method, url.pathname, parseJson(raw), clientToken(req.headers));
    }
    if (!url.pathname.startsWith('/v1/')) return { status: 404, body: { errors: [] } };
    if (method === 'PATCH') {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/merge-patch+json') {
        return {
          status: 415,
          body: {
            errors: [`PATCH requires Content-Type application/merge-patch+json, got "${type}"`],
          },
        };
      }
    }
    const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? parseJson(raw) : {};
    const path = decodeURIComponent(url.pathname.slice('/v1/'.length));
    return handleVault(deps, { method, path, query: url.searchParams, body, headers: req.headers });
  } catch (e) {
    if (e instanceof VaultError) return { status: e.status, body: errorBody(e) };
    process.stderr.write(`vault test server: internal error: ${(e as Error).stack ?? e}\n`);
    return { status: 500, body: { errors: ['internal error'] } };
  }
}

export function createVaultHttpServer(deps: HttpDeps): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void respond(deps, req).then((out) => {
      const method =
        (req.headers[ORIGINAL_METHOD_HEADER] as string | undefined) ?? req.method ?? 'GET';
      deps.log.push({
        method,
        path: new URL(req.url ?? '/', 'http://x').pathname,
        status: out.status,
      });
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (out.body === undefined || req.method === 'HEAD' || out.status === 204) {
        res.writeHead(out.status, headers).end();
        return;
      }
      const text = JSON.stringify(out.body);
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(text));
      res.writeHead(out.status, headers).end(text);
    });
  });
}
