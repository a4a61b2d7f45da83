// The mount table: sys/mounts (secrets engines) and sys/auth (auth methods) as Vault 1.17
// answers them, with enable/disable changing which mounts the router serves. Enabling takes
// "kv" (options.version "2") or "kv-v2" for secrets engines and "kubernetes", "oidc", "jwt" for
// auth methods; anything else is "plugin not found in the catalog". sys/auth/* is root-protected
// (sudo), as in Vault. A path in use answers "path is already in use at …".
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { badRequest } from './errors.js';
import { jwtAuthMount, type JwtAuthState } from './jwt-auth.js';
import { KvStore } from './kv2-store.js';
import { kv2Mount } from './kv2-routes.js';
import type { Mount, VaultRequest } from './types.js';
import { weakString, weakStringMap } from './weak.js';

export interface MountEntry {
  type: string;
  description: string;
  options: Record<string, string> | null;
  accessor: string;
  uuid: string;
  local: boolean;
  seal_wrap: boolean;
  external_entropy_access: boolean;
  config: { default_lease_ttl: number; max_lease_ttl: number; force_no_cache: boolean };
}

export interface MountTableDeps {
  clock: Clock;
  /** the router's live list: enabling pushes a mount, disabling removes it */
  mounts: Mount[];
  /** builds the routes of the kubernetes auth method (one shared role store) */
  kubernetesMount: () => Mount;
  kv: KvStore;
}

const entry = (
  type: string,
  description: string,
  options: Record<string, string> | null,
): MountEntry => ({
  type,
  description,
  options,
  accessor: `${type}_${randomUUID().slice(0, 8)}`,
  uuid: randomUUID(),
  local: false,
  seal_wrap: false,
  external_entropy_access: false,
  config: { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false },
});

const clean = (path: string) => `${path.replace(/^\/+|\/+$/g, '')}/`;

export class MountTable {
  readonly secrets = new Map<string, MountEntry>();
  readonly auths = new Map<string, MountEntry>();
  /** oidc/jwt mounts' stored config and roles, by path (for the test surface) */
  readonly jwtStates = new Map<string, JwtAuthState>();

  constructor(private readonly deps: MountTableDeps) {
    this.secrets.set('cubbyhole/', entry('cubbyhole', 'per-token private secret storage', null));
    this.secrets.set('identity/', entry('identity', 'identity store', null));
    this.secrets.set(
      'sys/',
      entry('system', 'system endpoints used for control, policy and debugging', null),
    );
    this.auths.set('token/', entry('token', 'token based credentials', null));
  }

  enableSecrets(
    path: string,
    type: string,
    options: Record<string, string>,
    description = '',
  ): void {
    const at = clean(path);
    this.checkFree(at, this.secrets, '');
    let version = options.version;
    if (type === 'kv-v2') {
      type = 'kv';
      version = '2';
    }
    if (type !== 'kv') throw badRequest(`plugin not found in the catalog: ${type}`);
    if (version !== '2')
      throw badRequest('the test server models only KV version 2 (options.version "2")');
    this.secrets.set(at, entry('kv', description, { version: '2' }));
    const kv = at === 'secret/' ? this.deps.kv : new KvStore(this.deps.clock);
    this.deps.mounts.push(kv2Mount(kv, this.deps.clock, at));
  }

  disableSecrets(path: string): void {
    const at = clean(path);
    if (['sys/', 'cubbyhole/', 'identity/'].includes(at))
      throw badRequest(`cannot unmount "${at}"`);
    this.secrets.delete(at);
    this.unroute(at);
  }

  enableAuth(path: string, type: string, description = ''): void {
    const at = clean(path);
    this.checkFree(at, this.auths, 'auth/');
    let mount: Mount;
    if (type === 'kubernetes') {
      if (at !== 'kubernetes/')
        throw badRequest('the test server mounts kubernetes auth only at kubernetes/');
      mount = this.deps.kubernetesMount();
    } else if (type === 'oidc' || type === 'jwt') {
      const state: JwtAuthState = { config: undefined, roles: new Map() };
      this.jwtStates.set(at, state);
      mount = jwtAuthMount(`auth/${at}`, type, state);
    } else throw badRequest(`plugin not found in the catalog: ${type}`);
    this.auths.set(at, entry(type, description, null));
    this.deps.mounts.push(mount);
  }

  disableAuth(path: string): void {
    const at = clean(path);
    if (at === 'token/') throw badRequest('token credential backend cannot be disabled');
    this.auths.delete(at);
    this.jwtStates.delete(at);
    this.unroute(`auth/${at}`);
  }

  private checkFree(at: string, table: Map<string, MountEntry>, prefix: string): void {
    for (const existing of table.keys())
      if (at.startsWith(existing) || existing.startsWith(at))
        throw badRequest(`path is already in use at ${prefix}${existing}`);
  }

  private unroute(prefix: string): void {
    const i = this.deps.mounts.findIndex((m) => m.prefix === prefix);
    if (i >= 0) this.deps.mounts.splice(i, 1);
  }

  /** The sys/ routes for both tables. */
  routes(): Mount['routes'] {
    const listing = (table: Map<string, MountEntry>) => () => ({
      data: Object.fromEntries([...table].map(([k, v]) => [k, structuredClone(v)])),
    });
    const options = (req: VaultRequest) => weakStringMap(req.data.options, 'options') ?? {};
    return [
      { pattern: /^mounts\/?$/, ops: { read: listing(this.secrets) } },
      {
        pattern: /^mounts\/(.+)$/,
        ops: {
          read: (_req, [path]) => {
            const e = this.secrets.get(clean(path));
            if (!e) throw badRequest(`No secret engine mount at ${clean(path)}`);
            return { data: structuredClone(e) };
          },
          update: (req, [path]) => {
            const type = weakString(req.data.type, 'type') ?? '';
            if (!type) throw badRequest('backend type must be specified as a string');
            this.enableSecrets(
              path,
              type,
              options(req),
              weakString(req.data.description, 'description'),
            );
            return null;
          },
          delete: (_req, [path]) => (this.disableSecrets(path), null),
        },
      },
      { pattern: /^auth\/?$/, ops: { read: listing(this.auths) } },
      {
        pattern: /^auth\/(.+)$/,
        rootProtected: true,
        ops: {
          update: (req, [path]) => {
            const type = weakString(req.data.type, 'type') ?? '';
            if (!type) throw badRequest('backend type must be specified as a string');
            this.enableAuth(path, type, weakString(req.data.description, 'description'));
            return null;
          },
          delete: (_req, [path]) => (this.disableAuth(path), null),
        },
      },
    ];
  }
}
