import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isBoardId } from '@qi/protocol';
import type { Links } from '../auth/Links';
import type { LinkRecord } from '../storage/Storage';

/** What `boardToken` leaves on the context: the verified link of the request's token. */
export interface BoardTokenEnv {
  Variables: { link: LinkRecord };
}

/**
 * Middleware for routes under `/api/boards/:id`: the request must carry
 * `Authorization: Bearer <capability token of this board>`. A malformed board id is 404, no
 * token or an invalid one 401, a token of another board 403; the link is then `c.var.link`.
 * `needed` names the token in the 401 message ("a facilitator token").
 */
export function boardToken(
  links: Links,
  needed = 'a token of this board',
): MiddlewareHandler<BoardTokenEnv> {
  return async (c, next) => {
    const boardId = c.req.param('id') ?? '';
    if (!isBoardId(boardId)) throw new HTTPException(404, { message: 'board not found' });
    const match = /^Bearer +([A-Za-z0-9_.-]+)$/.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HTTPException(401, {
        message: `${needed} is required (Authorization: Bearer <token>)`,
      });
    }
    const access = await links.check(match[1], boardId);
    if (!access.ok) {
      if (access.status === 401) c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HTTPException(access.status, { message: access.reason });
    }
    c.set('link', access.link);
    await next();
  };
}
