import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
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
import { boardToken, type BoardTokenEnv } from './boardToken';
import { limitBody, readJsonObject, readWholeNumber } from './jsonBody';

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
  const { role, expiresInSeconds } = await readJsonObject(c);
  if (!isRole(role)) {
    throw new HTTPException(400, {
      message: 'role must be "facilitator", "contributor", "patient" or "observer"',
    });
  }
  if (expiresInSeconds === undefined || expiresInSeconds === null) return { role };
  return {
    role,
    expiresInSeconds: readWholeNumber(
      'expiresInSeconds',
      expiresInSeconds,
      MAX_LINK_LIFETIME_SECONDS,
    ),
  };
}

/**
 * `/api/boards/:id/links`: mint (POST), list live (GET) and revoke (DELETE /:linkId) invite
 * links. Every request needs a facilitator token of this board as `Authorization: Bearer`:
 * none or an invalid one is 401, a token of another board or role 403.
 */
export function linksRoutes({
  links,
  guard,
  publicOrigin,
  linksPerMinute,
}: AppDeps): Hono<BoardTokenEnv> {
  const app = new Hono<BoardTokenEnv>();
  const minting = new KeyedRateLimiter(linksPerMinute);
  const originOf = (c: Context) => publicOrigin ?? new URL(c.req.url).origin;

  app.use('*', boardToken(links, 'a facilitator token'), async (c, next) => {
    if (c.var.link.role !== 'facilitator') {
      throw new HTTPException(403, { message: 'only a facilitator link can manage links' });
    }
    await next();
  });

  app.post('/', limitBody(4 * 1024), async (c) => {
    const boardId = c.req.param('id')!;
    const request = await readCreateLink(c);
    if (!minting.take(boardId)) {
      c.header('Retry-After', String(minting.retryAfterSeconds));
      throw new HTTPException(429, { message: 'too many links minted; try again shortly' });
    }
    const issued = await links.mint(originOf(c), boardId, request.role, request.expiresInSeconds);
    return c.json(toInviteLink(issued), 201);
  });

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
