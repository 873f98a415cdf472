import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, startTestServer, tempDir, waitFor, type TestClient } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path);
  cleanups.push(() => server.close());
  return { dir, server };
}

function client(syncUrl: string, boardId: string, params?: Record<string, string>): TestClient {
  const c = connectClient(syncUrl, boardId, undefined, params);
  cleanups.push(() => c.destroy());
  return c;
}

const items = (doc: Y.Doc) => doc.getArray<string>('items').toArray();

describe('sync between stock y-websocket clients', () => {
  it('two clients converge', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Converge');
    const a = client(server.syncUrl, board);
    const b = client(server.syncUrl, board);
    await Promise.all([a.synced, b.synced]);
    a.doc.getArray<string>('items').push(['from a']);
    b.doc.getArray<string>('items').push(['from b']);
    await waitFor(() => items(a.doc).length === 2 && items(b.doc).length === 2, 'both edits');
    expect(items(a.doc)).toEqual(items(b.doc));
    expect(a.doc.getMap('meta').get('title')).toBe('Converge');
  });

  it('a late joiner gets the full state', async () => {
    const { server } = await setup();
    const board = await server.createBoard();
    const a = client(server.syncUrl, board);
    await a.synced;
    a.doc.getArray<string>('items').push(['one', 'two', 'three']);
    a.doc.getMap('meta').set('title', 'Renamed');
    await waitFor(() => !server.server.registry.peek(board)?.hasUnsaved, 'edits stored');
    const late = client(server.syncUrl, board);
    await late.synced;
    expect(items(late.doc)).toEqual(['one', 'two', 'three']);
    const response = await fetch(`${server.server.url}/api/boards/${board}`);
    expect(((await response.json()) as { title: string }).title).toBe('Renamed');
  });

  it('keeps the state across a server restart with the same DATA_DIR', async () => {
    const { dir, server } = await setup();
    const board = await server.createBoard('Restart');
    const a = client(server.syncUrl, board);
    await a.synced;
    a.doc.getArray<string>('items').push(['kept']);
    const observer = client(server.syncUrl, board);
    await waitFor(() => items(observer.doc).length === 1, 'observer sees the edit');
    a.destroy();
    observer.destroy();
    await server.close();

    const again = await startTestServer(dir.path);
    cleanups.push(() => again.close());
    const fresh = client(again.syncUrl, board);
    await fresh.synced;
    expect(items(fresh.doc)).toEqual(['kept']);
    expect(fresh.doc.getMap('meta').get('title')).toBe('Restart');
  });

  it('merges edits made offline when the client reconnects', async () => {
    const { server } = await setup();
    const board = await server.createBoard();
    const a = client(server.syncUrl, board);
    const b = client(server.syncUrl, board);
    await Promise.all([a.synced, b.synced]);
    a.provider.disconnect();
    a.doc.getArray<string>('items').push(['offline 1', 'offline 2']);
    b.doc.getArray<string>('items').push(['online']);
    await waitFor(() => !server.server.registry.peek(board)?.hasUnsaved, 'online edit stored');
    a.provider.connect();
    await waitFor(() => items(a.doc).length === 3 && items(b.doc).length === 3, 'merged');
    expect(items(a.doc)).toEqual(items(b.doc));
    const late = client(server.syncUrl, board);
    await late.synced;
    expect([...items(late.doc)].sort()).toEqual(['offline 1', 'offline 2', 'online']);
  });

  it('removes the awareness of a closed client for the others at once', async () => {
    const { server } = await setup();
    const board = await server.createBoard();
    // Names others see come from the join parameters (the server binds them to the connection).
    const a = client(server.syncUrl, board, { name: 'Ann', color: '#aa0000' });
    const b = client(server.syncUrl, board, { name: 'Bo', color: '#0000aa' });
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    b.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 });
    const aId = a.doc.clientID;
    await waitFor(
      () => b.provider.awareness.getStates().get(aId)?.user?.name === 'Ann',
      'b sees a',
    );
    await waitFor(
      () => a.provider.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Bo',
      'a sees b',
    );
    // A late joiner is told about everyone present.
    const c = client(server.syncUrl, board);
    await c.synced;
    await waitFor(() => c.provider.awareness.getStates().has(aId), 'newcomer sees a');

    // Close a's socket without a goodbye: only the server can tell the others.
    a.provider.awareness.off('update', a.provider._awarenessUpdateHandler);
    a.provider.ws?.close();
    a.provider.shouldConnect = false;
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 'a gone for b', 2000);
    await waitFor(() => !c.provider.awareness.getStates().has(aId), 'a gone for c', 2000);
    expect(b.provider.awareness.getStates().has(b.doc.clientID)).toBe(true);
  });

  it('keeps many boards isolated', async () => {
    const { server } = await setup();
    const boards = await Promise.all(
      Array.from({ length: 8 }, (_, i) => server.createBoard(`B${i}`)),
    );
    const clients = boards.map(
      (board) => [client(server.syncUrl, board), client(server.syncUrl, board)] as const,
    );
    await Promise.all(clients.flatMap(([a, b]) => [a.synced, b.synced]));
    clients.forEach(([a], i) => a.doc.getArray<string>('items').push([`only ${i}`]));
    await waitFor(() => clients.every(([, b]) => items(b.doc).length === 1), 'every board');
    clients.forEach(([a, b], i) => {
      expect(items(a.doc)).toEqual([`only ${i}`]);
      expect(items(b.doc)).toEqual([`only ${i}`]);
      expect(b.doc.getMap('meta').get('title')).toBe(`B${i}`);
    });
  });
});
