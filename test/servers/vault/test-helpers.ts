// Shared helpers for the conformance tests: raw HTTP calls (status + parsed body) and separate
// node-vault clients per token (node-vault replaces a client's token on tokenCreate/renew).
import vault from 'node-vault';
import type { VaultTestServer } from './index.js';

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(
  server: VaultTestServer,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? server.rootToken : opts.token;
  if (token !== null) headers['X-Vault-Token'] = token;
  if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(`${server.url}/v1/${path}`, {
    method,
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export function client(server: VaultTestServer, token: string) {
  return vault({ endpoint: server.url, token, apiVersion: 'v1' });
}

/** The HTTP status and first error of a rejected node-vault call. */
export async function failure(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { response?: { statusCode: number }; message: string };
    if (err.response) return { status: err.response.statusCode, message: err.message };
    throw e;
  }
  throw new Error('expected the Vault call to fail, it succeeded');
}

/** Writes a policy and returns a token holding it (plus default), created by root over HTTP. */
export async function tokenWith(
  server: VaultTestServer,
  policies: Record<string, string>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  for (const [name, hcl] of Object.entries(policies)) {
    const r = await call(server, 'PUT', `sys/policies/acl/${name}`, { body: { policy: hcl } });
    if (r.status !== 204) throw new Error(`policy ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const r = await call(server, 'POST', 'auth/token/create', {
    body: { policies: Object.keys(policies), ...extra },
  });
  if (r.status !== 200) throw new Error(`token create: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.auth.client_token as string;
}

export const ACL_DENIED = '1 error occurred:\n\t* permission denied\n\n';
export const INVALID_TOKEN = '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n';
