import { Hono } from 'hono';
import type { AppDeps } from '../app';

/**
 * `/health` (the process answers) and `/ready`: 503 while draining, while storage appends fail,
 * or when storage does not answer a query.
 */
export function healthRoutes({ storage, registry, isDraining }: AppDeps): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    if (isDraining()) return c.json({ status: 'draining' }, 503);
    if (!registry.storageHealthy) return c.json({ status: 'storage failing' }, 503);
    try {
      await storage.ping();
    } catch {
      return c.json({ status: 'storage unavailable' }, 503);
    }
    return c.json({ status: 'ready', ...registry.stats });
  });
  return app;
}
