import { Hono } from 'hono';
import type { AppDeps } from '../app';

/**
 * `/metrics` in Prometheus text format. A start: gauges of what is loaded; issue 8 adds
 * message, byte, latency and Redis figures.
 */
export function metricsRoutes({ registry }: AppDeps): Hono {
  const app = new Hono();
  app.get('/metrics', (c) => {
    const { rooms, connections } = registry.stats;
    const memory = process.memoryUsage();
    const lines = [
      '# HELP qi_rooms_loaded Boards loaded in memory.',
      '# TYPE qi_rooms_loaded gauge',
      `qi_rooms_loaded ${rooms}`,
      '# HELP qi_connections Open sync connections.',
      '# TYPE qi_connections gauge',
      `qi_connections ${connections}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '',
    ];
    return c.text(lines.join('\n'), 200, { 'content-type': 'text/plain; version=0.0.4' });
  });
  return app;
}
