// What every component of the local stack shares: where builds are cached, where the
// running stack keeps its state, its ports, and bounded process and readiness helpers.
//
// A component is a module in this folder whose default export is
//   { name, needs?: string[], build(ctx), start(ctx) => exports }
// build() is idempotent and caches under ctx.cache; start() starts daemons with daemon(),
// returns only once they are ready (bounded), and returns the environment an operator
// needs to reach them (merged into the export lines stack:up prints).
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const base = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'buun-stack-tasks');
/** Built binaries, downloads and venvs: versioned folders, kept across runs. */
export const cacheRoot = resolve(process.env.BUUN_STACK_CACHE || join(base, 'stack'));
/** The running stack: pid files, logs, data, certificates, kubeconfig, env. */
export const stateRoot = resolve(process.env.BUUN_STACK_STATE || join(base, 'run'));
/** ../shared beside the checkout, when it is there (charts, CRDs). */
export const sharedRoot = resolve(process.env.BUUN_SHARED_DIR || join(repoRoot, '..', 'shared'));
export const hasShared = existsSync(join(sharedRoot, 'reference'));

/**
 * Fixed loopback ports, chosen away from common defaults; BUUN_STACK_PORT_<NAME> overrides
 * one, BUUN_STACK_PORT_OFFSET shifts all (two stacks side by side, each with its own
 * BUUN_STACK_STATE).
 */
// Below Linux's ephemeral range (32768–60999): an outgoing connection can never hold one.
const defaultPorts = {
  etcd: 22379,
  etcdPeer: 22380,
  apiserver: 26443,
  controllerManager: 26257,
  scheduler: 26259,
  userScheduler: 26260,
  kwok: 26262,
  chartRepo: 28879,
  openbao: 28200,
  openbaoCluster: 28201,
  keycloak: 28443,
  keycloakManagement: 29000,
  hub: 28081,
  proxyPublic: 28000,
  proxyApi: 28001,
};
const portOffset = Number(process.env.BUUN_STACK_PORT_OFFSET || 0);
export const ports = Object.fromEntries(
  Object.entries(defaultPorts).map(([k, v]) => {
    const env = process.env[`BUUN_STACK_PORT_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
    return [k, env ? Number(env) : v + portOffset];
  }),
);

export const log = (msg) => process.stderr.write(`stack: ${msg}\n`);

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

const tailOf = (file, lines = 30) =>
  existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';

/**
 * Runs a command to completion (bounded). Output goes to logFile when given (builds are
 * long and loud), else is captured. Throws with the output's tail on failure.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 60 * 60_000, logFile, input } = {}) {
  let stdio = ['pipe', 'pipe', 'pipe'];
  let fd;
  if (logFile) {
    ensureDir(dirname(logFile));
    fd = openSync(logFile, 'a');
    stdio = ['pipe', fd, fd];
  }
  const r = spawnSync(cmd, args, {
    cwd,
    env: env ?? process.env,
    stdio,
    input,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (fd !== undefined) closeSync(fd);
  if (r.status !== 0) {
    const why =
      r.error?.code === 'ETIMEDOUT'
        ? `timed out after ${timeoutMs / 1000} s`
        : `exit ${r.status ?? r.signal}`;
    const out = logFile
      ? tailOf(logFile)
      : `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(
      `${cmd} ${args.join(' ')}: ${why}${out ? `\n${out}` : ''}${logFile ? `\n(log: ${logFile})` : ''}`,
    );
  }
  return r.stdout ?? '';
}

const pidDir = () => join(stateRoot, 'pids');
export const logFileOf = (name) => join(stateRoot, 'logs', `${name}.log`);

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a long-running process detached from us (it outlives stack:up), its output in
 * logs/<name>.log, its pid in pids/<name>.pid for stack:down.
 */
export function daemon(name, cmd, args, { cwd, env } = {}) {
  ensureDir(pidDir());
  const logFile = logFileOf(name);
  ensureDir(dirname(logFile));
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  child.unref();
  writeFileSync(join(pidDir(), `${name}.pid`), `${child.pid}\n`);
  return { pid: child.pid, logFile };
}

/** The daemons this stack started that are still running: [{ name, pid }]. */
export function running() {
  if (!existsSync(pidDir())) return [];
  return readdirSync(pidDir())
    .filter((f) => f.endsWith('.pid'))
    .map((f) => ({ name: f.slice(0, -4), pid: Number(readFileSync(join(pidDir(), f), 'utf8')) }))
    .filter((d) => d.pid > 0 && alive(d.pid));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls probe() until it returns a truthy value, at most timeoutMs. On timeout the error
 * names what was awaited, the last probe error and the tail of the daemon's log.
 */
export async function waitUntil(
  label,
  probe,
  { timeoutMs = 120_000, intervalMs = 250, logFile, pid } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (pid !== undefined && !alive(pid)) {
      throw new Error(
        `${label}: the process exited${logFile ? `\n${tailOf(logFile)}\n(log: ${logFile})` : ''}`,
      );
    }
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `${label}: not ready after ${timeoutMs / 1000} s${last ? ` (last error: ${last.message})` : ''}` +
      (logFile ? `\n${tailOf(logFile)}\n(log: ${logFile})` : ''),
  );
}

/** One bounded HTTP GET; resolves to { status, text }. */
export async function httpGet(url, { timeoutMs = 5_000, headers } = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text() };
}

/** Stops every daemon: SIGTERM to its process group, SIGKILL after graceMs. */
export async function stopAll({ graceMs = 10_000 } = {}) {
  const daemons = running();
  for (const d of daemons) {
    try {
      process.kill(-d.pid, 'SIGTERM');
    } catch {
      try {
        process.kill(d.pid, 'SIGTERM');
      } catch {}
    }
  }
  const deadline = Date.now() + graceMs;
  while (daemons.some((d) => alive(d.pid)) && Date.now() < deadline) await sleep(100);
  for (const d of daemons.filter((d) => alive(d.pid))) {
    try {
      process.kill(-d.pid, 'SIGKILL');
    } catch {
      try {
        process.kill(d.pid, 'SIGKILL');
      } catch {}
    }
  }
  rmSync(pidDir(), { recursive: true, force: true });
  return daemons;
}

/**
 * The stack's own certificate authority (made once per state dir with openssl): every
 * TLS endpoint of the stack (API server, OpenBao, Keycloak) has a certificate from it, so
 * clients verify TLS as they would in a real cluster. NODE_EXTRA_CA_CERTS, SSL_CERT_FILE
 * and REQUESTS_CA_BUNDLE point at ca.crt in the exports.
 */
export function stackCA() {
  const dir = ensureDir(join(stateRoot, 'pki'));
  const crt = join(dir, 'ca.crt');
  const key = join(dir, 'ca.key');
  if (!existsSync(crt)) {
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '3650',
      '-subj',
      '/CN=buun-stack local CA',
      '-keyout',
      key,
      '-out',
      crt,
    ]);
  }
  return { crt, key, dir };
}

