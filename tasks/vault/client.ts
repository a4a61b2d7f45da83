import { isUnreachable, TaskError, type Ctx } from '../core/index.js';
import { vaultAddr } from './addr.js';
import { isNotFound, vaultError } from './errors.js';
import { nodeVaultClient } from './tls.js';
import { vaultToken, type TokenSource } from './token.js';
import type { AccessorInfo, NodeVaultClient, TokenInfo, TokenRequest } from './types.js';
import { vaultVars } from './vars.js';

export { vaultAddr } from './addr.js';
export type { AccessorInfo, TokenInfo, TokenRequest } from './types.js';

/** Resolves address and token, then opens the node-vault client. */
export async function connectVault(ctx: Ctx, source: TokenSource = {}): Promise<VaultApi> {
  const addr = await vaultAddr(ctx);
  return VaultApi.open(ctx, addr, await vaultToken(ctx, addr, source));
}

export interface MountInfo {
  type: string;
  options?: Record<string, string> | null;
}

export const kvPath = (kind: 'data' | 'metadata', path: string) =>
  `secret/${kind}/${path.split('/').filter(Boolean).map(encodeURIComponent).join('/')}`;

/**
 * Vault over its HTTP API. Reads run in every mode; writes print a plan line
 * under --dry-run ("would write …", field names only, never values).
 */
export class VaultApi {
  private constructor(
    private readonly ctx: Ctx,
    readonly addr: string,
    private readonly client: NodeVaultClient,
    private readonly debug: boolean,
  ) {}

  static async open(ctx: Ctx, addr: string, token: string): Promise<VaultApi> {
    const v = await ctx.config.read(vaultVars);
    const client = await nodeVaultClient(ctx, addr, token, v);
    return new VaultApi(ctx, addr, client, v.VAULT_DEBUG === true);
  }

  /** A read: errors become one clear line; 404 is "absent"; unreachable in dry-run is "empty". */
  private async read<T>(
    what: string,
    fn: (c: NodeVaultClient) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.debug) this.ctx.log.line(this.ctx.log.style.dim(`vault: ${what}`));
    try {
      return await this.ctx.effects.query(this.query(what), async () => {
        try {
          return await fn(this.client);
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      });
    } catch (err) {
      throw vaultError(err, this.addr, what, this.ctx.httpTimeoutMs);
    }
  }

  /** False once a dry run found Vault unreachable (it plans as for an empty Vault). */
  reachable = true;

  private query(what: string) {
    return {
      describe: what,
      absentWhen: (err: unknown) => {
        if (isUnreachable(err)) this.reachable = false;
        return !this.reachable;
      },
      absentNotice: `Vault at ${this.addr} is not reachable: planning as if it were empty`,
    };
  }

