// The local real stack (`npm run stack:up`) as the end-to-end tests see it: its exports,
// the CLI run against it, and read-only views of the real systems — the API server
// (kubectl), helm, OpenBao and Keycloak — so tests assert on their state, never on our logs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliOptions, type CliResult } from './cli.js';

/** The running stack's state folder (pid files, logs, env.json). */
export const stateRoot =
  process.env.BUUN_STACK_STATE ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'buun-stack-tasks', 'run');

/** The export lines of the running stack, as a map (throws when it is not up). */
export function stackEnv(): Record<string, string> {
  const file = join(stateRoot, 'env.json');
  if (!existsSync(file)) {
    throw new Error(`the local stack is not running (no ${file}): run \`npm run stack:up\` first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

export const env = stackEnv();
const ca = readFileSync(env.NODE_EXTRA_CA_CERTS ?? join(stateRoot, 'pki', 'ca.crt'));

/** `tasks …` with the stack's exports, the given variables, and nothing from the developer. */
export function tasks(
  args: string[],
  vars: Record<string, string | undefined>,
  o: CliOptions = {},
): Promise<CliResult> {
  return runCli(args, { timeoutMs: 600_000, ...o, env: { ...env, ...vars, ...o.env } });
}

function tool(
  cmd: string,
  args: string[],
  input?: string,
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** kubectl against the stack; throws on failure. */
export function kubectl(...args: string[]): string {
  const r = tool('kubectl', args);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The object as JSON, or undefined when it does not exist. */
export function getObject(kind: string, name: string, ns?: string): any {
  const r = tool('kubectl', ['get', kind, name, ...(ns ? ['-n', ns] : []), '-o', 'json']);
  if (r.status !== 0) {
    if (/NotFound|not found/.test(r.stderr)) return undefined;
    throw new Error(`kubectl get ${kind} ${name}: ${r.stderr.trim()}`);
  }
  return JSON.parse(r.stdout);
}

export function listObjects(kind: string, ns?: string): any[] {
  return JSON.parse(kubectl('get', kind, ...(ns ? ['-n', ns] : ['-A']), '-o', 'json')).items;
}

export function helm(...args: string[]): string {
  const r = tool('helm', args);
  if (r.status !== 0) throw new Error(`helm ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

export interface Release {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
}

export function releases(): Release[] {
  return JSON.parse(helm('list', '-A', '-o', 'json')) as Release[];
}

export const secretData = (secret: any, key: string): string =>
  Buffer.from(secret?.data?.[key] ?? '', 'base64').toString('utf8');

function httpsJson(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, headers, timeout: 15_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json: any;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = { text };
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 15 s`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** OpenBao's HTTP API with the stack's root token (or `token`). */
export function bao(
  method: string,
  path: string,
  body?: unknown,
  token = env.VAULT_TOKEN,
): Promise<{ status: number; json: any }> {
  return httpsJson(
    `${env.VAULT_ADDR}/v1/${path}`,
    method,
    { 'X-Vault-Token': token, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    body === undefined ? undefined : JSON.stringify(body),
  );
}

/** A KV v2 secret's data under secret/, or undefined. */
export async function kvGet(path: string): Promise<Record<string, string> | undefined> {
  const r = await bao('GET', `secret/data/${path}`);
  return r.status === 200 ? r.json.data.data : undefined;
}

export async function keycloakToken(): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'password',
    client_id: 'admin-cli',
    username: env.KEYCLOAK_ADMIN_USER,
    password: env.KEYCLOAK_ADMIN_PASSWORD,
  }).toString();
  const r = await httpsJson(
    `https://${env.KEYCLOAK_HOST}/realms/master/protocol/openid-connect/token`,
    'POST',
    { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  );
  if (r.status !== 200) throw new Error(`Keycloak admin login: ${r.status}`);
  return r.json.access_token as string;
}

/** GET on Keycloak's admin REST API: the JSON answer, or `{ status }` when it is not 200. */
export async function keycloakAdmin(path: string): Promise<any> {
  const token = await keycloakToken();
  const r = await httpsJson(`https://${env.KEYCLOAK_HOST}/admin/realms/${path}`, 'GET', {
    Authorization: `Bearer ${token}`,
  });
  return r.status === 200 ? r.json : { status: r.status };
}

/** The realm's clients with that clientId (the admin REST API's own answer). */
export async function keycloakClients(
  clientId: string,
  realm = env.KEYCLOAK_REALM ?? 'buunstack',
): Promise<any[]> {
  const clients = await keycloakAdmin(`${realm}/clients?clientId=${encodeURIComponent(clientId)}`);
  if (!Array.isArray(clients)) throw new Error(`Keycloak clients: ${clients.status}`);
  return clients;
}

/** The hub's REST API (the real JupyterHub the stack runs), with a token. */
export async function hubApi(
  path: string,
  token: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${env.BUUN_STACK_HUB_API_URL}/${path}`, {
    method,
    headers: {
      Authorization: `token ${token}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = { text };
  }
  return { status: res.status, json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until fn() is truthy (bounded); the value, or an error naming what was awaited. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T> | T,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(
    `${what}: not within ${timeoutMs / 1000} s${last ? ` (${(last as Error).message})` : ''}`,
  );
}

/**
 * Logs `user` in to the real hub through the real Keycloak, as a browser would: the hub's
 * /hub/oauth_login, Keycloak's login form with the user's password (made by the stack),
 * then the hub's callback — called on 127.0.0.1, since the hub's public host does not
 * resolve here. Afterwards the hub holds fresh auth state for the user.
 */
export async function loginAs(user: string): Promise<void> {
  const passwords = JSON.parse(readFileSync(env.BUUN_STACK_KEYCLOAK_USERS, 'utf8')) as Record<
    string,
    string
  >;
  const hub = env.BUUN_STACK_HUB_API_URL.replace(/\/hub\/api\/?$/, '');
  const jar = new Map<string, Map<string, string>>();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const host = new URL(url).host;
    const cookies = jar.get(host) ?? new Map<string, string>();
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      signal: AbortSignal.timeout(15_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
    jar.set(host, cookies);
    return res;
  };
  const start = await go(`${hub}/hub/oauth_login`);
  if (start.status !== 302) throw new Error(`hub oauth_login: ${start.status}`);
  const form = await go(start.headers.get('location')!);
  const html = await form.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`Keycloak login page without a login form (${form.status})`);
  const submitted = await go(action.replaceAll('&amp;', '&'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user, password: passwords[user], credentialId: '' }),
  });
  const back = submitted.headers.get('location');
  if (submitted.status !== 302 || !back?.includes('/hub/oauth_callback'))
    throw new Error(`Keycloak did not log ${user} in (${submitted.status})`);
  const done = await go(`${hub}/hub/oauth_callback${new URL(back).search}`);
  if (done.status !== 302)
    throw new Error(`hub oauth_callback: ${done.status} ${await done.text()}`);
}
