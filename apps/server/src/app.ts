import { Hono } from 'hono';
import type { PatientDataPolicy } from '@qi/protocol';
import type { Links } from './auth/Links';
import type { LinkGuard } from './auth/LinkGuard';
import type { Logger } from './log';
import type { Metrics } from './metrics/Metrics';
import type { Storage } from './storage/Storage';
import type { Fanout } from './sync/Fanout';
import type { RoomRegistry } from './sync/RoomRegistry';
import { boardsRoutes } from './http/boards';
import { errorHandler, notFound } from './http/errors';
import { healthRoutes } from './http/health';
import { linksRoutes } from './http/links';
import { metricsRoutes } from './http/metrics';
import { patientDataRoutes } from './http/patientData';
import { requestLog } from './http/requestLog';
import { roundsRoutes } from './http/rounds';
import { votesRoutes } from './http/votes';
import { createWorkshop } from './http/workshop';
import { apiSecurityHeaders, sameOriginWrites } from './http/securityHeaders';

/** What the HTTP routes need. */
export interface AppDeps {
  storage: Storage;
  registry: RoomRegistry;
  /** Origin for board URLs, or null to take it from the request. */
  publicOrigin: string | null;
  /** True once shutdown began (readiness turns 503). */
  isDraining: () => boolean;
  log: Logger;
  /** Other processes (Redis); readiness checks it. */
  fanout: Fanout;
  /** Rendered by /metrics. */
  metrics: Metrics;
  /** Invite links and capability tokens. */
  links: Links;
  /** Closes live connections of revoked links. */
  guard: LinkGuard;
  /** Links one board may mint per minute; boards one address may create per minute. */
  linksPerMinute: number;
  boardsPerMinute: number;
  /** Take the client address from X-Forwarded-For (TRUST_PROXY). */
  trustProxy: boolean;
  /** PATIENT_DATA_MODE and HOSPITAL_NUMBER_PATTERNS, told to the web app. */
  patientData: PatientDataPolicy;
}

/** The Hono app serving /api, /health, /ready and /metrics. Pages and /sync are wired in server.ts. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    requestLog(deps.log, deps.metrics.counter('qi_http_requests_total', 'API requests answered.')),
  );
  app.use('*', apiSecurityHeaders(deps.publicOrigin));
  app.use('/api/*', sameOriginWrites(deps.publicOrigin));
  app.route('/api/boards/:id/links', linksRoutes(deps));
  const workshop = createWorkshop(deps);
  app.route('/api/boards/:id/rounds', roundsRoutes(deps.links, workshop));
  app.route('/api/boards/:id/votes', votesRoutes(deps.links, workshop));
  app.route('/api/boards', boardsRoutes(deps));
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', patientDataRoutes(deps));
  app.notFound(notFound);
  app.onError(errorHandler(deps.log));
  return app;
}
