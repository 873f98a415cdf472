import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  boardPath,
  isBoardId,
  MAX_BOARD_TITLE_LENGTH,
  type BoardInfo,
  type CreateBoardResponse,
} from '@qi/protocol';
import { DEFAULT_TITLE, initialState } from '../sync/boardDoc';
import type { AppDeps } from '../app';
import { KeyedRateLimiter } from '../limits/KeyedRateLimiter';
import { clientAddress } from './clientAddress';
import { limitBody } from './jsonBody';

/** 128 random bits as 22 base64url characters (BOARD_ID_PATTERN). */
function newBoardId(): string {
  return randomBytes(16).toString('base64url');
}

/** Parses the optional JSON body `{ title?: string }`; an empty body means defaults. */
async function readCreateBoard(c: Context): Promise<{ title: string }> {
  const text = await c.req.text();
  if (text.trim() === '') return { title: DEFAULT_TITLE };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new HTTPException(400, { message: 'body is not valid JSON', cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'body must be a JSON object' });
  }
  const { title } = body as { title?: unknown };
  if (title === undefined || title === null) return { title: DEFAULT_TITLE };
  if (typeof title !== 'string')
    throw new HTTPException(400, { message: 'title must be a string' });
  const trimmed = title.trim();
  if (trimmed.length > MAX_BOARD_TITLE_LENGTH) {
    throw new HTTPException(400, {
      message: `title is longer than ${MAX_BOARD_TITLE_LENGTH} characters`,
    });
  }
  return { title: trimmed || DEFAULT_TITLE };
}

/** `/api/boards`: create a board (with its creator's facilitator link), read one. */
export function boardsRoutes({
  storage,
  registry,
  publicOrigin,
  links,
  boardsPerMinute,
  trustProxy,
}: AppDeps): Hono {
  const app = new Hono();
  // Creating a board mints a facilitator link, so it is rate-limited per client address.
  const creating = new KeyedRateLimiter(boardsPerMinute);

  app.post('/', limitBody(16 * 1024), async (c) => {
    const { title } = await readCreateBoard(c);
    const address = clientAddress(
      getConnInfo(c).remote.address,
      c.req.header('x-forwarded-for'),
      trustProxy,
    );
    if (!creating.take(address)) {
      c.header('Retry-After', String(creating.retryAfterSeconds));
      throw new HTTPException(429, { message: 'too many boards created; try again shortly' });
    }
    const id = newBoardId();
    const createdAt = Date.now();
    await storage.createBoard({ id, createdAt }, initialState(title));
    const origin = publicOrigin ?? new URL(c.req.url).origin;
    const facilitator = await links.mint(origin, id, 'facilitator');
    const body: CreateBoardResponse = {
      id,
      url: `${origin}${boardPath(id)}`,
      facilitatorUrl: facilitator.url,
      title,
      createdAt: new Date(createdAt).toISOString(),
    };
    return c.json(body, 201);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const board = isBoardId(id) ? await storage.getBoard(id) : null;
    const title = board ? await registry.readTitle(id) : null;
    if (!board || title === null) throw new HTTPException(404, { message: 'board not found' });
    const body: BoardInfo = { id, title, createdAt: new Date(board.createdAt).toISOString() };
    return c.json(body);
  });

  return app;
}
