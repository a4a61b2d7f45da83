// sys/health and sys/seal-status: unauthenticated, answered even while sealed, with the
// status codes Vault documents (health: 200 active, 503 sealed, overridable by query).
import type { Clock } from './clock.js';
import { badRequest } from './errors.js';

export const VAULT_VERSION = '1.17.5';

export interface SealState {
  sealed: boolean;
  clusterId: string;
  /** false until sys/init (a server started uninitialized) */
  initialized?: boolean;
  /** the one key share (t = n = 1) that unseals */
  unsealKey: string;
  /** handed out once by sys/init */
  rootToken: string;
}

/** PUT sys/unseal {key} / {reset}: one share unseals (t = n = 1); a wrong key is a 400. */
export function unseal(state: SealState, body: Record<string, unknown>) {
  if (state.initialized === false)
    return { status: 400, body: { errors: ['Vault is not initialized'] } };
  if (body.reset === true) return sealStatus(state);
  const key = body.key;
  if (typeof key !== 'string' || !key)
    return {
      status: 400,
      body: { errors: ["'key' must be specified in request body as JSON, or 'reset' set to true"] },
    };
  if (key !== state.unsealKey)
    return { status: 400, body: { errors: ['Unseal failed, invalid key'] } };
  state.sealed = false;
  return sealStatus(state);
}

/** GET sys/init, PUT sys/init {secret_shares, secret_threshold}: once, then 400. */
export function init(state: SealState, method: string, body: Record<string, unknown>) {
  if (method === 'GET') return { status: 200, body: { initialized: state.initialized !== false } };
  if (state.initialized !== false)
    return { status: 400, body: { errors: ['Vault is already initialized'] } };
  if (body.secret_shares !== 1 || body.secret_threshold !== 1)
    return {
      status: 400,
      body: { errors: ['the test server models secret_shares = secret_threshold = 1 only'] },
    };
  state.initialized = true;
  const hex = Buffer.from(state.unsealKey, 'base64').toString('hex');
  return {
    status: 200,
    body: { keys: [hex], keys_base64: [state.unsealKey], root_token: state.rootToken },
  };
}

function codeParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`invalid ${name} code ${raw}`);
  return n;
}

export function health(state: SealState, clock: Clock, query: URLSearchParams) {
  const status = state.sealed
    ? codeParam(query, 'sealedcode', 503)
    : codeParam(query, 'activecode', 200);
  const body: Record<string, unknown> = {
    initialized: state.initialized !== false,
    sealed: state.sealed,
    standby: state.sealed,
    performance_standby: false,
    replication_performance_mode: state.sealed ? 'unknown' : 'disabled',
    replication_dr_mode: state.sealed ? 'unknown' : 'disabled',
    server_time_utc: Math.floor(clock.now() / 1000),
    version: VAULT_VERSION,
  };
  if (!state.sealed) {
    Object.assign(body, {
      enterprise: false,
      cluster_name: 'vault-cluster-test',
      cluster_id: state.clusterId,
      echo_duration_ms: 0,
      clock_skew_ms: 0,
      replication_primary_canary_age_ms: 0,
    });
  }
  return { status, body };
}

export function sealStatus(state: SealState) {
  const body: Record<string, unknown> = {
    type: 'shamir',
    initialized: state.initialized !== false,
    sealed: state.sealed,
    t: 1,
    n: 1,
    progress: 0,
    nonce: '',
    version: VAULT_VERSION,
    build_date: '2024-08-30T15:54:57Z',
    migration: false,
    recovery_seal: false,
    storage_type: 'inmem',
  };
  if (!state.sealed)
    Object.assign(body, { cluster_name: 'vault-cluster-test', cluster_id: state.clusterId });
  return { status: 200, body };
}
