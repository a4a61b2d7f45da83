import {
  formatDuration,
  parseDuration,
  TaskError,
  UsageError,
  type Ctx,
  type HttpRequest,
} from '../core/index.js';
import { readSecret } from '../k8s/kubectl.js';
import { ADMIN_SERVICE_TOKEN } from './secrets.js';
import { loadSettings, type Settings } from './settings.js';

// Keycloak preferred_username as JupyterHub stores it: lowercase, no path or query characters.
const USERNAME = /^[a-z0-9][a-z0-9._@+-]{0,127}$/;

export function validateUsername(name: string): string {
  if (!USERNAME.test(name)) {
    throw new UsageError(
      `invalid username "${name.slice(0, 64)}"`,
      'JupyterHub usernames are lowercase letters, digits and . _ @ + - (starting with a letter or digit)',
    );
  }
  return name;
}

export interface HubConnection {
  api: string;
  close(): void;
}

/** JUPYTERHUB_API_URL when set; else a port-forward to service hub, port 8081. */
export async function connectHub(ctx: Ctx, s: Settings): Promise<HubConnection> {
  if (s.JUPYTERHUB_API_URL)
    return { api: s.JUPYTERHUB_API_URL.replace(/\/+$/, ''), close: () => {} };
  const forward = await ctx.exec.background(
    'kubectl',
    ['port-forward', '-n', s.JUPYTERHUB_NAMESPACE, 'svc/hub', '0:8081'],
    /Forwarding from 127\.0\.0\.1:(\d+)/,
  );
  return { api: `http://127.0.0.1:${forward.match[1]}/hub/api`, close: forward.stop };
}

/** A request to the hub's REST API, for the core's effects road (ctx.effects.httpQuery/httpChange). */
export const hubRequest = (
  api: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): HttpRequest => ({
  service: 'the JupyterHub API',
  url: `${api}/${path}`,
  at: api,
  method,
  headers: { Authorization: `token ${token}` },
  body,
  unreachableHint: 'is the hub running? set JUPYTERHUB_API_URL to reach it directly',
});

export const hubFailure = (what: string, r: { status: number; json: any }, hint?: string) =>
  new TaskError(
    `JupyterHub refused to ${what} (${r.status}${r.json?.message ? `: ${r.json.message}` : ''})`,
    hint,
  );

// The hub answers 403 (never 401) to a token it does not know. On the first request that
// means the Secret is not what the hub started with (replaced without a hub restart).
export const unknownTokenHint = (ns: string) =>
  `is the token in Secret ${ADMIN_SERVICE_TOKEN.name} the one the hub started with? ` +
  `After replacing it, restart the hub: kubectl rollout restart deployment/hub -n ${ns}`;

/**
 * With Keycloak login and auth state on, the hub refuses every token of a user whose
 * Keycloak login is missing or expired ("stale auth info") until that user logs in
 * again; the token itself stays valid. Say so rather than hand out a token that fails.
 */
async function warnUnlessAccepted(
  ctx: Ctx,
  api: string,
  token: string,
  name: string,
  s: Settings,
): Promise<void> {
  const me = await ctx.effects.httpQuery(hubRequest(api, token, 'GET', 'user'));
  if (me.status === 200) return;
  const login = `https://${s.JUPYTERHUB_HOST || '<JUPYTERHUB_HOST>'}/hub/login`;
  ctx.log.warn(
    `the hub refuses this token until ${name} logs in (${me.status}${me.json?.message ? `: ${me.json.message}` : ''}): ` +
      `${name} has no current Keycloak login; after logging in at ${login} the token works`,
  );
}

/** The admin-service token the hub started with (Secret jupyterhub-admin-service-token). */
export async function adminServiceToken(ctx: Ctx, s: Settings): Promise<string> {
  const admin = (await readSecret(ctx, ADMIN_SERVICE_TOKEN.name, s.JUPYTERHUB_NAMESPACE))?.[
    ADMIN_SERVICE_TOKEN.key
  ];
  if (!admin) {
    throw new TaskError(
      `Secret ${ADMIN_SERVICE_TOKEN.name} (key ${ADMIN_SERVICE_TOKEN.key}) not found in namespace ${s.JUPYTERHUB_NAMESPACE}`,
      'install JupyterHub first, or run `npx tasks jupyterhub:create-admin-service-token-secret` and restart the hub',
    );
  }
  return ctx.secrets.add(admin);
}

