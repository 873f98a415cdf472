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

/** A whole number from 1 to `max` in body field `field`; 400 naming it otherwise. */
export function readWholeNumber(field: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new HTTPException(400, { message: `${field} must be a whole number from 1 to ${max}` });
  }
  return value;
}

/** A boolean in body field `field`; 400 naming it otherwise. */
export function readBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new HTTPException(400, { message: `${field} must be true or false` });
  }
  return value;
}
