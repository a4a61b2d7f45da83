// A strict Vault HTTP-API test server (behaviour and deliberate limits: test/servers/README.md):
// token store with TTLs against a test-controlled clock, ACL policies, KV v2 at "secret/", the
// Kubernetes auth role endpoints, sys policies/health/seal-status. Binds 127.0.0.1, port 0 default.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import { createClock } from './clock.js';
import { createFront } from './front.js';
import { createVaultHttpServer, type RequestLogEntry } from './http.js';
import { newTokenId } from './ids.js';
import { KvStore } from './kv2-store.js';
import { kubernetesMount, readRole, type KubernetesConfig, type Role } from './kubernetes-role.js';
import { MountTable, type MountEntry } from './mount-table.js';
import { PolicyStore } from './policy-store.js';
import { sysMount } from './sys-routes.js';
import { sanitizePolicies, TokenStore } from './token-store.js';
import { tokenMount } from './token-routes.js';
import { parseDurationSeconds } from './duration.js';
import { SYSTEM_DEFAULT_TTL, SYSTEM_MAX_TTL } from './ttl.js';

export interface VaultTokenInfo {
  id: string;
  accessor: string;
  policies: string[];
  displayName: string;
  ttl: number; // TTL at creation, seconds
  explicitMaxTtl: number;
  renewable: boolean;
  orphan: boolean;
  expireTime: number | null; // ms
  /** True once the token can no longer be used: revoked, expired, used up, or its parent was. */
  revoked: boolean;
  expired: boolean;
  parent?: string;
}

export interface VaultTestServer {
  url: string;
  rootToken: string;
  clock: { now(): number; advance(seconds: number): void };
  seal(sealed: boolean): void;
  /** the key share that unseals (t = n = 1) */
  unsealKey: string;
  initialized(): boolean;
  kvRead(path: string): Record<string, unknown> | undefined;
  kvVersions(path: string): number;
  kvWrite(path: string, data: Record<string, unknown>): void;
  policy(name: string): string | undefined;
  kubernetesRole(name: string): Record<string, unknown> | undefined;
  tokens(): VaultTokenInfo[];
  createToken(opts: {
    policies: string[];
    ttl?: string | number;
    explicitMaxTtl?: string | number;
    renewable?: boolean;
    orphan?: boolean;
    displayName?: string;
  }): string;
  requests(): RequestLogEntry[];
  /** Additions: write a policy directly (HCL text), and look up one token by id. */
  setPolicy(name: string, hcl: string): void;
  /** the mount table: secrets engines and auth methods by path ("secret/", "oidc/") */
  secretsEngines(): Record<string, MountEntry>;
  authMethods(): Record<string, MountEntry>;
  /** auth/kubernetes/config as stored (reviewer JWT included, for assertions) */
  kubernetesConfig(): Record<string, unknown> | undefined;
  /** an oidc/jwt method's stored config (secret included) and roles */
  jwtAuth(
    path: string,
  ):
    | { config?: Record<string, unknown>; roles: Record<string, Record<string, unknown>> }
    | undefined;
  token(id: string): VaultTokenInfo | undefined;
  close(): Promise<void>;
}

export interface VaultServerOptions {
  rootToken?: string;
  port?: number;
  /** KV v2 enabled at secret/ from the start (default true, like a dev server) */
  secretMount?: boolean;
  /** the kubernetes auth method enabled from the start (default true) */
  kubernetesAuth?: boolean;
  /** start uninitialized and sealed: sys/init hands out the root token and unseal key */
  uninitialized?: boolean;
}

