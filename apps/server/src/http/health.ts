import { Hono } from 'hono';
import type { ServerTime } from '@qi/protocol';
import type { AppDeps } from '../app';

/**
 * `/health` (the process answers), `/api/time` (the server clock) and `/ready`: 503 while draining, while storage appends fail,
 * when storage does not answer a query, or when the fan-out (Redis) does not answer.
 */
export function healthRoutes({ storage, registry, fanout, isDraining }: AppDeps): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  // The server clock, so clients agree on a facilitation timer's remaining time (PROTOCOL.md).
  app.get('/api/time', (c) => c.json({ now: Date.now() } satisfies ServerTime));
  app.get('/ready', async (c) => {
    if (isDraining()) return c.json({ status: 'draining' }, 503);
    if (!registry.storageHealthy) return c.json({ status: 'storage failing' }, 503);
    const [stored, fannedOut] = await Promise.allSettled([storage.ping(), fanout.ping()]);
    if (stored.status === 'rejected') return c.json({ status: 'storage unavailable' }, 503);
    if (fannedOut.status === 'rejected') return c.json({ status: 'redis unavailable' }, 503);
    return c.json({ status: 'ready', ...registry.stats });
  });
  return app;
}
