import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docFromStored } from '../sync/boardDoc';
import type { Storage } from './Storage';

/** How a conformance run gets storages: `open()` a fresh one, `reopen(s)` the same data again. */
export interface StorageHarness<S extends Storage> {
  open(): Promise<S>;
  /** A second instance on the same data as `storage` (another process, or after a restart). */
  reopen(storage: S): Promise<S>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

/**
 * The guarantees of the Storage interface, run against every implementation (SQLite always,
 * Postgres when DATABASE_URL is set). Board ids are random, so runs sharing a database never collide.
 */
export function describeStorageConformance<S extends Storage>(
  name: string,
  harness: StorageHarness<S>,
): void {
  describe(`${name} (storage conformance)`, () => {
    const opened: S[] = [];
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
    });
    const open = async () => {
      const storage = await harness.open();
      opened.push(storage);
      return storage;
    };
    const reopen = async (storage: S) => {
      const again = await harness.reopen(storage);
      opened.push(again);
      return again;
    };
    const id = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

    it('creates boards with their initial state and refuses duplicate ids', async () => {
      const storage = await open();
      const b1 = id('b1');
      await storage.createBoard({ id: b1, createdAt: 1000 }, bytes(1, 2));
      expect(await storage.getBoard(b1)).toEqual({ id: b1, createdAt: 1000 });
      expect(await storage.getBoard(id('nope'))).toBeNull();
      expect(await storage.loadBoard(id('nope'))).toBeNull();
      const loaded = await storage.loadBoard(b1);
      expect(loaded).toMatchObject({
        id: b1,
        createdAt: 1000,
        updates: [],
        lastSeq: 0,
        updateBytes: 0,
      });
      expect([...loaded!.snapshot!]).toEqual([1, 2]);
      await expect(storage.createBoard({ id: b1, createdAt: 2 }, bytes())).rejects.toThrow();
      expect((await storage.listBoards()).find((board) => board.id === b1)).toEqual({
        id: b1,
        createdAt: 1000,
      });
    });

    it('appends batches across boards with growing sequence numbers, loaded in order', async () => {
      const storage = await open();
      const [a, b] = [id('a'), id('b')];
      await storage.createBoard({ id: a, createdAt: 1 }, bytes());
      await storage.createBoard({ id: b, createdAt: 1 }, bytes());
      const seqs = await storage.appendUpdates([
        { boardId: a, update: bytes(1) },
        { boardId: b, update: bytes(2, 2) },
        { boardId: a, update: bytes(3, 3, 3) },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
      const loadedA = await storage.loadBoard(a);
      expect(loadedA!.updates.map((u) => [...u])).toEqual([[1], [3, 3, 3]]);
      expect(loadedA!.lastSeq).toBe(seqs[2]);
      expect(loadedA!.updateBytes).toBe(4);
      const loadedB = await storage.loadBoard(b);
      expect(loadedB!.updates.map((u) => [...u])).toEqual([[2, 2]]);
      expect(await storage.appendUpdates([])).toEqual([]);
    });

    it('rolls back a whole batch when one record fails', async () => {
      const storage = await open();
      const a = id('a');
      await storage.createBoard({ id: a, createdAt: 1 }, bytes());
      await expect(
        storage.appendUpdates([
          { boardId: a, update: bytes(1) },
          { boardId: id('missing'), update: bytes(2) },
        ]),
      ).rejects.toThrow();
      expect((await storage.loadBoard(a))!.updates).toEqual([]);
    });

    it('compacts: replaces the snapshot and deletes only the covered updates', async () => {
      const storage = await open();
      const a = id('a');
      await storage.createBoard({ id: a, createdAt: 1 }, bytes(0));
      const [s1, s2] = await storage.appendUpdates([
        { boardId: a, update: bytes(1) },
        { boardId: a, update: bytes(2) },
      ]);
      const [s3] = await storage.appendUpdates([{ boardId: a, update: bytes(3) }]);
      await storage.compact(a, bytes(9, 9), s2!);
      const loaded = await storage.loadBoard(a);
      expect([...loaded!.snapshot!]).toEqual([9, 9]);
      expect(loaded!.updates.map((u) => [...u])).toEqual([[3]]);
      expect(loaded!.lastSeq).toBe(s3);
      // An older compaction arriving late never replaces the newer snapshot.
      await storage.compact(a, bytes(7), s1!);
      const late = await storage.loadBoard(a);
      expect([...late!.snapshot!]).toEqual([9, 9]);
      expect(late!.updates.map((u) => [...u])).toEqual([[3]]);
      await storage.compact(a, bytes(8), s3!);
      const after = await storage.loadBoard(a);
      expect([...after!.snapshot!]).toEqual([8]);
      expect(after!.updates).toEqual([]);
      expect(after!.lastSeq).toBe(s3);
    });

    it('keeps everything across a reopen, and sequence numbers keep growing', async () => {
      const first = await open();
      const a = id('a');
      await first.createBoard({ id: a, createdAt: 5 }, bytes(1));
      const [seq] = await first.appendUpdates([{ boardId: a, update: bytes(2) }]);
      await first.compact(a, bytes(3), seq!);
      const second = await reopen(first);
      await first.close();
      const loaded = await second.loadBoard(a);
      expect([...loaded!.snapshot!]).toEqual([3]);
      const [next] = await second.appendUpdates([{ boardId: a, update: bytes(4) }]);
      expect(next!).toBeGreaterThan(seq!);
    });

    it('loses nothing when two instances append while a third compacts from what it loaded', async () => {
      const writerA = await open();
      const writerB = await reopen(writerA);
      const compactor = await reopen(writerA);
      const board = id('shared');
      await writerA.createBoard({ id: board, createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()));
      const write = async (storage: S, prefix: string) => {
        const doc = new Y.Doc();
        for (let i = 0; i < 40; i++) {
          let update: Uint8Array | null = null;
          doc.once('update', (u: Uint8Array) => (update = u));
          doc.getMap<number>('m').set(`${prefix}${i}`, i);
          await storage.appendUpdates([{ boardId: board, update: update! }]);
        }
      };
      let writing = true;
      const compactLoop = async () => {
        while (writing) {
          const stored = (await compactor.loadBoard(board))!;
          const doc = docFromStored(stored);
          await compactor.compact(board, Y.encodeStateAsUpdate(doc), stored.lastSeq);
          doc.destroy();
        }
      };
      const compacting = compactLoop();
      await Promise.all([write(writerA, 'a'), write(writerB, 'b')]);
      writing = false;
      await compacting;
      const doc = docFromStored((await writerA.loadBoard(board))!);
      expect(doc.getMap('m').size).toBe(80);
    });

    it('stores invite links, lists them per board and revokes each once', async () => {
      const storage = await open();
      const board = id('links');
      const other = id('other');
      await storage.createBoard({ id: board, createdAt: 1 }, bytes());
      await storage.createBoard({ id: other, createdAt: 1 }, bytes());
      const link = (suffix: string, createdAt: number, boardId = board) => ({
        id: `${suffix}${randomBytes(6).toString('hex')}`.slice(0, 16).padEnd(16, 'x'),
        boardId,
        role: 'patient' as const,
        createdAt,
        expiresAt: null,
        revokedAt: null,
      });
      const first = link('a', 10);
      const second = { ...link('b', 20), role: 'observer' as const, expiresAt: 5000 };
      const elsewhere = link('c', 5, other);
      for (const record of [second, first, elsewhere]) await storage.createLink(record);
      await expect(storage.createLink(first)).rejects.toThrow();
      expect(await storage.getLink(second.id)).toEqual(second);
      expect(await storage.getLink('zzzzzzzzzzzzzzzz')).toBeNull();
      expect(await storage.listLinks(board)).toEqual([first, second]);
      expect(await storage.revokeLink(other, first.id, 99)).toBe(false);
      expect(await storage.revokeLink(board, first.id, 99)).toBe(true);
      expect(await storage.revokeLink(board, first.id, 100)).toBe(false);
      expect(await storage.getLink(first.id)).toEqual({ ...first, revokedAt: 99 });
    });

    it('keeps private workshop items per scope and owner, replaces only the owner’s, deletes by scope', async () => {
      const storage = await open();
      const board = id('workshop');
      const other = id('other');
      await storage.createBoard({ id: board, createdAt: 1 }, bytes());
      await storage.createBoard({ id: other, createdAt: 1 }, bytes());
      expect(await storage.claimWorkshopScope(board, 'idea', 'r1', 1)).toBeNull();
      expect(await storage.claimWorkshopScope(board, 'ballot', 'v1', 1)).toBeNull();
      const item = (itemId: string, participantKey: string, createdAt: number, scopeId = 'r1') => ({
        boardId: board,
        kind: 'idea' as const,
        scopeId,
        id: itemId,
        participantKey,
        body: JSON.stringify({ text: `${itemId} by ${participantKey}` }),
        createdAt,
      });
      const a1 = item('i1', 'alice', 20);
      const a2 = item('i2', 'alice', 10);
      const b1 = item('i3', 'bob', 15);
      const ballot = { ...item('alice', 'alice', 30), kind: 'ballot' as const, scopeId: 'v1' };
      for (const record of [a1, a2, b1, ballot]) {
        expect(await storage.putWorkshopItem(record)).toBe('stored');
      }
      // Only the claimed scope takes items; a missing board has none.
      expect(await storage.putWorkshopItem(item('i4', 'alice', 5, 'r2'))).toBe('closed');
      expect(await storage.putWorkshopItem({ ...a1, boardId: id('missing') })).toBe('closed');
      expect(await storage.listWorkshopItems(board, 'idea', 'r1')).toEqual([a2, b1, a1]);
      expect(await storage.listWorkshopItems(board, 'idea', 'r1', 'alice')).toEqual([a2, a1]);
      expect(await storage.listWorkshopItems(board, 'idea', 'r2')).toEqual([]);
      expect(await storage.listWorkshopItems(other, 'idea', 'r1')).toEqual([]);
      expect(await storage.listWorkshopItems(board, 'ballot', 'v1')).toEqual([ballot]);

      // Replacing keeps the creation time; another participant cannot take an id over.
      expect(await storage.putWorkshopItem({ ...a1, body: '"edited"', createdAt: 99 })).toBe(
        'stored',
      );
      expect(await storage.putWorkshopItem({ ...a1, participantKey: 'bob', body: '"x"' })).toBe(
        'taken',
      );
      expect(await storage.listWorkshopItems(board, 'idea', 'r1', 'alice')).toEqual([
        a2,
        { ...a1, body: '"edited"' },
      ]);

      expect(await storage.deleteWorkshopItem(board, 'idea', 'r1', 'i3', 'alice')).toBe(false);
      expect(await storage.deleteWorkshopItem(board, 'idea', 'r1', 'i3', 'bob')).toBe(true);
      expect(await storage.deleteWorkshopItems(board, 'idea', 'r1')).toBe(2);
      expect(await storage.listWorkshopItems(board, 'idea', 'r1')).toEqual([]);
      expect(await storage.listWorkshopItems(board, 'ballot', 'v1')).toEqual([ballot]);
      // Without a scope: every item of that kind on the board.
      expect(await storage.putWorkshopItem(a1)).toBe('stored');
      expect(await storage.claimWorkshopScope(other, 'idea', 'r1', 1)).toBeNull();
      expect(await storage.putWorkshopItem({ ...a1, boardId: other })).toBe('stored');
      expect(await storage.deleteWorkshopItems(board, 'idea')).toBe(1);
      expect(await storage.listWorkshopItems(board, 'idea', 'r1')).toEqual([]);
      expect(await storage.listWorkshopItems(board, 'ballot', 'v1')).toEqual([ballot]);
      expect(await storage.listWorkshopItems(other, 'idea', 'r1')).toHaveLength(1);
    });

    it('claims one workshop scope per board and kind, moves its phase, stores items only while it is open, releases it with its items', async () => {
      const storage = await open();
      const board = id('scopes');
      const other = id('other');
      await storage.createBoard({ id: board, createdAt: 1 }, bytes());
      await storage.createBoard({ id: other, createdAt: 1 }, bytes());
      const r1 = { boardId: board, kind: 'idea', scopeId: 'r1', phase: 'opening', claimedAt: 10 };
      expect(await storage.claimWorkshopScope(board, 'idea', 'r1', 10)).toBeNull();
      expect(await storage.claimWorkshopScope(board, 'idea', 'r2', 11)).toEqual(r1);
      expect(await storage.claimWorkshopScope(board, 'ballot', 'v1', 12)).toBeNull();
      expect(await storage.claimWorkshopScope(other, 'idea', 'r2', 13)).toBeNull();
      expect(await storage.getWorkshopScope(board, 'idea')).toEqual(r1);
      expect(await storage.getWorkshopScope(other, 'ballot')).toBeNull();
      await expect(storage.claimWorkshopScope(id('missing'), 'idea', 'r', 1)).rejects.toThrow();

      const idea = (itemId: string, scopeId = 'r1') => ({
        boardId: board,
        kind: 'idea' as const,
        scopeId,
        id: itemId,
        participantKey: 'alice',
        body: `"${itemId}"`,
        createdAt: 1,
      });
      expect(await storage.putWorkshopItem(idea('i1'))).toBe('stored');
      expect(await storage.setWorkshopScopePhase(board, 'idea', 'r1', 'open')).toBe('opening');
      expect(await storage.setWorkshopScopePhase(board, 'idea', 'r2', 'open')).toBeNull();
      expect(await storage.getWorkshopScope(board, 'idea')).toEqual({ ...r1, phase: 'open' });
      expect(await storage.putWorkshopItem(idea('i2'))).toBe('stored');
      expect(await storage.putWorkshopItem(idea('i3', 'r2'))).toBe('closed');
      expect(await storage.setWorkshopScopePhase(board, 'idea', 'r1', 'closing')).toBe('open');
      expect(await storage.putWorkshopItem(idea('i4'))).toBe('closed');
      expect(await storage.putWorkshopItem({ ...idea('i1'), body: '"edited"' })).toBe('closed');
      expect(await storage.listWorkshopItems(board, 'idea', 'r1')).toEqual([
        idea('i1'),
        idea('i2'),
      ]);

      expect(await storage.releaseWorkshopScope(board, 'idea', 'r2')).toBe(false);
      expect(await storage.getWorkshopScope(board, 'idea')).toMatchObject({ scopeId: 'r1' });
      expect(await storage.releaseWorkshopScope(board, 'idea', 'r1')).toBe(true);
      expect(await storage.listWorkshopItems(board, 'idea', 'r1')).toEqual([]);
      expect(await storage.getWorkshopScope(board, 'idea')).toBeNull();
      expect(await storage.releaseWorkshopScope(board, 'idea', 'r1')).toBe(false);
      expect(await storage.claimWorkshopScope(board, 'idea', 'r2', 20)).toBeNull();
      expect(await storage.getWorkshopScope(board, 'ballot')).toMatchObject({ scopeId: 'v1' });
    });

    it('lets exactly one of two instances claim a board’s scope at once', async () => {
      const first = await open();
      const second = await reopen(first);
      const board = id('race');
      await first.createBoard({ id: board, createdAt: 1 }, bytes());
      for (let i = 0; i < 10; i++) {
        const answers = await Promise.all([
          first.claimWorkshopScope(board, 'ballot', `a${i}`, i),
          second.claimWorkshopScope(board, 'ballot', `b${i}`, i),
        ]);
        const winner = answers[0] === null ? `a${i}` : `b${i}`;
        expect(answers.filter((answer) => answer === null)).toHaveLength(1);
        expect(answers.find((answer) => answer !== null)).toMatchObject({ scopeId: winner });
        expect(await second.releaseWorkshopScope(board, 'ballot', winner)).toBe(true);
      }
    });

    it('stores no item once a closing phase change has committed, and every item stored before it is read after it', async () => {
      const writerA = await open();
      const writerB = await reopen(writerA);
      const closer = await reopen(writerA);
      // A few times over: a broken implementation loses the race only now and then.
      for (let run = 0; run < 5; run++) {
        const board = id('closing');
        await writerA.createBoard({ id: board, createdAt: 1 }, bytes());
        await writerA.claimWorkshopScope(board, 'ballot', 'v', 1);
        await writerA.setWorkshopScopePhase(board, 'ballot', 'v', 'open');
        const ballot = (itemId: string) => ({
          boardId: board,
          kind: 'ballot' as const,
          scopeId: 'v',
          id: itemId,
          participantKey: itemId,
          body: '{}',
          createdAt: 1,
        });
        // Two writers store ballots one after another until they are refused; the close comes
        // once ten are stored, while both are still writing.
        const stored: string[] = [];
        let tenStored!: () => void;
        const ten = new Promise<void>((resolve) => (tenStored = resolve));
        const write = async (writer: S, prefix: string) => {
          for (let n = 0; ; n++) {
            const put = await writer.putWorkshopItem(ballot(`${prefix}${n}`));
            if (put === 'closed') return;
            expect(put).toBe('stored');
            stored.push(`${prefix}${n}`);
            if (stored.length === 10) tenStored();
          }
        };
        const writing = Promise.all([write(writerA, 'a'), write(writerB, 'b')]);
        await ten;
        expect(await closer.setWorkshopScopePhase(board, 'ballot', 'v', 'closing')).toBe('open');
        const readAtClose = await closer.listWorkshopItems(board, 'ballot', 'v');
        await writing;
        expect(readAtClose.map((item) => item.id).sort()).toEqual([...stored].sort());
        expect(await closer.listWorkshopItems(board, 'ballot', 'v')).toHaveLength(stored.length);
      }
    });

    it('ping answers while open and rejects once closed', async () => {
      const storage = await open();
      await expect(storage.ping()).resolves.toBeUndefined();
      await storage.close();
      await expect(storage.ping()).rejects.toThrow();
    });
  });
}
