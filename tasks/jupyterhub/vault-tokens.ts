import { formatDuration, type Ctx } from '../core/index.js';
import type { AccessorInfo, VaultApi } from '../vault/client.js';
import { formatTable } from './table.js';
import { USER_TOKEN_ROLE } from './vault-integration.js';

const USER_POLICY = /^jupyter-user-(.+)$/;

/** A user's Vault token as the pre-spawn hook minted it, described by its accessor. */
export interface UserVaultToken {
  user: string;
  accessor: string;
  policies: string[];
  /** seconds left before it expires unless renewed */
  ttl: number;
  /** the ceiling renewals cannot pass, in seconds (0: none) */
  explicit_max_ttl: number;
  renewable: boolean;
  issued: string | null;
  expires: string | null;
}

/**
 * The tokens minted through token role jupyterhub-user (or carrying a jupyter-user-*
 * policy), found by listing accessors and looking each up: no token ever leaves Vault.
 */
export async function listUserVaultTokens(ctx: Ctx, vault: VaultApi): Promise<UserVaultToken[]> {
  const out: UserVaultToken[] = [];
  for (const accessor of await vault.listTokenAccessors()) {
    const t = await vault.lookupAccessor(accessor);
    const user = t && userOf(t);
    if (!t || !user) continue;
    out.push({
      user,
      accessor: t.accessor ?? accessor,
      policies: t.policies ?? [],
      ttl: t.ttl,
      explicit_max_ttl: t.explicit_max_ttl ?? 0,
      renewable: t.renewable === true,
      issued: t.issue_time ?? null,
      expires: t.expire_time ?? null,
    });
  }
  return out.sort((a, b) => a.user.localeCompare(b.user) || a.ttl - b.ttl);
}

function userOf(t: AccessorInfo): string | undefined {
  const byPolicy = (t.policies ?? []).map((p) => USER_POLICY.exec(p)?.[1]).find(Boolean);
  if (byPolicy) return byPolicy;
  // A token of the role whose policy was renamed: the hook names it notebook-<user>.
  if (t.role === USER_TOKEN_ROLE) return /notebook-(.+)$/.exec(t.display_name ?? '')?.[1] ?? '?';
  return undefined;
}

export function formatUserVaultTokens(tokens: readonly UserVaultToken[]): string {
  return formatTable(
    ['USER', 'ACCESSOR', 'TTL', 'EXPIRES', 'MAX TTL', 'RENEWABLE', 'ISSUED'],
    tokens.map((t) => [
      t.user,
      t.accessor,
      formatDuration(t.ttl),
      t.expires ?? 'never',
      t.explicit_max_ttl ? formatDuration(t.explicit_max_ttl) : 'none',
      t.renewable ? 'yes' : 'no',
      t.issued ?? '-',
    ]),
  );
}
