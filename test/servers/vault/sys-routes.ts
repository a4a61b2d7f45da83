// The sys/ mount parts the project uses: ACL policies through sys/policies/acl and the older
// sys/policy API (whose read answers "rules" instead of "policy" and whose list also answers
// "policies"), and sys/capabilities-self. sys/health and sys/seal-status are answered before
// authentication in http.ts, like Vault's unauthenticated paths.
import { badRequest, notFound } from './errors.js';
import type { PolicyStore } from './policy-store.js';
import type { Mount, VaultRequest } from './types.js';
import { weakString, weakStrings } from './weak.js';

/** Vault accepts a base64-encoded policy body and decodes it. */
function policyText(req: VaultRequest, legacy: boolean): string {
  const raw =
    weakString(req.data.policy, 'policy') ??
    (legacy ? weakString(req.data.rules, 'rules') : undefined);
  if (!raw) throw badRequest("'policy' parameter not supplied or empty");
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0) {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (Buffer.from(decoded, 'utf8').toString('base64') === raw) return decoded;
  }
  return raw;
}

export function sysMount(policies: PolicyStore): Mount {
  const read =
    (legacy: boolean) =>
    (_req: VaultRequest, [name]: string[]) => {
      const text = policies.get(name);
      if (text === undefined) throw notFound();
      const n = name.trim().toLowerCase();
      return { data: legacy ? { name: n, rules: text } : { name: n, policy: text } };
    };
  const write =
    (legacy: boolean) =>
    (req: VaultRequest, [name]: string[]) => {
      policies.set(name, policyText(req, legacy));
      return null;
    };
  const del = (_req: VaultRequest, [name]: string[]) => (policies.delete(name), null);

  return {
    prefix: 'sys/',
    type: 'system',
    routes: [
      {
        pattern: /^policies\/acl\/?$/,
        ops: { list: () => ({ data: { keys: policies.names() } }) },
      },
      {
        pattern: /^policies\/acl\/(.+)$/,
        ops: { read: read(false), update: write(false), delete: del },
      },
      {
        pattern: /^policy\/?$/,
        ops: {
          read: () => ({ data: { keys: policies.names(), policies: policies.names() } }),
          list: () => ({ data: { keys: policies.names(), policies: policies.names() } }),
        },
      },
      { pattern: /^policy\/(.+)$/, ops: { read: read(true), update: write(true), delete: del } },
      {
        pattern: /^capabilities-self$/,
        ops: {
          update: (req) => {
            let paths = weakStrings(req.data.paths, 'paths') ?? [];
            if (!paths.length) paths = weakStrings(req.data.path, 'path') ?? [];
            if (!paths.length) throw badRequest('paths must be supplied');
            const isRoot = req.token.policies.includes('root');
            const acl = policies.acl(req.token.policies);
            const data: Record<string, string[]> = {};
            for (const p of paths)
              data[p] = isRoot ? ['root'] : acl.capabilities(p.replace(/^\//, ''));
            if (paths.length === 1) data.capabilities = data[paths[0]];
            return { data };
          },
        },
      },
    ],
  };
}
