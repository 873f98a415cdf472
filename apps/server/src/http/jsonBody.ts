import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';

/** Middleware refusing request bodies over `maxSize` bytes with 413. */
export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HTTPException(413, { message: 'body too large' });
    },
  });
}

/** The request body as a JSON object; 400 with a plain message when it is not one. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (cause) {
    throw new HTTPException(400, { message: 'body is not valid JSON', cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'body must be a JSON object' });
  }
  return body as Record<string, unknown>;
}
