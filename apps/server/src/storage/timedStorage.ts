import type { Metrics } from '../metrics/Metrics';
import type { Storage } from './Storage';

/**
 * `storage` with its appends timed into `qi_storage_append_seconds` (and failures counted);
 * every other method is the storage's own, whatever the interface grows to.
 */
export function timedStorage(storage: Storage, metrics: Metrics): Storage {
  const latency = metrics.histogram(
    'qi_storage_append_seconds',
    'Duration of storage appends (one transaction per event-loop turn of updates).',
  );
  const failures = metrics.counter(
    'qi_storage_append_failures_total',
    'Storage appends that failed.',
  );
  const appendUpdates: Storage['appendUpdates'] = async (records) => {
    const started = performance.now();
    try {
      return await storage.appendUpdates(records);
    } catch (error) {
      failures.inc();
      throw error;
    } finally {
      latency.observe((performance.now() - started) / 1000);
    }
  };
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'appendUpdates') return appendUpdates;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
