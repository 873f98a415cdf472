import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** Headers every response carries, pages and API alike. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // Invite links carry their token in the URL: never send it to anyone as a referrer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** API responses are data, never documents: they may load and be framed by nothing. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_SECURITY_HEADERS,
  'Content-Security-Policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Cache-Control': 'no-store',
};

/** Adds API_SECURITY_HEADERS (and HSTS behind an https PUBLIC_ORIGIN) to every API response. */
export function apiSecurityHeaders(publicOrigin: string | null): MiddlewareHandler {
  const hsts = publicOrigin?.startsWith('https:') ?? false;
  const headers: Record<string, string> = {
    ...API_SECURITY_HEADERS,
    ...(hsts ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
  return async (c, next) => {
    // Set before (responses the handlers build, HEAD included) and after (error responses).
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests (403) that a browser marks as coming from another site: an
 * `Origin` other than this server's (PUBLIC_ORIGIN, else the request's own), or
 * `Sec-Fetch-Site: cross-site`. Scripts that send neither header are let through: the API
 * authenticates with Bearer tokens, never cookies.
 */
export function sameOriginWrites(publicOrigin: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const expected = publicOrigin ?? new URL(c.req.url).origin;
      if ((origin && origin !== expected) || c.req.header('sec-fetch-site') === 'cross-site') {
        throw new HTTPException(403, { message: 'cross-origin request refused' });
      }
    }
    await next();
  };
}