/**
 * A certificate signed by the stack CA: dns and ip SANs, optional subject organisation
 * (client certificates: O=system:masters). Returns { crt, key }.
 */
export function issueCert(name, { cn = name, dns = [], ips = [], org, client = false } = {}) {
  const ca = stackCA();
  const crt = join(ca.dir, `${name}.crt`);
  const key = join(ca.dir, `${name}.key`);
  if (existsSync(crt)) return { crt, key };
  const csr = join(ca.dir, `${name}.csr`);
  const ext = join(ca.dir, `${name}.ext`);
  const san = [...dns.map((d) => `DNS:${d}`), ...ips.map((i) => `IP:${i}`)].join(',');
  writeFileSync(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${client ? 'clientAuth' : 'serverAuth,clientAuth'}`,
      ...(san ? [`subjectAltName=${san}`] : []),
    ].join('\n') + '\n',
  );
  const subj = `${org ? `/O=${org}` : ''}/CN=${cn}`;
  run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    subj,
    '-keyout',
    key,
    '-out',
    csr,
  ]);
  run('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.crt,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    '3650',
    '-extfile',
    ext,
    '-out',
    crt,
  ]);
  return { crt, key };
}

/**
 * The environment for Go builds of the stack: the machine's Go 1.26 first on PATH (never
 * an older distribution Go), static binaries, the default GOCACHE/GOMODCACHE so every
 * component's build reuses the same compiled packages.
 */
export function goEnv(extra = {}) {
  const goRoot = process.env.GOROOT || '/usr/local/go';
  const path = existsSync(join(goRoot, 'bin', 'go'))
    ? `${join(goRoot, 'bin')}:${process.env.PATH}`
    : process.env.PATH;
  return { ...process.env, PATH: path, CGO_ENABLED: '0', ...extra };
}

/**
 * Throws unless 127.0.0.1:port can be bound: a daemon that cannot bind exits, but another
 * process already answering there would pass its readiness probe in its place.
 */
export function assertPortFree(label, port) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (err) =>
      reject(
        new Error(
          `${label}: 127.0.0.1:${port} is taken (${err.code}); stop what listens there or set BUUN_STACK_PORT_*`,
        ),
      ),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}
