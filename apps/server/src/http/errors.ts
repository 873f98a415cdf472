import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '@qi/protocol';
import type { Logger } from '../log';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
};

/** The error body for `status`, with a human-readable message. */
export function errorBody(status: number, message: string): ApiErrorBody {
  return { error: { code: CODES[status] ?? `http_${status}`, message } };
}

/** Maps HTTPException to its status and body; anything else is logged and answered 500. */
export function errorHandler(log: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      if (status >= 500) log.error('http.error', { path: c.req.path, error, cause: error.cause });
      return c.json(errorBody(status, error.message || 'request failed'), status);
    }
    log.error('http.unhandled', { method: c.req.method, path: c.req.path, error });
    return c.json(errorBody(500, 'internal error'), 500);
  };
}

export const notFound: NotFoundHandler = (c) => c.json(errorBody(404, 'not found'), 404);
