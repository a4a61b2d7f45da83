// POST /realms/:realm/protocol/openid-connect/token for the admin-cli client: password and
// refresh_token grants with Keycloak's error codes (invalid_request, unsupported_grant_type,
// invalid_client, invalid_grant) and a Keycloak-shaped token response.
import { randomUUID } from 'node:crypto';
import type { JwtSigner } from './jwt.js';

export interface KcReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TokenDeps {
  signer: JwtSigner;
  now: () => number; // ms
  issuer: (realm: string) => string;
  realms: { has(name: string): boolean };
  adminUser: string;
  adminPassword: string;
  adminUserId: string;
  accessTokenLifespan: number; // seconds (Keycloak's master realm default: 60)
  ssoSessionIdleTimeout: number; // seconds (refresh_expires_in, default 1800)
}

const oauthError = (status: number, error: string, description: string): KcReply => ({
  status,
  body: { error, error_description: description },
});

export function tokenEndpoint(deps: TokenDeps, realm: string, form: URLSearchParams): KcReply {
  if (!deps.realms.has(realm)) return { status: 404, body: { error: 'Realm does not exist' } };
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
  if (grant !== 'password' && grant !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  }
  const clientId = form.get('client_id');
  if (!clientId) return oauthError(400, 'invalid_client', 'Missing client_id parameter');
  if (clientId !== 'admin-cli') {
    return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
  }

  let sid: string;
  if (grant === 'password') {
    // Only the master realm has the admin user; other realms have no users here.
    const ok =
      realm === 'master' &&
      form.get('username') === deps.adminUser &&
      form.get('password') === deps.adminPassword;
    if (!ok) return oauthError(401, 'invalid_grant', 'Invalid user credentials');
    sid = randomUUID();
  } else {
    const raw = form.get('refresh_token') ?? '';
    const claims = raw ? deps.signer.verify(raw) : undefined;
    if (!claims || claims.typ !== 'Refresh' || claims.iss !== deps.issuer(realm)) {
      return oauthError(400, 'invalid_grant', 'Invalid refresh token');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= deps.now()) {
      return oauthError(400, 'invalid_grant', 'Token is not active');
    }
    if (claims.azp !== clientId) {
      return oauthError(
        400,
        'invalid_grant',
        "Invalid refresh token. Token client and authorized client don't match",
      );
    }
    sid = String(claims.sid);
  }

  const iat = Math.floor(deps.now() / 1000);
  const iss = deps.issuer(realm);
  const common = { iat, iss, sub: deps.adminUserId, azp: clientId, sid, scope: 'profile email' };
  const access = deps.signer.sign({
    ...common,
    exp: iat + deps.accessTokenLifespan,
    jti: randomUUID(),
    typ: 'Bearer',
    acr: '1',
    email_verified: false,
    preferred_username: deps.adminUser,
  });
  const refresh = deps.signer.sign({
    ...common,
    exp: iat + deps.ssoSessionIdleTimeout,
    jti: randomUUID(),
    aud: iss,
    typ: 'Refresh',
  });
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    body: {
      access_token: access,
      expires_in: deps.accessTokenLifespan,
      refresh_expires_in: deps.ssoSessionIdleTimeout,
      refresh_token: refresh,
      token_type: 'Bearer',
      'not-before-policy': 0,
      session_state: sid,
      scope: 'profile email',
    },
  };
}