/** What get-token asks the hub for; the defaults are the token it always made. */
export interface TokenOptions {
  /** seconds; undefined: the token never expires */
  expiresIn?: number;
  scopes?: string[];
  note?: string;
}

export const DEFAULT_TOKEN_NOTE = 'MCP server token';
export const defaultTokenScopes = (name: string) => [`access:servers!user=${name}`, 'self'];

/** `--expires-in` (a Go duration or seconds; 0 = never) and `--scopes` (comma-separated). */
export function tokenOptions(a: {
  expires_in?: string;
  scopes?: string;
  note?: string;
}): TokenOptions {
  const o: TokenOptions = {};
  if (a.expires_in !== undefined && a.expires_in !== '') {
    const seconds = parseDuration(a.expires_in);
    if (seconds === undefined)
      throw new UsageError(
        `--expires-in ${a.expires_in.slice(0, 32)} is not a duration`,
        'give seconds (3600) or a Go duration (90m, 24h, 1h30m); 0 means it never expires',
      );
    if (seconds > 0) o.expiresIn = seconds;
  }
  if (a.scopes !== undefined) {
    const scopes = a.scopes
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (!scopes.length) throw new UsageError('--scopes is empty', 'e.g. --scopes self,read:users');
    o.scopes = scopes;
  }
  if (a.note !== undefined) o.note = a.note;
  return o;
}

/**
 * A new API token for `username`, scoped to the user's own servers unless `options`
 * say otherwise. The user is created when missing. Only the token goes to stdout (the
 * caller prints it).
 */
export async function getToken(
  ctx: Ctx,
  username: string,
  options: TokenOptions = {},
): Promise<string | undefined> {
  const name = validateUsername(username);
  const s = await loadSettings(ctx);
  const admin = await adminServiceToken(ctx, s);
  const hub = await connectHub(ctx, s);
  try {
    const path = `users/${encodeURIComponent(name)}`;
    const user = await ctx.effects.httpQuery(hubRequest(hub.api, admin, 'GET', path));
    if (user.status === 404) {
      const created = await ctx.effects.httpChange(
        { describe: `create JupyterHub user ${name}` },
        hubRequest(hub.api, admin, 'POST', 'users', { usernames: [name] }),
      );
      if (created && created.status !== 201 && created.status !== 409)
        throw hubFailure(`create user ${name}`, created);
      ctx.effects.done(`JupyterHub user ${name} created`);
    } else if (user.status !== 200) {
      const hint = user.status === 403 ? unknownTokenHint(s.JUPYTERHUB_NAMESPACE) : undefined;
      throw hubFailure(`look up user ${name}`, user, hint);
    }
    const request = {
      note: options.note ?? DEFAULT_TOKEN_NOTE,
      scopes: options.scopes ?? defaultTokenScopes(name),
      ...(options.expiresIn !== undefined && { expires_in: options.expiresIn }),
    };
    const token = await ctx.effects.httpChange(
      {
        describe:
          `create a JupyterHub API token for ${name} (scopes: ${request.scopes.join(', ')}` +
          `${options.expiresIn ? `, expires in ${formatDuration(options.expiresIn)}` : ''})`,
      },
      hubRequest(hub.api, admin, 'POST', `${path}/tokens`, request),
    );
    if (!token) return undefined; // planned
    if (token.status !== 201 || typeof token.json?.token !== 'string')
      throw hubFailure(`create a token for ${name}`, token);
    ctx.secrets.add(token.json.token);
    await warnUnlessAccepted(ctx, hub.api, token.json.token, name, s);
    return token.json.token as string;
  } finally {
    hub.close();
  }
}
