import { TaskError, UsageError, type Ctx } from '../core/index.js';
import {
  adminServiceToken,
  connectHub,
  hubFailure,
  hubRequest,
  unknownTokenHint,
  validateUsername,
  type HubConnection,
} from './hub-api.js';
import { loadSettings, type Settings } from './settings.js';
import { formatTable } from './table.js';

/** One of a user's API tokens as the hub describes it (never the token itself). */
export interface HubToken {
  id: string;
  note: string | null;
  scopes: string[];
  created: string | null;
  expires_at: string | null;
  last_activity: string | null;
}

interface Session {
  s: Settings;
  admin: string;
  hub: HubConnection;
}

async function withHub<T>(ctx: Ctx, fn: (x: Session) => Promise<T>): Promise<T> {
  const s = await loadSettings(ctx);
  const admin = await adminServiceToken(ctx, s);
  const hub = await connectHub(ctx, s);
  try {
    return await fn({ s, admin, hub });
  } finally {
    hub.close();
  }
}

async function fetchTokens(ctx: Ctx, x: Session, name: string): Promise<HubToken[]> {
  const r = await ctx.effects.httpQuery(
    hubRequest(x.hub.api, x.admin, 'GET', `users/${encodeURIComponent(name)}/tokens`),
  );
  if (r.status === 404)
    throw new TaskError(`JupyterHub has no user ${name}`, 'check the name (lower case)');
  if (r.status !== 200) {
    const hint = r.status === 403 ? unknownTokenHint(x.s.JUPYTERHUB_NAMESPACE) : undefined;
    throw hubFailure(`list the tokens of ${name}`, r, hint);
  }
  // JupyterHub answers {api_tokens: [...]} (older versions also oauth_tokens): API tokens only.
  const list: any[] = Array.isArray(r.json?.api_tokens) ? r.json.api_tokens : [];
  return list.map((t) => ({
    id: String(t.id),
    note: t.note ?? null,
    scopes: Array.isArray(t.scopes) ? t.scopes.map(String) : [],
    created: t.created ?? null,
    expires_at: t.expires_at ?? null,
    last_activity: t.last_activity ?? null,
  }));
}

/** The user's API tokens, oldest first. */
export async function listTokens(ctx: Ctx, username: string): Promise<HubToken[]> {
  const name = validateUsername(username);
  return withHub(ctx, (x) => fetchTokens(ctx, x, name));
}

export function formatTokens(tokens: readonly HubToken[]): string {
  return formatTable(
    ['ID', 'NOTE', 'SCOPES', 'CREATED', 'EXPIRES', 'LAST USED'],
    tokens.map((t) => [
      t.id,
      t.note ?? '',
      t.scopes.join(',') || '-',
      t.created ?? '-',
      t.expires_at ?? 'never',
      t.last_activity ?? 'never',
    ]),
  );
}

/**
 * Revokes one token by id, or every API token of the user (`all`, confirmed first). A
 * revoked token stops working at once; the user's servers and other tokens stay.
 */
export async function revokeTokens(
  ctx: Ctx,
  username: string,
  id: string | undefined,
  all: boolean,
): Promise<number> {
  const name = validateUsername(username);
  if (all === (id !== undefined))
    throw new UsageError(
      all ? 'give a token id or --all, not both' : 'give a token id or --all',
      `ids: npx tasks jupyterhub:list-tokens ${name}`,
    );
  return withHub(ctx, async (x) => {
    const tokens = await fetchTokens(ctx, x, name);
    const doomed = all ? tokens : tokens.filter((t) => t.id === id);
    if (!doomed.length) {
      if (all) {
        ctx.log.info(`  ${name} has no API tokens`);
        return 0;
      }
      throw new TaskError(
        `${name} has no API token with id ${id}`,
        `ids: npx tasks jupyterhub:list-tokens ${name}`,
      );
    }
    if (all) {
      ctx.log.step(
        `This revokes ${doomed.length} API token(s) of ${name}:\n${doomed
          .map((t) => `  - ${t.id} ${t.note ?? ''}`.trimEnd())
          .join('\n')}`,
      );
      if (!(await ctx.effects.confirm(`Revoke every API token of ${name}?`)))
        throw new TaskError(
          `the tokens of ${name} were not revoked`,
          'pass --yes to confirm without a terminal',
        );
    }
    for (const t of doomed) {
      const label = `JupyterHub API token ${t.id} of ${name}${t.note ? ` (${t.note})` : ''}`;
      const path = `users/${encodeURIComponent(name)}/tokens/${encodeURIComponent(t.id)}`;
      const r = await ctx.effects.httpChange(
        { describe: `revoke ${label}` },
        hubRequest(x.hub.api, x.admin, 'DELETE', path),
      );
      if (!r) continue; // planned
      // 404: revoked meanwhile (by the user or another run): the goal is reached.
      if (r.status !== 204 && r.status !== 200 && r.status !== 404)
        throw hubFailure(`revoke token ${t.id} of ${name}`, r);
      ctx.log.ok(`revoked ${label}`);
    }
    return doomed.length;
  });
}
