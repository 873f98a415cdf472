import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import {
  isBoardId,
  isRole,
  MAX_LINK_LIFETIME_SECONDS,
  RefusalReason,
  type CreateLinkRequest,
  type InviteLink,
  type ListLinksResponse,
} from '@qi/protocol';
import type { AppDeps } from '../app';
import type { IssuedLink } from '../auth/Links';
import { KeyedRateLimiter } from '../limits/KeyedRateLimiter';

function toInviteLink({ link, url }: IssuedLink): InviteLink {
  return {
    id: link.id,
    role: link.role,
    url,
    createdAt: new Date(link.createdAt).toISOString(),
    expiresAt: link.expiresAt === null ? null : new Date(link.expiresAt).toISOString(),
  };
}

async function readCreateLink(c: Context): Promise<CreateLinkRequest> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (cause) {
    throw new HTTPException(400, { message: 'body is not valid JSON', cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'body must be a JSON object' });
  }
  const { role, expiresInSeconds } = body as Record<string, unknown>;
  if (!isRole(role)) {
    throw new HTTPException(400, {
      message: 'role must be "facilitator", "contributor", "patient" or "observer"',
    });
  }
  if (expiresInSeconds === undefined || expiresInSeconds === null) return { role };
  if (
    typeof expiresInSeconds !== 'number' ||
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_LINK_LIFETIME_SECONDS
  ) {
    throw new HTTPException(400, {
      message: `expiresInSeconds must be a whole number from 1 to ${MAX_LINK_LIFETIME_SECONDS}`,
    });
  }
  return { role, expiresInSeconds };
}

/**
 * `/api/boards/:id/links`: mint (POST), list live (GET) and revoke (DELETE /:linkId) invite
 * links. Every request needs a facilitator token of this board as `Authorization: Bearer`:
 * none or an invalid one is 401, a token of another board or role 403.
 */
export function linksRoutes({ links, guard, publicOrigin, linksPerMinute }: AppDeps): Hono {
  const app = new Hono();
  const minting = new KeyedRateLimiter(linksPerMinute);
  const originOf = (c: Context) => publicOrigin ?? new URL(c.req.url).origin;

  app.use('*', async (c, next) => {
    const boardId = c.req.param('id') ?? '';
    if (!isBoardId(boardId)) throw new HTTPException(404, { message: 'board not found' });
    const match = /^Bearer +([A-Za-z0-9_.-]+)$/.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HTTPException(401, {
        message: 'a facilitator token is required (Authorization: Bearer <token>)',
      });
    }
    const access = await links.check(match[1], boardId);
    if (!access.ok) {
      if (access.status === 401) c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HTTPException(access.status, { message: access.reason });
    }
    if (access.link.role !== 'facilitator') {
      throw new HTTPException(403, { message: 'only a facilitator link can manage links' });
    }
    await next();
  });

  app.post(
    '/',
    bodyLimit({
      maxSize: 4 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'body too large' });
      },
    }),
    async (c) => {
      const boardId = c.req.param('id')!;
      const request = await readCreateLink(c);
      if (!minting.take(boardId)) {
        c.header('Retry-After', String(minting.retryAfterSeconds));
        throw new HTTPException(429, { message: 'too many links minted; try again shortly' });
      }
      const issued = await links.mint(originOf(c), boardId, request.role, request.expiresInSeconds);
      return c.json(toInviteLink(issued), 201);
    },
  );

  app.get('/', async (c) => {
    const body: ListLinksResponse = {
      links: (await links.live(originOf(c), c.req.param('id')!)).map(toInviteLink),
    };
    return c.json(body);
  });

  app.delete('/:linkId', async (c) => {
    const linkId = c.req.param('linkId');
    if (!(await links.revoke(c.req.param('id')!, linkId))) {
      throw new HTTPException(404, { message: 'no such live link on this board' });
    }
    guard.closeLink(linkId, RefusalReason.revoked);
    return c.body(null, 204);
  });

  return app;
}
