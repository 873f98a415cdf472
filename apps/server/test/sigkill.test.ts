import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoardAt,
  killChildren,
  spawnServer,
  tempDir,
  waitFor,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  killChildren();
});

describe('durability', () => {
  it('keeps every update a client received after the server is SIGKILLed mid-stream', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { child, port } = await spawnServer({ DATA_DIR: dir.path });
    const board = await createBoardAt(`http://127.0.0.1:${port}`);
    const syncUrl = `ws://127.0.0.1:${port}/sync`;
    const writer = connectClient(syncUrl, board);
    const observer = connectClient(syncUrl, board);
    cleanups.push(
      () => writer.destroy(),
      () => observer.destroy(),
    );
    await Promise.all([writer.synced, observer.synced]);

    let sent = 0;
    let streaming = true;
    const stream = () => {
      if (!streaming) return;
      for (let i = 0; i < 5; i++) writer.doc.getMap<number>('stream').set(`k${sent}`, sent++);
      setTimeout(stream, 1);
    };
    stream();
    await waitFor(
      () => observer.doc.getMap('stream').size >= 400,
      'observer receives 400 updates',
      15_000,
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    streaming = false;
    // Everything the observer ever got came from the server; freeze it before anyone reconnects.
    const received = [...observer.doc.getMap<number>('stream').keys()];
    writer.destroy();
    observer.destroy();

    const restarted = await spawnServer({ DATA_DIR: dir.path });
    const reader = connectClient(`ws://127.0.0.1:${restarted.port}/sync`, board);
    cleanups.push(() => reader.destroy());
    await reader.synced;
    const stored = reader.doc.getMap<number>('stream');
    const missing = received.filter((key) => !stored.has(key));
    expect(missing).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(received.length);
    restarted.child.kill('SIGTERM');
    await new Promise((resolve) => restarted.child.once('exit', resolve));
  });
});
