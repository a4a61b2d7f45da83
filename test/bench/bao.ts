// A real Vault for the full-install benchmark: OpenBao (built by scripts/stack, speaks
// Vault's API and CLI) in dev mode — in memory, KV v2 at secret/, unsealed — on a free
// loopback port, killed at the end. Both our install and the just module talk to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../support/ports.js';

export interface Bao {
  /** http://127.0.0.1:PORT, straight to the server (no delay) */
  url: string;
  rootToken: string;
  /** the `bao` binary, for a `vault` shim */
  bin: string;
  close(): Promise<void>;
}

/** The OpenBao binary in the stack's cache, or undefined when the stack was never built. */
export function findBao(): string | undefined {
  // Where scripts/stack builds it (its lib.js cacheRoot).
  const cache =
    process.env.BUUN_STACK_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'buun-stack-tasks', 'stack');
  if (!existsSync(cache)) return undefined;
  const dirs = readdirSync(cache)
    .filter((d) => d.startsWith('openbao-'))
    .sort();
  return dirs.map((d) => join(cache, d, 'bin', 'bao')).find((b) => existsSync(b));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `bao server -dev` with its own HOME: dev mode writes the root token to
 * $HOME/.vault-token, read from there (never on a command line). Kubernetes auth enabled,
 * as `vault::setup-kubernetes-auth` leaves a real Vault before JupyterHub is installed.
 */
export async function startBao(bin: string, timeoutMs = 20_000): Promise<Bao> {
  const home = mkdtempSync(join(tmpdir(), 'bench-bao-'));
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    bin,
    ['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`],
    { cwd: home, env: { HOME: home, PATH: process.env.PATH ?? '' }, stdio: 'ignore' },
  );
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const close = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(5000)]);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + timeoutMs;
    const tokenFile = join(home, '.vault-token');
    let rootToken = '';
    while (!rootToken || !(await healthy(url))) {
      if (exited) throw new Error(`bao server -dev exited (port ${port})`);
      if (Date.now() > deadline) throw new Error(`bao server -dev not ready in ${timeoutMs} ms`);
      if (!rootToken && existsSync(tokenFile)) rootToken = readFileSync(tokenFile, 'utf8').trim();
      await sleep(100);
    }
    const r = await fetch(`${url}/v1/sys/auth/kubernetes`, {
      method: 'POST',
      headers: { 'X-Vault-Token': rootToken, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'kubernetes' }),
      signal: AbortSignal.timeout(5000),
    });
    if (!r.ok) throw new Error(`bao: enabling kubernetes auth: HTTP ${r.status}`);
    return { url, rootToken, bin, close };
  } catch (e) {
    await close();
    throw e;
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/v1/sys/health`, { signal: AbortSignal.timeout(1000) });
    return r.status === 200;
  } catch {
    return false;
  }
}
