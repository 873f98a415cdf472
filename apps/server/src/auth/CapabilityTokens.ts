import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseClaims, TOKEN_HEADER, type TokenClaims } from '@qi/protocol';

/** Tokens longer than this are refused unread (a real one is about 250 characters). */
const MAX_TOKEN_LENGTH = 1024;

/**
 * Signs and verifies capability tokens (PROTOCOL.md, "Capability tokens"): JWT compact form with
 * exactly one accepted header (HS256), so `alg: none` or any other algorithm is refused before
 * anything else is read. Verification checks the signature and the claims' shape only; expiry,
 * board and revocation are the caller's (`Links.check`).
 */
export class CapabilityTokens {
  constructor(private readonly secret: Buffer) {}

  sign(claims: TokenClaims): string {
    const body = `${TOKEN_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a token this server signed, or null for anything else. */
  verify(token: string): TokenClaims | null {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== TOKEN_HEADER) return null;
    const signature = parts[2]!;
    if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
    const expected = this.mac(`${parts[0]}.${parts[1]}`);
    if (!timingSafeEqual(Buffer.from(signature, 'base64url'), expected)) return null;
    return parseClaims(parts[1]!);
  }

  private mac(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest();
  }
}
