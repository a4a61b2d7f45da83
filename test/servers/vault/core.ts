// Vault's request pipeline for one HTTP request: operation from the verb, sealed check,
// unauthenticated status paths, token check, routing, create-vs-update existence check, ACL
// (and sudo on root-protected paths), num_uses, handler, and the JSON envelope.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock.js';
import {
  ACL_DENIED,
  forbidden,
  INVALID_TOKEN,
  MISSING_TOKEN,
  noRoute,
  sealedError,
  unsupportedOperation,
  unsupportedPath,
  VaultError,
} from './errors.js';
import type { PolicyStore } from './policy-store.js';
import { health, init, sealStatus, unseal, type SealState } from './status-routes.js';
import type { TokenStore } from './token-store.js';
import type { LogicalResponse, Mount, Operation, VaultRequest } from './types.js';
import { weakBool } from './weak.js';

export interface CoreInput {
  method: string;
  path: string; // after /v1/
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}
export interface CoreOutput {
  status: number;
  body?: Record<string, unknown>;
}

export interface CoreDeps {
  clock: Clock;
  tokens: TokenStore;
  policies: PolicyStore;
  mounts: Mount[];
  state: SealState;
}

function operation(method: string, query: URLSearchParams): Operation | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return weakBool(query.get('list') ?? undefined, 'list') ? 'list' : 'read';
    case 'LIST':
      return 'list';
    case 'POST':
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return undefined;
  }
}

export function clientToken(headers: IncomingHttpHeaders): string {
  const header = headers['x-vault-token'];
  const direct = (Array.isArray(header) ? header[0] : header)?.trim();
  if (direct) return direct;
  const auth = headers.authorization?.trim() ?? '';
  return /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : '';
}

function envelope(mountType: string, resp: LogicalResponse): Record<string, unknown> {
  const body: Record<string, unknown> = {
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: resp.data ?? null,
    wrap_info: null,
    warnings: resp.warnings?.length ? resp.warnings : null,
    auth: resp.auth ?? null,
    mount_type: mountType,
  };
  // Vault's sys/ answers also carry their data fields at the top level (legacy clients read them).
  if (mountType === 'system' && resp.data && typeof resp.data === 'object') {
    for (const [k, v] of Object.entries(resp.data)) if (!(k in body)) body[k] = v;
  }
  return body;
}

export function handleVault(deps: CoreDeps, input: CoreInput): CoreOutput {
  const { tokens, policies, mounts, state, clock } = deps;
  let op = operation(input.method, input.query);
  let path = input.path.replace(/^\/+/, '');
  if (!op) return { status: 405, body: { errors: ['unsupported operation'] } };
  if (op === 'list' && !path.endsWith('/')) path += '/';

  if (path === 'sys/health' && op === 'read') {
    const { status, body } = health(state, clock, input.query);
    return { status, body };
  }
  if (path === 'sys/seal-status' && op === 'read') return sealStatus(state);
  if (path === 'sys/unseal' && op === 'update') return unseal(state, input.body);
  if (path === 'sys/init' && (op === 'update' || op === 'read'))
    return init(state, input.method, input.body);
  if (input.method === 'HEAD') throw unsupportedOperation();
  if (state.sealed) throw sealedError();

  const id = clientToken(input.headers);
  if (!id) throw forbidden(MISSING_TOKEN);
  const token = tokens.lookup(id);
  if (!token) throw forbidden(INVALID_TOKEN);

  // Reads take their parameters from the query string, writes from the JSON body.
  const data =
    op === 'read' || op === 'list' || op === 'delete'
      ? Object.fromEntries([...input.query].filter(([k]) => k !== 'list'))
      : input.body;

  const mount = mounts.find((m) => path.startsWith(m.prefix) || path === m.prefix.slice(0, -1));
  const rel = mount ? path.slice(mount.prefix.length) : '';
  let route = undefined as Mount['routes'][number] | undefined;
  let params: string[] = [];
  for (const r of mount?.routes ?? []) {
    const m = r.pattern.exec(rel);
    if (m) {
      route = r;
      params = m.slice(1).map((p) => p ?? '');
      break;
    }
  }
  if (op === 'update' && route?.exists && !route.exists(params)) op = 'create';

  const isRoot = token.policies.includes('root');
  const acl = isRoot ? undefined : policies.acl(token.policies);
  if (acl) {
    const { allowed, sudo } = acl.allowOperation(path, op, data);
    if (!allowed || (route?.rootProtected && !sudo)) throw forbidden(ACL_DENIED);
  }
  tokens.use(token);

  if (!mount) throw noRoute(path);
  if (!route) {
    if (mount.fallback)
      mount.fallback({
        method: input.method,
        op,
        path,
        query: input.query,
        data,
        headers: input.headers,
      });
    throw unsupportedPath();
  }
  const handler = route.ops[op === 'create' ? 'update' : op];
  if (!handler) throw unsupportedOperation();
  const req: VaultRequest = {
    method: input.method,
    op,
    path,
    query: input.query,
    data,
    headers: input.headers,
    token,
    isSudo: () => isRoot || (acl?.hasSudo(path) ?? false),
  };
  const resp = handler(req, params);
  if (!resp) return { status: 204 };
  return { status: resp.status ?? 200, body: resp.raw ?? envelope(mount.type, resp) };
}

/** The body of an error answer: {"errors": [...]}, or a full envelope when the error has one. */
export function errorBody(err: VaultError): Record<string, unknown> {
  if (!err.body) return { errors: err.errors };
  return { ...envelope('', {}), ...err.body };
}