  /**
   * A write. `command` is the API call as the vault CLI would make it (`vault write
   * PATH -` with the JSON body on stdin, `vault delete PATH`), so a plan can be run.
   */
  private async change<T>(
    plan: string,
    command: { write: string; body: unknown } | { delete: string },
    fn: (c: NodeVaultClient) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.debug) this.ctx.log.line(this.ctx.log.style.dim(`vault: ${plan}`));
    const cli =
      'write' in command
        ? {
            cmd: 'vault',
            args: ['write', command.write, '-'],
            input: `${JSON.stringify(command.body, null, 2)}\n`,
          }
        : { cmd: 'vault', args: ['delete', command.delete] };
    return this.ctx.effects.change({ describe: plan, command: cli }, async () => {
      try {
        return await fn(this.client);
      } catch (err) {
        throw vaultError(err, this.addr, plan, this.ctx.httpTimeoutMs);
      }
    });
  }

  private apiWrite(plan: string, path: string, body: Record<string, unknown>) {
    return this.change(plan, { write: path, body }, (c) => c.write(path, body));
  }

  private apiDelete(plan: string, path: string) {
    return this.change(plan, { delete: path }, (c) => c.delete(path));
  }

  /**
   * The checks a run makes before its first change: Vault answers, is unsealed, the
   * token is valid, and it may write each of `writes` (API paths). Under --dry-run an
   * unreachable Vault is only a warning (the plan goes on as for an empty one).
   */
  async preflight(writes: readonly string[]): Promise<void> {
    const seal = await this.read('read the seal status', (c) => c.read('sys/seal-status'));
    if (!seal) return;
    if (seal.sealed)
      throw new TaskError(`Vault at ${this.addr} is sealed`, 'unseal it, then run again');
    const self = await this.read('look up its own token', (c) => c.read('auth/token/lookup-self'));
    if (!self) return;
    if (!writes.length) return;
    const caps = await this.read("check the token's capabilities", (c) =>
      c.write('sys/capabilities-self', { paths: writes }),
    );
    const denied = writes.filter((path) => {
      const have: string[] = caps?.data?.[path] ?? [];
      return !have.some((c) => ['root', 'create', 'update'].includes(c));
    });
    if (caps && denied.length)
      throw new TaskError(
        `the Vault token may not write ${denied.join(', ')}`,
        'use a root or admin token (VAULT_TOKEN, or the root_token argument)',
      );
  }

  async kvGet(path: string): Promise<Record<string, unknown> | undefined> {
    const r = await this.read(`read secret/${path}`, (c) => c.read(kvPath('data', path)));
    return r?.data?.data ?? undefined;
  }

  /** Replaces the secret's data (like `vault kv put`). */
  async kvPut(path: string, data: Record<string, string>): Promise<void> {
    await this.apiWrite(
      `write secret/${path} (fields: ${Object.keys(data).join(', ')})`,
      kvPath('data', path),
      { data },
    );
  }

  /** Deletes the latest version (like `vault kv delete`); older versions stay. */
  async kvDelete(path: string): Promise<void> {
    await this.apiDelete(`delete secret/${path} (latest version)`, kvPath('data', path));
  }

  /** Removes every version and the metadata: nothing can be recovered. */
  async kvDestroy(path: string): Promise<void> {
    await this.apiDelete(
      `destroy secret/${path} (all versions and metadata)`,
      kvPath('metadata', path),
    );
  }

  async kvList(path: string): Promise<string[]> {
    const r = await this.read(`list secret/${path}`, (c) => c.list(kvPath('metadata', path)));
    return r?.data?.keys ?? [];
  }

  async writePolicy(name: string, hcl: string): Promise<void> {
    await this.apiWrite(`write policy ${name}`, `sys/policies/acl/${encodeURIComponent(name)}`, {
      policy: hcl,
    });
  }

  async readPolicy(name: string): Promise<string | undefined> {
    const r = await this.read(`read policy ${name}`, (c) =>
      c.read(`sys/policies/acl/${encodeURIComponent(name)}`),
    );
    return r?.data?.policy;
  }

  async listPolicies(): Promise<string[]> {
    return (await this.read('list policies', (c) => c.list('sys/policies/acl')))?.data?.keys ?? [];
  }

  async deletePolicy(name: string): Promise<void> {
    await this.apiDelete(`delete policy ${name}`, `sys/policies/acl/${encodeURIComponent(name)}`);
  }

  /** Generic write (an auth role, a config endpoint); values are not printed. */
  async write(path: string, data: Record<string, unknown>): Promise<void> {
    await this.apiWrite(`write ${path} (fields: ${Object.keys(data).join(', ')})`, path, data);
  }

  async readPath(path: string): Promise<Record<string, unknown> | undefined> {
    return (await this.read(`read ${path}`, (c) => c.read(path)))?.data;
  }

  async deletePath(path: string): Promise<void> {
    await this.apiDelete(`delete ${path}`, path);
  }

  /** Secrets engines by path ("secret/": { type, options }). */
  async secretsEngines(): Promise<Record<string, MountInfo>> {
    return ((await this.read('list secrets engines', (c) => c.read('sys/mounts')))?.data ??
      {}) as Record<string, MountInfo>;
  }

  async enableSecretsEngine(
    path: string,
    type: string,
    options: Record<string, string>,
  ): Promise<void> {
    await this.apiWrite(`enable secrets engine ${type} at ${path}/`, `sys/mounts/${path}`, {
      type,
      options,
    });
  }

  /** Auth methods by path ("kubernetes/": { type }). */
  async authMethods(): Promise<Record<string, MountInfo>> {
    return ((await this.read('list auth methods', (c) => c.read('sys/auth')))?.data ??
      {}) as Record<string, MountInfo>;
  }

  async enableAuth(path: string, type: string): Promise<void> {
    await this.apiWrite(`enable auth method ${type} at ${path}/`, `sys/auth/${path}`, { type });
  }

  async disableAuth(path: string): Promise<void> {
    await this.apiDelete(`disable auth method at ${path}/`, `sys/auth/${path}`);
  }

  /** Creates a token for someone else; the client keeps its own token. */
  async createToken(t: TokenRequest): Promise<string | undefined> {
    const endpoint = t.orphan ? 'auth/token/create-orphan' : 'auth/token/create';
    const r = await this.apiWrite(
      `create token "${t.displayName}" (policies: ${t.policies.join(', ')}, ttl ${t.ttl})`,
      endpoint,
      {
        policies: t.policies,
        ttl: t.ttl,
        explicit_max_ttl: t.explicitMaxTtl,
        display_name: t.displayName,
        renewable: t.renewable,
      },
    );
    if (!r) return undefined; // planned
    const token: string | undefined = r.auth?.client_token;
    if (!token) throw new TaskError(`Vault returned no token for "${t.displayName}"`);
    return this.ctx.secrets.add(token);
  }

  /** Facts about this client's own token; undefined when Vault does not know it. */
  async lookupSelf(): Promise<TokenInfo | undefined> {
    return this.lookup('look up the token', [403], (c) => c.read('auth/token/lookup-self'));
  }

  /** Facts about another token; undefined when it is unknown, expired or revoked. */
  async lookupToken(token: string): Promise<TokenInfo | undefined> {
    return this.lookup('look up a token', [400, 403, 404], (c) =>
      c.write('auth/token/lookup', { token }),
    );
  }

  private async lookup(
    what: string,
    unknown: readonly number[],
    fn: (c: NodeVaultClient) => Promise<{ data?: TokenInfo } | undefined>,
  ): Promise<TokenInfo | undefined> {
    try {
      const r = await this.ctx.effects.query(this.query(what), async () => {
        try {
          return await fn(this.client);
        } catch (err) {
          const status = (err as { response?: { statusCode?: number } }).response?.statusCode;
          if (status !== undefined && unknown.includes(status)) return undefined;
          throw err;
        }
      });
      return r?.data;
    } catch (err) {
      throw vaultError(err, this.addr, what, this.ctx.httpTimeoutMs);
    }
  }

  async revokeToken(token: string, label: string): Promise<void> {
    this.ctx.secrets.add(token, 'VAULT_TOKEN_TO_REVOKE');
    await this.apiWrite(`revoke token ${label}`, 'auth/token/revoke', { token });
  }

  /** Accessors of every live token (needs sudo on auth/token/accessors: a root token). */
  async listTokenAccessors(): Promise<string[]> {
    const r = await this.read('list token accessors', (c) => c.list('auth/token/accessors'));
    return r?.data?.keys ?? [];
  }

  /** Facts about a token by its accessor, without the token; undefined when it is gone. */
  async lookupAccessor(accessor: string): Promise<AccessorInfo | undefined> {
    try {
      const data = (await this.client.write('auth/token/lookup-accessor', { accessor }))?.data;
      if (!data) return undefined;
      // The answer's `id` is empty for a lookup by accessor; never keep it anyway.
      const { id: _id, ...info } = data;
      return info as AccessorInfo;
    } catch (err) {
      const status = (err as { response?: { statusCode?: number } }).response?.statusCode;
      if (status === 400 || status === 404) return undefined; // expired or revoked meanwhile
      throw vaultError(err, this.addr, 'look up a token by accessor', this.ctx.httpTimeoutMs);
    }
  }
}
