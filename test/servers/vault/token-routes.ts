// The auth/token/ mount: create, create-orphan, lookup(-self/-accessor), renew(-self),
// revoke(-self/-accessor/-orphan), with Vault's status codes and response shapes.
import type { Clock } from './clock.js';
import { rfc3339 } from './clock.js';
import { badRequest, forbidden, notFound } from './errors.js';
import type { PolicyStore } from './policy-store.js';
import { authBlock, createToken } from './token-create.js';
import { tokenRoleData, writeTokenRole, type TokenRole } from './token-roles.js';
import type { TokenEntry, TokenStore } from './token-store.js';
import type { LogicalResponse, Mount, VaultRequest } from './types.js';
import { weakDuration, weakString } from './weak.js';

export function lookupData(store: TokenStore, te: TokenEntry, showId = true) {
  const data: Record<string, unknown> = {
    accessor: te.accessor,
    creation_time: Math.floor(te.creationMs / 1000),
    creation_ttl: te.ttl,
    display_name: te.displayName,
    entity_id: '',
    expire_time: te.expireMs === null ? null : rfc3339(te.expireMs),
    explicit_max_ttl: te.shownExplicitMaxTtl ?? te.explicitMaxTtl,
    id: showId ? te.id : '',
    meta: te.meta,
    num_uses: te.numUses,
    orphan: te.parent === '',
    path: te.path,
    policies: te.policies,
    ttl: store.remaining(te),
    type: 'service',
  };
  // Tokens without a TTL (root) have no lease, so Vault shows no lease fields for them.
  if (te.expireMs !== null) {
    data.issue_time = rfc3339(te.issueMs);
    data.renewable = te.renewable;
  }
  if (te.lastRenewalMs !== null) {
    data.last_renewal_time = Math.floor(te.lastRenewalMs / 1000);
    data.last_renewal = rfc3339(te.lastRenewalMs);
  }
  if (te.period) data.period = te.period;
  return data;
}

export function tokenMount(store: TokenStore, policies: PolicyStore, clock: Clock): Mount {
  const roles = new Map<string, TokenRole>();
  const create =
    (orphanEndpoint: boolean) =>
    (req: VaultRequest, params: string[] = []): LogicalResponse => {
      const roleName = params[0];
      const role = roleName === undefined ? undefined : roles.get(roleName.toLowerCase());
      if (roleName !== undefined && !role) throw badRequest(`unknown role ${roleName}`);
      const { te, warnings } = createToken(store, policies, clock, {
        parent: req.token,
        body: req.data,
        isSudo: req.isSudo(),
        orphanEndpoint,
        path: req.path,
        role,
      });
      return { auth: authBlock(te, te.ttl), warnings };
    };
  const renew = (te: TokenEntry, req: VaultRequest): LogicalResponse => {
    const { ttl, warnings } = store.renew(te, weakDuration(req.data.increment, 'increment') ?? 0);
    return { auth: authBlock(te, ttl), warnings };
  };
  const tokenArg = (req: VaultRequest) => {
    const id = weakString(req.data.token, 'token') ?? '';
    if (!id) throw badRequest('missing token ID');
    return id;
  };
  const accessorArg = (req: VaultRequest) => {
    const accessor = weakString(req.data.accessor, 'accessor') ?? '';
    if (!accessor) throw badRequest('missing accessor');
    const te = store.lookupAccessor(accessor);
    if (!te) throw badRequest('invalid accessor');
    return te;
  };

  return {
    prefix: 'auth/token/',
    type: 'token',
    routes: [
      { pattern: /^create$/, ops: { update: create(false) } },
      { pattern: /^create-orphan$/, ops: { update: create(true) } },
      { pattern: /^create\/([^/]+)$/, ops: { update: create(false) } },
      {
        pattern: /^roles\/?$/,
        ops: {
          list: () => {
            if (!roles.size) throw notFound();
            return { data: { keys: [...roles.keys()].sort() } };
          },
        },
      },
      {
        pattern: /^roles\/([^/]+)$/,
        exists: ([name]) => roles.has(name!.toLowerCase()),
        ops: {
          read: (_req, [name]) => {
            const role = roles.get(name!.toLowerCase());
            if (!role) throw notFound();
            return { data: tokenRoleData(role) };
          },
          update: (req, [name]) => {
            const key = name!.toLowerCase();
            roles.set(key, writeTokenRole(key, roles.get(key), req.data));
            return null;
          },
          delete: (_req, [name]) => (roles.delete(name!.toLowerCase()), null),
        },
      },
      {
        pattern: /^lookup-self$/,
        ops: { read: (req) => ({ data: lookupData(store, req.token) }) },
      },
      {
        pattern: /^lookup$/,
        ops: {
          update: (req) => {
            const id = weakString(req.data.token, 'token') || req.token.id;
            const te = store.lookup(id);
            if (!te) throw forbidden('bad token');
            return { data: lookupData(store, te) };
          },
        },
      },
      {
        pattern: /^lookup-accessor$/,
        ops: { update: (req) => ({ data: lookupData(store, accessorArg(req), false) }) },
      },
      { pattern: /^renew-self$/, ops: { update: (req) => renew(req.token, req) } },
      {
        pattern: /^renew$/,
        ops: {
          update: (req) => {
            const te = store.lookup(tokenArg(req));
            if (!te) throw badRequest('token not found');
            return renew(te, req);
          },
        },
      },
      {
        pattern: /^revoke$/,
        ops: {
          update: (req) => {
            const te = store.lookup(tokenArg(req));
            if (te) store.revoke(te); // revoking an unknown token is not an error in Vault
            return null;
          },
        },
      },
      { pattern: /^revoke-self$/, ops: { update: (req) => (store.revoke(req.token), null) } },
      {
        pattern: /^revoke-accessor$/,
        ops: { update: (req) => (store.revoke(accessorArg(req)), null) },
      },
      {
        // Not root-protected by path (Vault protects "revoke-orphan/*"); the handler checks sudo.
        pattern: /^revoke-orphan$/,
        ops: {
          update: (req) => {
            const id = tokenArg(req);
            if (!req.isSudo())
              throw badRequest('root or sudo privileges required to revoke and orphan');
            const te = store.lookup(id);
            if (!te) throw badRequest('token to revoke not found');
            store.revokeOrphan(te);
            return null;
          },
        },
      },
      {
        // Root-protected path ("accessors*"): listing needs sudo on top of list.
        pattern: /^accessors\/?$/,
        rootProtected: true,
        ops: {
          list: () => ({
            data: {
              keys: store
                .all()
                .filter((te) => store.isValid(te))
                .map((te) => te.accessor),
            },
          }),
        },
      },
    ],
  };
}
