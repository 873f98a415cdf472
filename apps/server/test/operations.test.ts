import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log';
import { LocalFanout } from '../src/sync/Fanout';
import { connectClient, startTestServer, tempDir, waitFor } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A fan-out whose Redis does not answer. */
class UnreachableFanout extends LocalFanout {
  override async ping(): Promise<void> {
    throw new Error('Redis unreachable');
  }
}

describe('operations', () => {
  it('logs each API request with its id, answered in x-request-id', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('info', (line) =>
      lines.push(JSON.parse(line) as Record<string, unknown>),
    );
    const server = await startTestServer(dir.path, {}, { log });
    cleanups.push(() => server.close());
    const missing = await fetch(`${server.server.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA`);
    const id = missing.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const offered = await fetch(`${server.server.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA`, {
      headers: { 'x-request-id': 'proxy-id-1' },
    });
    expect(offered.headers.get('x-request-id')).toBe('proxy-id-1');
    expect(lines.filter((line) => line.event === 'http.request')).toEqual([
      expect.objectContaining({ request: id, method: 'GET', status: 404 }),
      expect.objectContaining({ request: 'proxy-id-1', status: 404 }),
    ]);
  });

  it('/metrics exposes connections, boards, append latency and traffic in Prometheus format', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startTestServer(dir.path);
    cleanups.push(() => server.close());
    const board = await server.createBoard();
    const client = connectClient(server.syncUrl, board);
    cleanups.push(() => client.destroy());
    await client.synced;
    client.doc.getArray('items').push([1]);
    const scrape = async () => (await fetch(`${server.server.url}/metrics`)).text();
    await waitFor(
      async () => /^qi_storage_append_seconds_count [1-9]/m.test(await scrape()),
      'an append',
    );
    const text = await scrape();
    expect(text).toMatch(/^qi_connections 1$/m);
    expect(text).toMatch(/^qi_rooms_loaded 1$/m);
    expect(text).toMatch(/^# TYPE qi_storage_append_seconds histogram$/m);
    expect(text).toMatch(/^qi_storage_append_seconds_bucket\{le="\+Inf"\} [1-9]/m);
    expect(text).toMatch(/^qi_http_requests_total [1-9]/m);
    for (const counter of ['messages_in', 'bytes_in', 'messages_out', 'bytes_out', 'connections']) {
      expect(text).toMatch(new RegExp(`^qi_sync_${counter}_total [1-9]`, 'm'));
    }
  });

  it('is not ready while the fan-out (Redis) does not answer', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startTestServer(dir.path, {}, { fanout: new UnreachableFanout() });
    cleanups.push(() => server.close());
    const ready = await fetch(`${server.server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'redis unavailable' });
  });
});
