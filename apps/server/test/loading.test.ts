import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../src/storage/SqliteStorage';
import type { Storage } from '../src/storage/Storage';
import { connectClient, rawClient, startTestServer, tempDir, waitFor } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** SqliteStorage whose loadBoard waits until `release()`: joins arrive during the load. */
class GatedStorage extends SqliteStorage {
  loads = 0;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
  override async loadBoard(id: string): ReturnType<Storage['loadBoard']> {
    this.loads++;
    await this.gate;
    return super.loadBoard(id);
  }
}

describe('loading', () => {
  it('answers nothing before the stored state is loaded, loads once, duplicates nothing', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const storage = new GatedStorage(dir.path);
    const seed = new Y.Doc();
    seed.getArray<string>('items').push(['a', 'b', 'c']);
    const board = 'LoadingBoardAAAAAAAAAA';
    await storage.createBoard({ id: board, createdAt: Date.now() }, Y.encodeStateAsUpdate(seed));
    const server = await startTestServer(dir.path, {}, { storage });
    cleanups.push(() => server.close());

    await server.mint(board);
    const raw = rawClient(server.syncUrl, board);
    const clients = [connectClient(server.syncUrl, board), connectClient(server.syncUrl, board)];
    cleanups.push(...clients.map((c) => () => c.destroy()), () => raw.ws.terminate());
    const lengthAtSync: number[] = [];
    for (const c of clients) {
      c.provider.once('sync', () => lengthAtSync.push(c.doc.getArray('items').length));
    }
    await raw.opened;
    await waitFor(() => clients.every((c) => c.provider.wsconnected), 'clients connected');
    await waitFor(() => server.server.registry.peek(board)?.connections.size === 3, 'all joined');
    expect(raw.frames).toHaveLength(0);
    expect(clients.every((c) => !c.provider.synced)).toBe(true);

    storage.release();
    await Promise.all(clients.map((c) => c.synced));
    expect(lengthAtSync).toEqual([3, 3]);
    expect(storage.loads).toBe(1);

    clients[0]!.doc.getArray<string>('items').push(['from 0']);
    clients[1]!.doc.getArray<string>('items').push(['from 1']);
    await waitFor(
      () => clients.every((c) => c.doc.getArray('items').length === 5),
      'both edits everywhere',
    );
    const [first, second] = clients.map((c) => c.doc.getArray<string>('items').toArray());
    expect(first).toEqual(second);
    expect([...first!].sort()).toEqual(['a', 'b', 'c', 'from 0', 'from 1']);
  });
});
