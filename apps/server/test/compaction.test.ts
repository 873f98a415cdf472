import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../src/storage/SqliteStorage';
import { connectClient, startTestServer, tempDir, waitFor } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('compaction and unloading', () => {
  it('bounds the update log, keeps the state, and unloads an idle board after compacting', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const limits = { compactMaxUpdates: 20, roomIdleMs: 100 };
    const server = await startTestServer(dir.path, limits);
    cleanups.push(() => server.close());
    const storage = server.server.storage as SqliteStorage;
    const board = await server.createBoard('Compacted');
    const writer = connectClient(server.syncUrl, board);
    const observer = connectClient(server.syncUrl, board);
    cleanups.push(
      () => writer.destroy(),
      () => observer.destroy(),
    );
    await Promise.all([writer.synced, observer.synced]);

    const items = writer.doc.getArray<number>('items');
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 25; i++) items.push([round * 25 + i]);
      await waitFor(() => observer.doc.getArray('items').length === (round + 1) * 25, 'round');
      // The log never holds more than the threshold plus one batch.
      expect(storage.logStats(board).updates).toBeLessThan(20 + 25);
    }
    await waitFor(() => storage.logStats(board).updates < 20, 'compaction below the threshold');

    writer.destroy();
    observer.destroy();
    await waitFor(() => server.server.registry.peek(board) === undefined, 'room unloaded');
    await waitFor(() => storage.logStats(board).updates === 0, 'compacted on unload');

    const fresh = connectClient(server.syncUrl, board);
    cleanups.push(() => fresh.destroy());
    await fresh.synced;
    expect(fresh.doc.getArray('items').toArray()).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(fresh.doc.getMap('meta').get('title')).toBe('Compacted');
  });

  it('compacts a long log found at load time', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await startTestServer(dir.path, { compactMaxUpdates: 100_000 });
    const board = await first.createBoard();
    const writer = connectClient(first.syncUrl, board);
    await writer.synced;
    for (let i = 0; i < 60; i++) writer.doc.getArray<number>('items').push([i]);
    const storage = first.server.storage as SqliteStorage;
    await waitFor(() => storage.logStats(board).updates === 60, 'all 60 stored');
    writer.destroy();
    // A crash leaves the log as it is: no shutdown compaction.
    const again = await startTestServer(dir.path, { compactMaxUpdates: 10 }, { storage });
    cleanups.push(async () => {
      await again.close();
      await first.close();
    });
    const reader = connectClient(again.syncUrl, board);
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(reader.doc.getArray('items').length).toBe(60);
    await waitFor(() => storage.logStats(board).updates === 0, 'compacted after load');
  });
});
