// A real JupyterHub (Debian's `jupyterhub` package, 3.0) for tests: started on 127.0.0.1
// with an in-memory proxy (no configurable-http-proxy) and the admin-service snippet taken
// verbatim from the values template, so get-token talks to the service and role exactly as
// the chart registers them. The code under test reaches it through a recording front
// (a transparent HTTP pass-through), so tests see every request with its body.
//
//   const hub = await startJupyterHub({ adminToken: 'a'.repeat(48) });
//   hub.apiUrl;        // http://127.0.0.1:FRONT/hub/api (JUPYTERHUB_API_URL)
//   hub.target;        // 127.0.0.1:FRONT (a port-forward target of the fake kubectl)
//   await hub.users(); // ['alice']
//   hub.requests();    // [{ method: 'GET', path: '/hub/api/users/alice', status: 404, … }]
//   await hub.close();
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templatesDir } from '../../tasks/core/paths.js';

export const JUPYTERHUB_BIN = '/usr/bin/jupyterhub';
const SETUP = 'apt-get install -y jupyterhub';

export interface StartOptions {
  /** the admin-service api_token (the hub's JUPYTERHUB_ADMIN_SERVICE_TOKEN) */
  adminToken: string;
  /** default /usr/bin/jupyterhub */
  bin?: string;
  /** readiness deadline, default 20 s */
  readyTimeoutMs?: number;
  /** Python appended to the generated config (tests of the harness itself) */
  extraConfig?: string;
}

/** One request that reached the hub through the front, with the hub's answer. */
export interface HubRequest {
  method: string;
  /** path and query, e.g. /hub/api/users/alice */
  path: string;
  /** the token of `Authorization: token …`, if any */
  token?: string;
  contentType?: string;
  /** the request body: parsed JSON, or the raw text when it is not JSON; undefined when empty */
  body?: unknown;
  status: number;
}

export interface ApiResponse {
  status: number;
  json: any;
}

export interface JupyterHub {
  /** http://127.0.0.1:PORT of the recording front */
  url: string;
  /** `${url}/hub/api`: what JUPYTERHUB_API_URL is set to */
  apiUrl: string;
  /** 127.0.0.1:PORT of the front: state.services["NS/hub"].target for the fake kubectl */
  target: string;
  /** the hub itself, bypassing the front (not recorded) */
  hubApiUrl: string;
  /** the hub's process id */
  pid: number;
  /** temp dir of the config, database and cookie secret (removed by close) */
  dir: string;
  /** names of all users (sorted), asked directly with the admin token */
  users(): Promise<string[]>;
  /** `method` `path` (relative to /hub/api/) with `token`, directly: not recorded */
  api(method: string, path: string, token: string, body?: unknown): Promise<ApiResponse>;
  /** every request that went through the front so far, in order of arrival */
  requests(): HubRequest[];
  requestCount(): number;
  /** the hub's log so far (stdout and stderr) */
  log(): string;
  /** stops the front, SIGTERM to the hub (SIGKILL after 5 s), removes the temp dir */
  close(): Promise<void>;
}

