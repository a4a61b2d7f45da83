// A real JupyterHub (Debian's `jupyterhub` package, 3.0) for tests: started on 127.0.0.1
// with an in-memory proxy (no configurable-http-proxy) and the admin-service snippet taken
// verbatim from the values template, so get-token talks to the service and role exactly as
// the chart registers them.
//
//   const hub = await startJupyterHub({ adminToken: 'a'.repeat(48) });
//   hub.apiUrl;                 // http://127.0.0.1:PORT/hub/api
//   await hub.users();          // ['alice']
//   await hub.requests();       // [{ status: 404, method: 'GET', path: '/hub/api/users/alice', who: 'admin-service', … }]
//   await hub.close();
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templatesDir } from '../../tasks/core/paths.js';

export const JUPYTERHUB_BIN = '/usr/bin/jupyterhub';
const SETUP = 'apt-get install -y jupyterhub';
/** Query marker of the harness's own requests: left out of requests(). */
const HARNESS = '_harness';

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

/** One request as the hub logged it (`log_request`): `201 POST /hub/api/users (admin-service@127.0.0.1) 5ms`. */
export interface HubRequest {
  status: number;
  method: string;
  /** path and query, as logged (token parameters scrubbed by the hub) */
  path: string;
  /** user or service name of the authenticated token; '' when anonymous or refused */
  who: string;
}

export interface ApiResponse {
  status: number;
  json: any;
}

export interface JupyterHub {
  /** http://127.0.0.1:PORT (the hub itself: there is no proxy) */
  url: string;
  /** http://127.0.0.1:PORT/hub/api */
  apiUrl: string;
  /** 127.0.0.1:PORT, a port-forward target for the fake kubectl */
  target: string;
  /** the hub's process id */
  pid: number;
  /** temp dir of the config, database and cookie secret (removed by close) */
  dir: string;
  /** names of all users, via the API with the admin token */
  users(): Promise<string[]>;
  /** GET/POST/… `path` (relative to /hub/api/) with `token` in the Authorization header */
  api(method: string, path: string, token: string, body?: unknown): Promise<ApiResponse>;
  /**
   * Every request the hub has handled so far, in order, the harness's own left out.
   * Waits until the hub's log has caught up (a marker request), so a request that a
   * finished client made is always in it.
   */
  requests(): Promise<HubRequest[]>;
  requestCount(): Promise<number>;
  /** the hub's whole log so far */
  log(): string;
  /** SIGTERM (SIGKILL after 5 s), then the temp dir is removed */
  close(): Promise<void>;
}

/** Running hubs and their temp dirs. */
const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test runner that ends without close() (failed assertion in a hook, process.exit)
  // must not leave hubs behind. The config's watchdog covers a SIGKILLed test process.
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
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      blocks.at(-1)?.body.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (indent <= 2) break; // the next key of hub (or a template directive at column 0)
    const key = /^ {4}([\w.-]+): \|\s*$/.exec(line);
    if (key) blocks.push({ key: key[1], body: [] });
    else if (indent >= 6 && blocks.length) blocks.at(-1)?.body.push(line.slice(6));
    else throw new Error(`${file}: unexpected line in hub.extraConfig: ${line}`);
  }
  const found = blocks.find((b) => b.body.some((l) => l.includes('"admin-service"')));
  if (!found) throw new Error(`${file}: no hub.extraConfig snippet registers "admin-service"`);
  const code = `${found.body.join('\n').trimEnd()}\n`;
  if (code.includes('{{')) throw new Error(`${file}: the admin-service snippet contains template syntax`);
  return { key: found.key, code };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      server.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
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
    """Routes kept in memory: nothing listens, nothing to start."""

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
c.ConfigurableHTTPProxy.pid_file = ${py(join(dir, 'proxy.pid'))}

# As the chart's jupyterhub_config.py: lists first, then every hub.extraConfig snippet.
c.JupyterHub.services = []
c.JupyterHub.load_roles = []
exec(compile(${py(snippet.code)}, ${py(`hub.extraConfig.${snippet.key}`)}, "exec"))
${o.extraConfig ?? ''}
`;
}

const tail = (text: string, lines = 25): string => text.trimEnd().split('\n').slice(-lines).join('\n');

const REQUEST_LINE = / log:\d+\] (\d{3}) ([A-Z]+) (\S+) \(([^@()]*)@[^)]*\) [\d.]+ms$/;

function parseRequests(log: string): HubRequest[] {
  const out: HubRequest[] = [];
  for (const line of log.split('\n')) {
    const m = REQUEST_LINE.exec(line);
    if (m) out.push({ status: Number(m[1]), method: m[2], path: m[3], who: m[4] });
  }
  return out;
}

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

const withMarker = (path: string, marker: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}${HARNESS}=${marker}`;

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
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    log += d.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
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

  const url = `http://127.0.0.1:${port}`;
  const apiUrl = `${url}/hub/api`;
  let markers = 0;
  let closed = false;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // Readiness: GET /hub/api/ answers 200 (about 1–2 s after the start).
  const timeoutMs = o.readyTimeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await close();
      throw Object.assign(
        new Error(
          `JupyterHub (${bin}) ${exited.code === null && !exited.signal ? 'did not start' : `exited with ${exited.signal ?? `code ${exited.code}`}`} before it was ready on ${apiUrl}\n` +
            `--- hub log (tail) ---\n${tail(log)}`,
        ),
        { hubLog: log },
      );
    }
    try {
      const r = await request(apiUrl, 'GET', withMarker('', 'ready'));
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(
        `JupyterHub (${bin}) was not ready on ${apiUrl} after ${Math.round(timeoutMs / 1000)} s\n` +
          `--- hub log (tail) ---\n${tail(log)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const sync = async (): Promise<string> => {
    const marker = `sync-${++markers}`;
    const r = await request(apiUrl, 'GET', withMarker('', marker));
    if (r.status !== 200) throw new Error(`hub sync request answered ${r.status}`);
    const seen = () => log.includes(`${HARNESS}=${marker} `);
    if (!seen()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the hub did not log the request ${marker}\n${tail(log)}`));
        }, 5_000);
        const check = () => {
          if (!seen()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    }
    return log;
  };

  const requests = async (): Promise<HubRequest[]> =>
    parseRequests(await sync()).filter((r) => !r.path.includes(`${HARNESS}=`));

  return {
    url,
    apiUrl,
    target: `127.0.0.1:${port}`,
    pid: child.pid as number,
    dir,
    async users() {
      const r = await request(apiUrl, 'GET', withMarker('users', 'users'), o.adminToken);
      if (r.status !== 200) throw new Error(`GET users answered ${r.status}: ${JSON.stringify(r.json)}`);
      return (r.json as Array<{ name: string }>).map((u) => u.name).sort();
    },
    api: (method, path, token, body) =>
      request(apiUrl, method, withMarker(path, 'api'), token, body),
    requests,
    requestCount: async () => (await requests()).length,
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
  // The free port is found before the hub binds it: another process may take it first.
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