export function startVaultServer(opts: VaultServerOptions = {}): Promise<VaultTestServer> {
  const clock = createClock();
  const tokens = new TokenStore(clock);
  const policies = new PolicyStore();
  const kv = new KvStore(clock);
  const roles = new Map<string, Role>();
  const log: RequestLogEntry[] = [];
  const rootToken = opts.rootToken ?? newTokenId();
  const state = {
    sealed: opts.uninitialized === true,
    initialized: opts.uninitialized !== true,
    clusterId: randomUUID(),
    unsealKey: randomBytes(32).toString('base64'),
    rootToken,
  };
  const root = tokens.createRoot(rootToken);
  const k8sConfig: KubernetesConfig = {};
  const sys = sysMount(policies);
  const mounts = [sys, tokenMount(tokens, policies, clock)];
  const table = new MountTable({
    clock,
    mounts,
    kv,
    kubernetesMount: () => kubernetesMount(roles, k8sConfig),
  });
  sys.routes.push(...table.routes());
  if (opts.kubernetesAuth ?? true) table.enableAuth('kubernetes', 'kubernetes');
  if (opts.secretMount ?? true) table.enableSecrets('secret', 'kv', { version: '2' });
  const http = createVaultHttpServer({ clock, tokens, policies, mounts, state, rootToken, log });
  const front = createFront(() => (http.address() as AddressInfo).port);

  const info = (te: ReturnType<TokenStore['all']>[number]): VaultTokenInfo => ({
    id: te.id,
    accessor: te.accessor,
    policies: [...te.policies],
    displayName: te.displayName,
    ttl: te.ttl,
    explicitMaxTtl: te.explicitMaxTtl,
    renewable: te.renewable,
    orphan: te.parent === '',
    expireTime: te.expireMs,
    revoked: !tokens.isValid(te),
    expired: tokens.isExpired(te),
    ...(te.parent ? { parent: te.parent } : {}),
  });

  const listen = (server: Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });

  return (async () => {
    await listen(http, 0);
    await listen(front.server, opts.port ?? 0);
    const port = (front.server.address() as AddressInfo).port;
    const server: VaultTestServer = {
      url: `http://127.0.0.1:${port}`,
      rootToken,
      clock: { now: () => clock.now(), advance: (s) => clock.advance(s) },
      seal: (sealed) => void (state.sealed = sealed),
      unsealKey: state.unsealKey,
      initialized: () => state.initialized,
      kvRead: (path) => {
        const m = kv.meta(path);
        const v = m?.versions.get(m.currentVersion);
        return kv.isLive(v) && v.data ? structuredClone(v.data) : undefined;
      },
      kvVersions: (path) => kv.meta(path)?.currentVersion ?? 0,
      kvWrite: (path, data) => void kv.write(path, structuredClone(data)),
      policy: (name) => policies.get(name),
      setPolicy: (name, hcl) => policies.set(name, hcl),
      kubernetesRole: (name) => {
        const role = roles.get(name);
        return role ? readRole(role) : undefined;
      },
      secretsEngines: () =>
        Object.fromEntries([...table.secrets].map(([k, v]) => [k, structuredClone(v)])),
      authMethods: () =>
        Object.fromEntries([...table.auths].map(([k, v]) => [k, structuredClone(v)])),
      kubernetesConfig: () => k8sConfig.value && structuredClone(k8sConfig.value),
      jwtAuth: (path) => {
        const st = table.jwtStates.get(`${path.replace(/\/+$/, '')}/`);
        return (
          st && {
            config: st.config && structuredClone(st.config),
            roles: Object.fromEntries([...st.roles].map(([k, v]) => [k, structuredClone(v)])),
          }
        );
      },
      tokens: () => tokens.all().map(info),
      token: (id) => {
        const te = tokens.get(id);
        return te ? info(te) : undefined;
      },
      createToken: (o) => {
        const pols = sanitizePolicies(o.policies, true);
        const isRootPolicy = pols.includes('root');
        const explicitMaxTtl = parseDurationSeconds(o.explicitMaxTtl ?? 0);
        // The TTL Vault's CalculateTTL would give a token created by root at this moment.
        let ttl = parseDurationSeconds(o.ttl ?? 0);
        if (ttl === 0 && !isRootPolicy) ttl = SYSTEM_DEFAULT_TTL;
        if (ttl > 0) ttl = Math.min(ttl, SYSTEM_MAX_TTL, explicitMaxTtl || Infinity);
        if (ttl === 0 && explicitMaxTtl > 0) ttl = explicitMaxTtl;
        return tokens.insert({
          policies: pols,
          parent: o.orphan === false ? root.id : '',
          path: o.orphan === false ? 'auth/token/create' : 'auth/token/create-orphan',
          displayName: o.displayName
            ? `token-${o.displayName}`.replace(/[^a-zA-Z0-9-]/g, '-').replace(/-$/, '')
            : 'token',
          ttl,
          explicitMaxTtl,
          renewable: o.renewable ?? true,
        }).id;
      },
      requests: () => log.map((e) => ({ ...e })),
      close: () =>
        new Promise<void>((resolve) => {
          front.destroyAll();
          http.closeAllConnections();
          front.server.close(() => http.close(() => resolve()));
        }),
    };
    return server;
  })();
}
