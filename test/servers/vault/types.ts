import type { IncomingHttpHeaders } from 'node:http';
import type { TokenEntry } from './token-store.js';

/** Vault's logical operations; HTTP POST/PUT become "update", or "create" when the target is new. */
export type Operation = 'read' | 'list' | 'create' | 'update' | 'delete' | 'patch';

export interface VaultRequest {
  method: string; // as the client sent it (LIST kept)
  op: Operation;
  path: string; // logical path without /v1/, e.g. "secret/data/a"; list paths end with "/"
  query: URLSearchParams;
  data: Record<string, unknown>; // JSON body (or query parameters on reads)
  headers: IncomingHttpHeaders;
  token: TokenEntry; // the authenticated caller (unauthenticated routes get none, see Route)
  isSudo: () => boolean; // does the caller hold sudo on this path (Vault's SudoPrivilege)
}

/** What a handler returns; null means 204 No Content. */
export interface LogicalResponse {
  data?: unknown;
  auth?: Record<string, unknown> | null;
  warnings?: string[];
  status?: number;
  /** A body sent as is (sys/health, sys/seal-status, legacy sys/policy answers). */
  raw?: Record<string, unknown>;
}

export type Handler = (req: VaultRequest, params: string[]) => LogicalResponse | null;

export interface Route {
  pattern: RegExp; // matched against the path relative to the mount
  ops: Partial<Record<'read' | 'list' | 'update' | 'delete' | 'patch', Handler>>;
  /** Makes POST/PUT a "create" when this returns false (Vault's ExistenceCheck). */
  exists?: (params: string[]) => boolean;
  /** Paths Vault marks as root-protected: sudo capability needed in addition. */
  rootProtected?: boolean;
}

export interface Mount {
  prefix: string; // "secret/", "auth/token/", ...
  type: string; // mount_type in responses
  routes: Route[];
  /** Answer for a path inside the mount that no route matches (KV v2 has its own). */
  fallback?: (req: Omit<VaultRequest, 'token' | 'isSudo'>) => never;
}
