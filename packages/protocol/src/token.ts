import { isBoardId } from './boardId';
import { isRole, type Role } from './roles';

/**
 * The claims of a capability token (PROTOCOL.md, "Capability tokens"). A token is
 * `<header>.<claims>.<signature>`, each unpadded base64url; the header is always
 * TOKEN_HEADER and the signature HMAC-SHA256 over `<header>.<claims>` with the server's secret.
 */
export interface TokenClaims {
  /** Claims format version. */
  v: 1;
  /** Board the token opens. */
  board: string;
  role: Role;
  /** The invite link this token belongs to; revoking the link revokes the token. */
  link: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expiry, seconds since the epoch; absent for a link that does not expire. */
  exp?: number;
}

/** The only header a token may carry: `{"alg":"HS256","typ":"JWT"}`, base64url. */
export const TOKEN_HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

/** Query parameter carrying the token on invite links and on the sync upgrade. */
export const TOKEN_PARAM = 'token';

/** Query parameters of the sync upgrade carrying the join form (display name, staff role label, colour). */
export const JOIN_PARAMS = { name: 'name', label: 'label', color: 'color' } as const;

/** Longest display name, and longest staff role label ("ward nurse"), in UTF-16 code units. */
export const MAX_DISPLAY_NAME_LENGTH = 40;
export const MAX_ROLE_LABEL_LENGTH = 40;

/** Link ids: 12 random bytes as 16 base64url characters. */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

/** Path of the join page an invite link opens (`/join/<boardId>?token=…`). */
export function joinPath(boardId: string): string {
  return `/join/${boardId}`;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes unpadded base64url; null if `text` is not exactly that. */
export function decodeBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    value = (value << 6) | B64URL.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Parses and shape-checks a token's claims part (base64url JSON); null if malformed. */
export function parseClaims(part: string): TokenClaims | null {
  const bytes = decodeBase64url(part);
  if (!bytes) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const claims = value as Record<string, unknown>;
  if (claims.v !== 1) return null;
  if (typeof claims.board !== 'string' || !isBoardId(claims.board)) return null;
  if (!isRole(claims.role)) return null;
  if (typeof claims.link !== 'string' || !LINK_ID_PATTERN.test(claims.link)) return null;
  if (!Number.isSafeInteger(claims.iat)) return null;
  if (claims.exp !== undefined && !Number.isSafeInteger(claims.exp)) return null;
  return claims as unknown as TokenClaims;
}

/**
 * Reads a token's claims WITHOUT checking its signature: for the web app to know which board
 * and role a link is for. Only the server's verification decides anything.
 */
export function readTokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_HEADER) return null;
  return parseClaims(parts[1]!);
}
