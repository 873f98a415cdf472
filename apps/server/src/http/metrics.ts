import { Hono } from 'hono';
import type { AppDeps } from '../app';

/**
 * `/metrics` in the Prometheus text format: what is loaded, sync traffic, storage append and
 * fan-out latency, Redis lag (see `Metrics` for the families), plus resident memory.
 */
export function metricsRoutes({ metrics }: AppDeps): Hono {
  const app = new Hono();
  app.get('/metrics', (c) => {
    const lines = [
      metrics.render(),
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
      '',
    ];
    return c.text(lines.join('\n'), 200, { 'content-type': 'text/plain; version=0.0.4' });
  });
  return app;
}
