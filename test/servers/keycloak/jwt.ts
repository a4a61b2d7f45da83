// JWT-shaped tokens (header.payload.signature, base64url JSON) signed with HMAC-SHA256 by a
// per-server secret, so client libraries can decode exp/iat/iss/azp and the server can tell
// its own tokens from forged or tampered ones.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64url = (buf: Buffer) => buf.toString('base64url');

export class JwtSigner {
  private readonly secret = randomBytes(32);
  private readonly kid = randomBytes(8).toString('hex');

  sign(payload: Record<string, unknown>): string {
    const header = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: this.kid })));
    const body = b64url(Buffer.from(JSON.stringify(payload)));
    const sig = b64url(createHmac('sha256', this.secret).update(`${header}.${body}`).digest());
    return `${header}.${body}.${sig}`;
  }

  /** The payload when the signature is ours, else undefined (expiry is the caller's check). */
  verify(token: string): Record<string, unknown> | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    // Compare the encoded strings, so a signature with altered padding bits is also refused.
    const expected = Buffer.from(
      b64url(createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest()),
    );
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
    } catch {
      return undefined;
    }
  }
}
