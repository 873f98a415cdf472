import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from './SqliteStorage';

const dirs: string[] = [];
const opened: SqliteStorage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir?: string): { storage: SqliteStorage; dir: string } {
  const path = dir ?? mkdtempSync(join(tmpdir(), 'qi-sqlite-'));
  if (!dir) dirs.push(path);
  const storage = new SqliteStorage(path);
  opened.push(storage);
  return { storage, dir: path };
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe('SqliteStorage', () => {
  it('creates boards with their initial state and refuses duplicate ids', async () => {
    const { storage } = open();
    await storage.createBoard({ id: 'b1', createdAt: 1000 }, bytes(1, 2));
    expect(await storage.getBoard('b1')).toEqual({ id: 'b1', createdAt: 1000 });
    expect(await storage.getBoard('nope')).toBeNull();
    expect(await storage.loadBoard('nope')).toBeNull();
    const loaded = await storage.loadBoard('b1');
    expect(loaded).toMatchObject({
      id: 'b1',
      createdAt: 1000,
      updates: [],
      lastSeq: 0,
      updateBytes: 0,
    });
    expect([...loaded!.snapshot!]).toEqual([1, 2]);
    await expect(storage.createBoard({ id: 'b1', createdAt: 2 }, bytes())).rejects.toThrow();
  });

  it('appends batches across boards with growing sequence numbers, loaded in order', async () => {
    const { storage } = open();
    await storage.createBoard({ id: 'a', createdAt: 1 }, bytes());
    await storage.createBoard({ id: 'b', createdAt: 1 }, bytes());
    const seqs = await storage.appendUpdates([
      { boardId: 'a', update: bytes(1) },
      { boardId: 'b', update: bytes(2, 2) },
      { boardId: 'a', update: bytes(3, 3, 3) },
    ]);
    expect(seqs).toHaveLength(3);
    expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
    const a = await storage.loadBoard('a');
    expect(a!.updates.map((u) => [...u])).toEqual([[1], [3, 3, 3]]);
    expect(a!.lastSeq).toBe(seqs[2]);
    expect(a!.updateBytes).toBe(4);
    expect(storage.logStats('b')).toEqual({ updates: 1, bytes: 2 });
  });

  it('rolls back a whole batch when one record fails', async () => {
    const { storage } = open();
    await storage.createBoard({ id: 'a', createdAt: 1 }, bytes());
    await expect(
      storage.appendUpdates([
        { boardId: 'a', update: bytes(1) },
        { boardId: 'missing', update: bytes(2) },
      ]),
    ).rejects.toThrow();
    expect(storage.logStats('a').updates).toBe(0);
  });

  it('compacts: replaces the snapshot and deletes only the covered updates', async () => {
    const { storage } = open();
    await storage.createBoard({ id: 'a', createdAt: 1 }, bytes(0));
    const [s1, s2] = await storage.appendUpdates([
      { boardId: 'a', update: bytes(1) },
      { boardId: 'a', update: bytes(2) },
    ]);
    const [s3] = await storage.appendUpdates([{ boardId: 'a', update: bytes(3) }]);
    await storage.compact('a', bytes(9, 9), s2!);
    const loaded = await storage.loadBoard('a');
    expect([...loaded!.snapshot!]).toEqual([9, 9]);
    expect(loaded!.updates.map((u) => [...u])).toEqual([[3]]);
    expect(loaded!.lastSeq).toBe(s3);
    // An older compaction arriving late never replaces the newer snapshot.
    await storage.compact('a', bytes(7), s1!);
    expect([...(await storage.loadBoard('a'))!.snapshot!]).toEqual([9, 9]);
    await storage.compact('a', bytes(8), s3!);
    const after = await storage.loadBoard('a');
    expect([...after!.snapshot!]).toEqual([8]);
    expect(after!.updates).toEqual([]);
    expect(after!.lastSeq).toBe(s3);
  });

  it('keeps everything across a reopen, and sequence numbers keep growing', async () => {
    const first = open();
    await first.storage.createBoard({ id: 'a', createdAt: 5 }, bytes(1));
    const [seq] = await first.storage.appendUpdates([{ boardId: 'a', update: bytes(2) }]);
    await first.storage.compact('a', bytes(3), seq!);
    await first.storage.close();
    const second = open(first.dir);
    const loaded = await second.storage.loadBoard('a');
    expect([...loaded!.snapshot!]).toEqual([3]);
    const [next] = await second.storage.appendUpdates([{ boardId: 'a', update: bytes(4) }]);
    expect(next!).toBeGreaterThan(seq!);
  });

  it('ping answers while open and rejects once closed', async () => {
    const { storage } = open();
    await expect(storage.ping()).resolves.toBeUndefined();
    await storage.close();
    await expect(storage.ping()).rejects.toThrow();
  });
});
