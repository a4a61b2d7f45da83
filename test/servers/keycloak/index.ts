// A strict Keycloak admin-API test server: the admin-cli password/refresh grants on realm master
// and the clients endpoints of any configured realm, with Keycloak's 401/404/409 answers.
// Binds 127.0.0.1 on an ephemeral port.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminRoute, newRealm, UNKNOWN_RESOURCE, type Realm } from './admin-routes.js';
import { JwtSigner } from './jwt.js';
import { tokenEndpoint, type KcReply, type TokenDeps } from './token-endpoint.js';

export interface KeycloakRequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface KeycloakTestServer {
  url: string;
  adminUser: string;
  adminPassword: string;
  clients(realm: string): any[];
  requests(): KeycloakRequestLogEntry[];
  /** Additions: move the server's clock forward (token expiry), and the realms it serves. */
  advanceClock(seconds: number): void;
  realms(): string[];
  /** a copy of everything a realm holds (users with passwords, groups, scopes, mappers, roles) */
  realm(name: string): Realm | undefined;
  close(): Promise<void>;
}

export interface KeycloakServerOptions {
  adminUser?: string;
  adminPassword?: string;
  realms?: string[];
  accessTokenLifespan?: number; // seconds, default 60 like Keycloak's master realm
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** What `keycloak::create-realm` sets with its defaults (SSO idle 7200 s, max 86400 s). */
const CREATE_REALM_SETTINGS = {
  accessTokenLifespan: 43200,
  accessTokenLifespanForImplicitFlow: 43200,
  ssoSessionIdleTimeout: 7200,
  ssoSessionMaxLifespan: 86400,
  offlineSessionMaxLifespan: 172800,
  offlineSessionMaxLifespanEnabled: true,
  clientSessionIdleTimeout: 7200,
  clientSessionMaxLifespan: 86400,
};

export async function startKeycloakServer(
  opts: KeycloakServerOptions = {},
): Promise<KeycloakTestServer> {
  const adminUser = opts.adminUser ?? 'admin';
  const adminPassword = opts.adminPassword ?? 'admin-password';
  const realmNames = [...new Set(['master', ...(opts.realms ?? ['master', 'buunstack'])])];
  // Realms the server starts with were set up by an admin: enabled; buunstack as
  // `just keycloak::create-realm` makes it with its recipe defaults.
  const realms = new Map<string, Realm>(
    realmNames.map((r) => [
      r,
      newRealm(r, { enabled: true, ...(r === 'buunstack' && CREATE_REALM_SETTINGS) }),
    ]),
  );
  const log: KeycloakRequestLogEntry[] = [];
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const signer = new JwtSigner();
  let baseUrl = '';

  const tokenDeps: TokenDeps = {
    signer,
    now,
    issuer: (realm) => `${baseUrl}/realms/${realm}`,
    realms: { has: (name: string) => realms.has(name) },
    adminUser,
    adminPassword,
    adminUserId: randomUUID(),
    accessTokenLifespan: opts.accessTokenLifespan ?? 60,
    ssoSessionIdleTimeout: 1800,
  };

  /** Admin API access: a live access token issued by this server in realm master. */
  const authorized = (req: IncomingMessage): boolean => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const claims = m ? signer.verify(m[1]) : undefined;
    return (
      !!claims &&
      claims.typ === 'Bearer' &&
      claims.iss === tokenDeps.issuer('master') &&
      typeof claims.exp === 'number' &&
      claims.exp * 1000 > now()
    );
  };

  const handle = async (req: IncomingMessage): Promise<KcReply> => {
    const url = new URL(req.url ?? '/', 'http://keycloak.test');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const token = /^\/realms\/([^/]+)\/protocol\/openid-connect\/token$/.exec(url.pathname);
    if (token) {
      if (method !== 'POST') return { status: 405, body: { error: 'HTTP 405 Method Not Allowed' } };
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
      const form =
        type === 'application/x-www-form-urlencoded'
          ? new URLSearchParams(raw)
          : new URLSearchParams();
      return tokenEndpoint(tokenDeps, decodeURIComponent(token[1]), form);
    }
    const oidc =
      /^\/realms\/([^/]+)\/(\.well-known\/openid-configuration|protocol\/openid-connect\/certs)$/.exec(
        url.pathname,
      );
    if (oidc) {
      const realm = decodeURIComponent(oidc[1]!);
      if (method !== 'GET') return { status: 405, body: { error: 'HTTP 405 Method Not Allowed' } };
      if (!realms.has(realm)) return { status: 404, body: { error: 'Realm does not exist' } };
      const issuer = tokenDeps.issuer(realm);
      // Tokens here are HS256 (a shared secret): there is no public key to publish.
      if (oidc[2]!.endsWith('certs')) return { status: 200, body: { keys: [] } };
      return {
        status: 200,
        body: {
          issuer,
          authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
          token_endpoint: `${issuer}/protocol/openid-connect/token`,
          userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
          jwks_uri: `${issuer}/protocol/openid-connect/certs`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          grant_types_supported: ['authorization_code', 'refresh_token', 'password'],
        },
      };
    }
    if (url.pathname !== '/admin/realms' && !url.pathname.startsWith('/admin/realms/'))
      return UNKNOWN_RESOURCE;
    if (!authorized(req)) return { status: 401, body: { error: 'HTTP 401 Unauthorized' } };
    const segments = url.pathname
      .slice('/admin/realms/'.length)
      .split('/')
      .filter((s, i, all) => s !== '' || i < all.length - 1)
      .map(decodeURIComponent);
    return adminRoute({ realms, baseUrl, now }, method, segments, url.searchParams, () =>
      JSON.parse(raw || 'null'),
    );
  };

  const server = createServer((req, res) => {
    handle(req)
      .catch((e: unknown): KcReply => {
        process.stderr.write(`keycloak test server: internal error: ${(e as Error).stack ?? e}\n`);
        return { status: 500, body: { error: 'unknown_error' } };
      })
      .then((reply) => {
        log.push({
          method: req.method ?? 'GET',
          path: new URL(req.url ?? '/', 'http://x').pathname,
          status: reply.status,
        });
        const headers: Record<string, string> = { ...reply.headers };
        if (reply.body === undefined) return void res.writeHead(reply.status, headers).end();
        const text = JSON.stringify(reply.body);
        headers['Content-Type'] = 'application/json';
        res.writeHead(reply.status, headers).end(text);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    adminUser,
    adminPassword,
    clients: (realm) => structuredClone(realms.get(realm)?.clients ?? []),
    requests: () => log.map((e) => ({ ...e })),
    advanceClock: (seconds) => void (offsetMs += seconds * 1000),
    realms: () => [...realms.keys()],
    realm: (name) => {
      const r = realms.get(name);
      return r && structuredClone(r);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