/** Running hubs and their temp dirs. */
const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test process that ends without close() (process.exit, an uncaught error) must not
  // leave hubs behind. The config's watchdog covers a test process killed by SIGKILL.
  process.on('exit', () => {
    for (const [child, dir] of live) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** The `hub.extraConfig` snippet of the values template that registers admin-service. */
export function adminServiceSnippet(): { key: string; code: string } {
  const file = join(templatesDir('jupyterhub'), 'jupyterhub-values.gomplate.yaml');
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^ {2}extraConfig:\s*$/.test(l));
  if (start < 0) throw new Error(`${file}: no hub.extraConfig block`);
  const blocks: Array<{ key: string; body: string[] }> = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') {
      blocks.at(-1)?.body.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (indent <= 2) break; // the next key of hub:, or a template directive at column 0
    const key = /^ {4}([\w.-]+): \|\s*$/.exec(line);
    if (key) blocks.push({ key: key[1], body: [] });
    else if (indent >= 6 && blocks.length) blocks.at(-1)?.body.push(line.slice(6));
    else throw new Error(`${file}: unexpected line in hub.extraConfig: ${line}`);
  }
  // The service name as a Python string literal, in either quote.
  const names = ['"admin-service"', "'admin-service'"];
  const found = blocks.find((b) => b.body.some((l) => names.some((n) => l.includes(n))));
  if (!found) throw new Error(`${file}: no hub.extraConfig snippet registers "admin-service"`);
  const code = `${found.body.join('\n').trimEnd()}\n`;
  if (code.includes('{{'))
    throw new Error(`${file}: the admin-service snippet has template syntax`);
  return { key: found.key, code };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const py = (s: string): string => JSON.stringify(s); // a JSON string is a valid Python str literal

function config(dir: string, port: number, o: StartOptions): string {
  const snippet = adminServiceSnippet();
  return `# generated by test/support/jupyterhub-server.ts
import atexit, os, shutil, signal, threading, time
from jupyterhub.proxy import Proxy
from traitlets import Bool


class MemoryProxy(Proxy):
    """Routes kept in memory: nothing to start, nothing listening."""

    should_start = Bool(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._routes = {}

    async def add_route(self, routespec, target, data):
        self._routes[routespec] = {"routespec": routespec, "target": target, "data": data}

    async def delete_route(self, routespec):
        self._routes.pop(routespec, None)

    async def get_all_routes(self):
        return dict(self._routes)


def _watch_parent(parent):
    # The test process died without close(): stop too.
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    os._exit(1)


atexit.register(shutil.rmtree, ${py(dir)}, True)
threading.Thread(target=_watch_parent, args=(${process.pid},), daemon=True).start()

c.JupyterHub.proxy_class = MemoryProxy
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = ${port}
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.db_url = ${py(`sqlite:///${join(dir, 'jupyterhub.sqlite')}`)}
c.JupyterHub.cookie_secret_file = ${py(join(dir, 'jupyterhub_cookie_secret'))}
c.JupyterHub.pid_file = ${py(join(dir, 'jupyterhub.pid'))}

# As the chart's jupyterhub_config.py: the lists first, then each hub.extraConfig snippet.
c.JupyterHub.services = []
c.JupyterHub.load_roles = []
exec(compile(${py(snippet.code)}, ${py(`hub.extraConfig.${snippet.key}`)}, "exec"))
${o.extraConfig ?? ''}
`;
}

const tail = (text: string, lines = 25): string =>
  text.trimEnd().split('\n').slice(-lines).join('\n');

async function request(
  apiUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiResponse> {
  const res = await fetch(`${apiUrl}/${path}`, {
    method,
    headers: {
      ...(token && { Authorization: `token ${token}` }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** A transparent HTTP/1.1 pass-through to 127.0.0.1:hubPort that records each exchange. */
async function startFront(hubPort: number, recorded: HubRequest[]) {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const auth = /^token (.*)$/.exec(req.headers.authorization ?? '');
      const entry: HubRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        ...(auth && { token: auth[1] }),
        ...(req.headers['content-type'] && { contentType: req.headers['content-type'] }),
        ...(body !== undefined && { body }),
        status: 0,
      };
      recorded.push(entry);
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: hubPort,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (up) => {
          entry.status = up.statusCode ?? 0;
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        entry.status = 502;
        res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`front: ${err.message}`);
      });
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startOnce(o: StartOptions, bin: string): Promise<JupyterHub> {
  const dir = mkdtempSync(join(tmpdir(), 'jupyterhub-test-'));
  const port = await freePort();
  const file = join(dir, 'jupyterhub_config.py');
  writeFileSync(file, config(dir, port, o));
  const child = spawn(bin, ['--config', file], {
    cwd: dir,
    // Debian's python and nothing of the developer's environment (pyenv, PYTHONPATH).
    env: {
      PATH: '/usr/bin:/bin',
      HOME: dir,
      LANG: 'C.UTF-8',
      JUPYTERHUB_ADMIN_SERVICE_TOKEN: o.adminToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.set(child, dir);
  installExitHook();
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString('utf8')));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      exited ??= { code, signal };
      live.delete(child);
      resolve();
    };
    child.once('exit', done);
    // Not started at all (not executable, …): there is no exit event.
    child.once('error', (err) => {
      log += `\nspawn ${bin}: ${err.message}\n`;
      if (child.pid === undefined) done(null, null);
    });
  });

  const hubApiUrl = `http://127.0.0.1:${port}/hub/api`;
  let front: Awaited<ReturnType<typeof startFront>> | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await front?.close();
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const failure = async (why: string) => {
    await close();
    return Object.assign(
      new Error(`JupyterHub (${bin}) ${why} on ${hubApiUrl}\n--- hub log (tail) ---\n${tail(log)}`),
      { hubLog: log },
    );
  };

  // Ready when GET /hub/api/ answers 200 (about 1–2 s after the start).
  const timeoutMs = o.readyTimeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      const how = exited.signal ?? (exited.code === null ? 'no start' : `code ${exited.code}`);
      throw await failure(`exited (${how}) before it was ready`);
    }
    try {
      if ((await request(hubApiUrl, 'GET', '')).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw await failure(`was not ready after ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const recorded: HubRequest[] = [];
  front = await startFront(port, recorded);
  const url = `http://127.0.0.1:${front.port}`;
  return {
    url,
    apiUrl: `${url}/hub/api`,
    target: `127.0.0.1:${front.port}`,
    hubApiUrl,
    pid: child.pid as number,
    dir,
    async users() {
      const r = await request(hubApiUrl, 'GET', 'users', o.adminToken);
      if (r.status !== 200) throw new Error(`GET users: ${r.status} ${JSON.stringify(r.json)}`);
      return (r.json as Array<{ name: string }>).map((u) => u.name).sort();
    },
    api: (method, path, token, body) => request(hubApiUrl, method, path, token, body),
    requests: () => recorded.map((r) => ({ ...r })),
    requestCount: () => recorded.length,
    log: () => log,
    close,
  };
}

/** Starts Debian's JupyterHub on a free port of 127.0.0.1 and waits until its API answers. */
export async function startJupyterHub(o: StartOptions): Promise<JupyterHub> {
  const bin = o.bin ?? JUPYTERHUB_BIN;
  if (!existsSync(bin)) {
    throw new Error(`JupyterHub is not installed (${bin} is missing); run: ${SETUP}`);
  }
  // The port is free when chosen, but another process may bind it before the hub does.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(o, bin);
    } catch (err) {
      const log = String((err as { hubLog?: string }).hubLog ?? '');
      if (attempt < 3 && /Address already in use/.test(log)) continue;
      throw err;
    }
  }
}
