import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log';
import type { Counter } from '../metrics/Metrics';

/** Header carrying the request id, taken from a proxy when it sent a sane one. */
export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Probes scraped every few seconds: logged at debug only. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Gives every API request an id (answered in `x-request-id`) and logs one `http.request` line
 * with it: method, path, status and duration.
 */
export function requestLog(log: Logger, requests: Counter): MiddlewareHandler {
  return async (c, next) => {
    const offered = c.req.header(REQUEST_ID_HEADER);
    const id = offered && SANE_ID.test(offered) ? offered : randomBytes(8).toString('hex');
    const started = performance.now();
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
    requests.inc();
    const fields = {
      request: id,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (c.res.status >= 500) log.error('http.request', fields);
    else if (QUIET_PATHS.has(c.req.path)) log.debug('http.request', fields);
    else log.info('http.request', fields);
  };
}
