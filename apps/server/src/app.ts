import { Hono } from 'hono';
import type { Logger } from './log';
import type { Storage } from './storage/Storage';
import type { RoomRegistry } from './sync/RoomRegistry';
import { boardsRoutes } from './http/boards';
import { errorHandler, notFound } from './http/errors';
import { healthRoutes } from './http/health';
import { metricsRoutes } from './http/metrics';

/** What the HTTP routes need. */
export interface AppDeps {
  storage: Storage;
  registry: RoomRegistry;
  /** Origin for board URLs, or null to take it from the request. */
  publicOrigin: string | null;
  /** True once shutdown began (readiness turns 503). */
  isDraining: () => boolean;
  log: Logger;
}

/** The Hono app serving /api, /health, /ready and /metrics. Pages and /sync are wired in server.ts. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.route('/api/boards', boardsRoutes(deps));
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.notFound(notFound);
  app.onError(errorHandler(deps.log));
  return app;
}
