import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from './SqliteStorage';
import { describeStorageConformance } from './storageConformance';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Which directory each open SqliteStorage uses, so `reopen` opens the same file. */
const dirOf = new WeakMap<SqliteStorage, string>();

function openIn(dir: string): SqliteStorage {
  const storage = new SqliteStorage(dir);
  dirOf.set(storage, dir);
  return storage;
}

describeStorageConformance('SqliteStorage', {
  open: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qi-sqlite-'));
    dirs.push(dir);
    return openIn(dir);
  },
  reopen: async (storage) => openIn(dirOf.get(storage)!),
});

describe('SqliteStorage', () => {
  it('reports the size of a board log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qi-sqlite-'));
    dirs.push(dir);
    const storage = new SqliteStorage(dir);
    await storage.createBoard({ id: 'b', createdAt: 1 }, new Uint8Array());
    await storage.appendUpdates([{ boardId: 'b', update: new Uint8Array([2, 2]) }]);
    expect(storage.logStats('b')).toEqual({ updates: 1, bytes: 2 });
    await storage.close();
  });
});
