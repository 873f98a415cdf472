import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqliteStorage } from '../src/storage/SqliteStorage';
import type { Fanout, RemoteBoardListener } from '../src/sync/Fanout';
import { connectClient, startTestServer, tempDir, waitFor } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A shared fan-out that delivers nothing by itself: the test plays the other processes. */
class ScriptedFanout implements Fanout {
  readonly shared = true;
  readonly listeners = new Map<string, RemoteBoardListener>();
  publishUpdates(): void {}
  publishAwareness(): void {}
  async subscribe(boardId: string, listener: RemoteBoardListener): Promise<void> {
    this.listeners.set(boardId, listener);
  }
  unsubscribe(): void {}
  async withCompactionLease(_boardId: string, task: () => Promise<void>): Promise<boolean> {
    await task();
    return true;
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Two server processes in one: the same SQLite file, each with its own scripted fan-out. */
async function twoServers() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const fanouts = [new ScriptedFanout(), new ScriptedFanout()];
  const servers = await Promise.all(
    fanouts.map((fanout) => startTestServer(dir.path, {}, { fanout })),
  );
  cleanups.push(...servers.map((server) => () => server.close()));
  return { servers, fanouts };
}

describe('changes stored by another process', () => {
  it('are broadcast to local clients and never stored again', async () => {
    const { servers, fanouts } = await twoServers();
    const board = await servers[0]!.createBoard();
    const client = connectClient(servers[1]!.syncUrl, board);
    cleanups.push(() => client.destroy());
    await client.synced;
    const storage = servers[1]!.server.storage as SqliteStorage;
    const before = storage.logStats(board).updates;

    const elsewhere = new Y.Doc();
    elsewhere.getArray<string>('items').push(['from process A']);
    fanouts[1]!.listeners.get(board)!.remoteUpdates([Y.encodeStateAsUpdate(elsewhere)]);
    await waitFor(() => client.doc.getArray('items').length === 1, 'the client receives it');
    // Give a wrongly scheduled append its turn before looking.
    await new Promise((resolve) => setImmediate(resolve));
    await servers[1]!.server.registry.drain();
    expect(storage.logStats(board).updates).toBe(before);
  });

  it('reach local clients by a resync from storage when the stream lost them', async () => {
    const { servers, fanouts } = await twoServers();
    const board = await servers[0]!.createBoard();
    const [writer, reader] = [
      connectClient(servers[0]!.syncUrl, board),
      connectClient(servers[1]!.syncUrl, board),
    ];
    cleanups.push(
      () => writer.destroy(),
      () => reader.destroy(),
    );
    await Promise.all([writer.synced, reader.synced]);
    writer.doc.getArray<string>('items').push(['stored on A, never fanned out']);
    const storage = servers[1]!.server.storage as SqliteStorage;
    await waitFor(() => storage.logStats(board).updates > 0, 'A stored it');
    expect(reader.doc.getArray('items').length).toBe(0);

    fanouts[1]!.listeners.get(board)!.resync();
    await waitFor(() => reader.doc.getArray('items').length === 1, 'the resync delivers it');
    expect(reader.doc.getArray('items').toArray()).toEqual(['stored on A, never fanned out']);
  });
});
