import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '@qi/protocol';
import { createLogger } from '../log';
import { SqliteStorage } from '../storage/SqliteStorage';
import type { UpdateRecord } from '../storage/Storage';
import { initialState } from './boardDoc';
import { waitFor } from '../../test/helpers';
import { IDLE_TICK_MS, type AwarenessPace } from './AwarenessPace';
import { AWARENESS_COALESCE_ABOVE } from './Room';
import { RoomRegistry } from './RoomRegistry';
import type { SyncSocket } from './SyncSocket';
import { KEEPALIVE_FRAME, encodeAwareness, encodeSyncStep1, encodeSyncUpdate } from './wire';

class FakeSocket implements SyncSocket {
  sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  send(frame: Uint8Array): void {
    this.sent.push(frame);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
}

/** In-memory SQLite whose appends wait for `release()` while `hold` is set. */
class HeldStorage extends SqliteStorage {
  hold = false;
  private waiting: (() => void)[] = [];
  release(): void {
    this.hold = false;
    for (const resume of this.waiting.splice(0)) resume();
  }
  override async appendUpdates(records: readonly UpdateRecord[]): Promise<number[]> {
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return super.appendUpdates(records);
  }
}

const BOARD = 'RoomUnitTestBoardAAAAA';
const limits = {
  roomIdleMs: 60_000,
  compactMaxUpdates: 1000,
  compactMaxBytes: 1 << 30,
  maxMessageBytes: 1 << 20,
};
const registries: RoomRegistry[] = [];
afterEach(async () => {
  for (const registry of registries.splice(0)) await registry.close();
});

/** The pace of an idle process, fixed so a busy test runner does not change what is asserted. */
const IDLE: AwarenessPace = { atOnce: true, tickMs: IDLE_TICK_MS };

async function setup(pace = IDLE) {
  const storage = new HeldStorage(':memory:');
  await storage.createBoard({ id: BOARD, createdAt: 1 }, initialState('Unit'));
  const registry = new RoomRegistry(storage, limits, createLogger('silent'), undefined, pace);
  registries.push(registry);
  return { storage, registry };
}

type Member = Awaited<ReturnType<typeof join>>;

async function join(registry: RoomRegistry, canWrite = true) {
  const socket = new FakeSocket();
  const connection = registry.connect(BOARD, socket, { canWrite })!;
  await registry.peek(BOARD)!.loaded;
  return { socket, connection };
}

function kindOf(frame: Uint8Array): string {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type !== MessageType.sync) return ['sync', 'awareness', 'auth', 'query'][type]!;
  return ['step1', 'step2', 'update'][decoding.readVarUint(decoder)]!;
}

/** The (client id, clock, state) entries of an awareness frame. */
function entriesOf(frame: Uint8Array): [number, number, string][] {
  const message = decoding.createDecoder(frame);
  decoding.readVarUint(message);
  const update = decoding.createDecoder(decoding.readVarUint8Array(message));
  const entries: [number, number, string][] = [];
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    entries.push([
      decoding.readVarUint(update),
      decoding.readVarUint(update),
      decoding.readVarString(update),
    ]);
  }
  return entries;
}

function updateFrame(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>('items').push([text]);
  return encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encodeAwareness(encoding.toUint8Array(encoder));
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Room', () => {
  it('greets with step 1, stores before broadcasting, and encodes each broadcast once', async () => {
    const { storage, registry } = await setup();
    const a = await join(registry);
    const b = await join(registry);
    const c = await join(registry);
    expect(a.socket.sent.map(kindOf)).toEqual(['step1']);
    storage.hold = true;
    a.connection.receive(updateFrame('x'));
    await turn();
    expect(b.socket.sent.map(kindOf)).toEqual(['step1']);
    storage.release();
    await turn();
    expect(b.socket.sent.map(kindOf)).toEqual(['step1', 'update']);
    expect(b.socket.sent[1]).toBe(c.socket.sent[1]);
    expect(a.socket.sent.map(kindOf)).toEqual(['step1']);
    expect(storage.logStats(BOARD).updates).toBe(1);
  });

  it('calls afterBroadcast once per stored batch, after every room has sent it', async () => {
    const { storage, registry } = await setup();
    const a = await join(registry);
    const b = await join(registry);
    const seen: string[][] = [];
    registry.afterBroadcast = () => seen.push(b.socket.sent.map(kindOf));
    storage.hold = true;
    a.connection.receive(updateFrame('x'));
    a.connection.receive(updateFrame('y'));
    await turn();
    expect(seen).toEqual([]);
    storage.release();
    await waitFor(() => seen.length > 0, 'the hook');
    // Both updates of the turn were stored in one batch and sent before the hook ran.
    expect(seen).toEqual([['step1', 'update']]);
  });

  it('answers step 1 only once unsaved changes are stored, from a cached full state', async () => {
    const { storage, registry } = await setup();
    const writer = await join(registry);
    const a = await join(registry);
    const b = await join(registry);
    storage.hold = true;
    writer.connection.receive(updateFrame('x'));
    const empty = encodeSyncStep1(new Uint8Array([0]));
    a.connection.receive(empty);
    b.connection.receive(empty);
    await turn();
    expect(a.socket.sent.map(kindOf)).toEqual(['step1']);
    storage.release();
    await turn();
    expect(a.socket.sent.map(kindOf)).toEqual(['step1', 'update', 'step2']);
    expect(a.socket.sent[2]).toBe(b.socket.sent[2]);
    const doc = new Y.Doc();
    const step2 = decoding.createDecoder(a.socket.sent[2]!);
    decoding.readVarUint(step2);
    decoding.readVarUint(step2);
    Y.applyUpdate(doc, decoding.readVarUint8Array(step2));
    expect(doc.getArray('items').toArray()).toEqual(['x']);
    expect(doc.getMap('meta').get('title')).toBe('Unit');
  });

  it('releases a held answer once its changes are stored, whatever arrives later', async () => {
    const { storage, registry } = await setup();
    const writer = await join(registry);
    const reader = await join(registry);
    storage.hold = true;
    writer.connection.receive(updateFrame('x'));
    await turn(); // the append of 'x' is now in flight, held
    reader.connection.receive(encodeSyncStep1(new Uint8Array([0])));
    writer.connection.receive(updateFrame('y')); // waits for the next batch
    storage.release(); // stores 'x'; 'y' is appended in the following batch
    await new Promise<void>((resolve) => setImmediate(resolve));
    const step2 = reader.socket.sent.find((frame) => kindOf(frame) === 'step2');
    expect(step2).toBeDefined();
    const decoder = decoding.createDecoder(step2!);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    expect(doc.getArray('items').toArray()).toEqual(['x']);
  });

  it('broadcasts a batch of small updates merged, and each sender only the others', async () => {
    const { storage, registry } = await setup();
    const [a, b, reader] = [await join(registry), await join(registry), await join(registry)];
    storage.hold = true;
    a.connection.receive(updateFrame('from a'));
    b.connection.receive(updateFrame('from b'));
    await turn();
    storage.release();
    await waitFor(() => reader.socket.sent.length > 1, 'the broadcast');
    await turn();
    const itemsOf = (frames: Uint8Array[]) => {
      const doc = new Y.Doc();
      for (const frame of frames.filter((f) => kindOf(f) === 'update')) {
        const decoder = decoding.createDecoder(frame);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      }
      return doc.getArray('items').toArray().sort();
    };
    expect(reader.socket.sent.map(kindOf)).toEqual(['step1', 'update']);
    expect(itemsOf(reader.socket.sent)).toEqual(['from a', 'from b']);
    expect(itemsOf(a.socket.sent)).toEqual(['from b']);
    expect(itemsOf(b.socket.sent)).toEqual(['from a']);
  });

  it('drops document changes from read-only connections', async () => {
    const { storage, registry } = await setup();
    const observer = await join(registry, false);
    const other = await join(registry);
    observer.connection.receive(updateFrame('nope'));
    await turn();
    expect(other.socket.sent.map(kindOf)).toEqual(['step1']);
    expect(storage.logStats(BOARD).updates).toBe(0);
    expect(observer.socket.closed).toBeNull();
  });

  it('forwards awareness to others only, replays it to newcomers, removes it on close', async () => {
    const { registry } = await setup();
    const a = await join(registry);
    const b = await join(registry);
    const frame = awarenessFrame(42, 1, { user: { name: 'Ann', color: '#aa0000' } });
    a.connection.receive(frame);
    expect(a.socket.sent.map(kindOf)).toEqual(['step1']);
    expect(b.socket.sent.at(-1)).toBe(frame);
    // Stale (same clock) updates are not forwarded.
    a.connection.receive(frame);
    expect(b.socket.sent.filter((f) => kindOf(f) === 'awareness')).toHaveLength(1);
    const c = await join(registry);
    expect(c.socket.sent.map(kindOf)).toEqual(['step1', 'awareness']);
    a.connection.closedByTransport();
    const removal = decoding.createDecoder(b.socket.sent.at(-1)!);
    expect(decoding.readVarUint(removal)).toBe(MessageType.awareness);
    const update = decoding.createDecoder(decoding.readVarUint8Array(removal));
    expect([
      decoding.readVarUint(update),
      decoding.readVarUint(update),
      decoding.readVarUint(update),
      decoding.readVarString(update),
    ]).toEqual([1, 42, 2, 'null']);
    const d = await join(registry);
    expect(d.socket.sent.map(kindOf)).toEqual(['step1']);
  });

  it('coalesces awareness of a big room into one tick message of the latest entries', async () => {
    const { registry } = await setup();
    const members = [];
    for (let i = 0; i <= AWARENESS_COALESCE_ABOVE; i++) members.push(await join(registry));
    const [a, b, watcher] = members as [Member, Member, Member];
    a.connection.receive(awarenessFrame(1, 1, { cursor: { x: 1 } }));
    a.connection.receive(awarenessFrame(1, 2, { cursor: { x: 2 } }));
    b.connection.receive(awarenessFrame(2, 1, { cursor: { x: 9 } }));
    expect(watcher.socket.sent.map(kindOf)).toEqual(['step1']);
    const awarenessOf = (member: Member) =>
      member.socket.sent.filter((f) => kindOf(f) === 'awareness');
    await waitFor(() => awarenessOf(watcher).length > 0, 'the tick');
    const sent = awarenessOf(watcher);
    expect(sent).toHaveLength(1);
    // One frame, the same bytes for everyone, senders included.
    expect(a.socket.sent.at(-1)).toBe(sent[0]);
    expect(entriesOf(sent[0]!)).toEqual([
      [1, 2, '{"cursor":{"x":2}}'],
      [2, 1, '{"cursor":{"x":9}}'],
    ]);
  });

  it("forwards a small room's first awareness change at once, collects the next into a tick", async () => {
    const { registry } = await setup();
    const [a, b, watcher] = [await join(registry), await join(registry), await join(registry)];
    const awarenessOf = (member: Member) =>
      member.socket.sent.filter((f) => kindOf(f) === 'awareness');
    const first = awarenessFrame(1, 1, { cursor: { x: 1 } });
    a.connection.receive(first);
    expect(awarenessOf(watcher)).toEqual([first]);
    a.connection.receive(awarenessFrame(1, 2, { cursor: { x: 2 } }));
    a.connection.receive(awarenessFrame(1, 3, { cursor: { x: 3 } }));
    b.connection.receive(awarenessFrame(2, 1, { cursor: { x: 9 } }));
    expect(awarenessOf(watcher)).toHaveLength(1);
    await waitFor(() => awarenessOf(watcher).length === 2, 'the tick');
    const tick = awarenessOf(watcher)[1]!;
    expect(entriesOf(tick)).toEqual([
      [1, 3, '{"cursor":{"x":3}}'],
      [2, 1, '{"cursor":{"x":9}}'],
    ]);
    expect(a.socket.sent.at(-1)).toBe(tick);
    // Busy ticks keep collecting: a change right after a tick waits for the next one.
    a.connection.receive(awarenessFrame(1, 4, { cursor: { x: 4 } }));
    expect(awarenessOf(watcher)).toHaveLength(2);
    await waitFor(() => awarenessOf(watcher).length === 3, 'the next tick');
    expect(entriesOf(awarenessOf(watcher)[2]!)).toEqual([[1, 4, '{"cursor":{"x":4}}']]);
  });

  it('while the process is busy, collects the first change too and spares a lone mover its own tick', async () => {
    const { registry } = await setup({ atOnce: false, tickMs: 30 });
    const [a, b, watcher] = [await join(registry), await join(registry), await join(registry)];
    const awarenessOf = (member: Member) =>
      member.socket.sent.filter((f) => kindOf(f) === 'awareness');
    a.connection.receive(awarenessFrame(1, 1, { cursor: { x: 1 } }));
    a.connection.receive(awarenessFrame(1, 2, { cursor: { x: 2 } }));
    expect(awarenessOf(watcher)).toEqual([]);
    await waitFor(() => awarenessOf(watcher).length === 1, 'the tick');
    expect(entriesOf(awarenessOf(watcher)[0]!)).toEqual([[1, 2, '{"cursor":{"x":2}}']]);
    expect(awarenessOf(b)).toEqual(awarenessOf(watcher));
    // The tick held only a's own entry, which a already has: nothing went back to it.
    expect(awarenessOf(a)).toEqual([]);
    // Two movers in one tick: each gets the other's entry, so both get the tick.
    a.connection.receive(awarenessFrame(1, 3, { cursor: { x: 3 } }));
    b.connection.receive(awarenessFrame(2, 1, { cursor: { x: 9 } }));
    await waitFor(() => awarenessOf(watcher).length === 2, 'the next tick');
    expect(entriesOf(awarenessOf(a)[0]!)).toEqual([
      [1, 3, '{"cursor":{"x":3}}'],
      [2, 1, '{"cursor":{"x":9}}'],
    ]);
    expect(awarenessOf(b).at(-1)).toBe(awarenessOf(a)[0]);
  });

  it('sends a stored change on its own; collected awareness keeps to its tick', async () => {
    const { registry } = await setup({ atOnce: false, tickMs: 50 });
    const [a, b, watcher] = [await join(registry), await join(registry), await join(registry)];
    a.connection.receive(awarenessFrame(1, 1, { cursor: { x: 1 } }));
    b.connection.receive(updateFrame('hello'));
    await waitFor(() => watcher.socket.sent.some((f) => kindOf(f) === 'update'), 'the update');
    // Clients read the change first, without the room's cursors in front of the next socket's.
    expect(watcher.socket.sent.map(kindOf)).toEqual(['step1', 'update']);
    await waitFor(() => watcher.socket.sent.length === 3, 'the tick');
    expect(watcher.socket.sent.map(kindOf)).toEqual(['step1', 'update', 'awareness']);
    expect(entriesOf(watcher.socket.sent[2]!)).toEqual([[1, 1, '{"cursor":{"x":1}}']]);
  });

  it('answers query-awareness with every live state', async () => {
    const { registry } = await setup();
    const a = await join(registry);
    const b = await join(registry);
    a.connection.receive(awarenessFrame(5, 3, { user: { name: 'Cy' } }));
    b.connection.receive(new Uint8Array([MessageType.queryAwareness]));
    const answer = decoding.createDecoder(b.socket.sent.at(-1)!);
    expect(decoding.readVarUint(answer)).toBe(MessageType.awareness);
    const update = decoding.createDecoder(decoding.readVarUint8Array(answer));
    expect([
      decoding.readVarUint(update),
      decoding.readVarUint(update),
      decoding.readVarUint(update),
      JSON.parse(decoding.readVarString(update)),
    ]).toEqual([1, 5, 3, { user: { name: 'Cy' } }]);
  });

  it('does not remove a client id that another connection published since', async () => {
    const { registry } = await setup();
    const old = await join(registry);
    const fresh = await join(registry);
    const watcher = await join(registry);
    old.connection.receive(awarenessFrame(7, 1, { user: { name: 'Bo' } }));
    fresh.connection.receive(awarenessFrame(7, 2, { user: { name: 'Bo' } }));
    const before = watcher.socket.sent.length;
    old.connection.closedByTransport();
    expect(watcher.socket.sent.length).toBe(before);
  });

  it('sends a keep-alive only to connections that heard nothing since the last tick', async () => {
    const { registry } = await setup();
    const a = await join(registry);
    const b = await join(registry);
    const room = registry.peek(BOARD)!;
    room.keepAlive(KEEPALIVE_FRAME);
    b.connection.receive(awarenessFrame(1, 1, {}));
    room.keepAlive(KEEPALIVE_FRAME);
    expect(a.socket.sent.filter((f) => f === KEEPALIVE_FRAME)).toHaveLength(0);
    expect(b.socket.sent.filter((f) => f === KEEPALIVE_FRAME)).toHaveLength(1);
  });

  it('closes with 1013 when the stored state cannot be read, and forgets the room', async () => {
    const storage = new HeldStorage(':memory:');
    await storage.createBoard({ id: BOARD, createdAt: 1 }, new Uint8Array([1, 2, 3]));
    const registry = new RoomRegistry(storage, limits, createLogger('silent'), undefined, IDLE);
    registries.push(registry);
    const socket = new FakeSocket();
    registry.connect(BOARD, socket, { canWrite: true });
    await registry.peek(BOARD)?.loaded;
    expect(socket.closed?.code).toBe(CloseCode.tryAgainLater);
    expect(registry.peek(BOARD)).toBeUndefined();
  });

  it('closes an unknown board with permission denied and 4404', async () => {
    const { registry } = await setup();
    const socket = new FakeSocket();
    registry.connect('UnknownBoardAAAAAAAAAA', socket, { canWrite: true });
    await registry.peek('UnknownBoardAAAAAAAAAA')?.loaded;
    expect(socket.sent.map(kindOf)).toEqual(['auth']);
    expect(socket.closed?.code).toBe(CloseCode.boardNotFound);
    expect(registry.peek('UnknownBoardAAAAAAAAAA')).toBeUndefined();
  });

  it('keeps changes and retries when storage fails, broadcasting only once stored', async () => {
    const { storage, registry } = await setup();
    const a = await join(registry);
    const b = await join(registry);
    const append = storage.appendUpdates.bind(storage);
    let failures = 2;
    storage.appendUpdates = async (records) => {
      if (failures-- > 0) throw new Error('disk full');
      return append(records);
    };
    a.connection.receive(updateFrame('kept'));
    // The flush was queued first (setImmediate), so one turn later the append has failed.
    await turn();
    expect(b.socket.sent.map(kindOf)).toEqual(['step1']);
    expect(registry.storageHealthy).toBe(false);
    const deadline = Date.now() + 2000;
    while (b.socket.sent.length < 2 && Date.now() < deadline) await turn();
    expect(b.socket.sent.map(kindOf)).toEqual(['step1', 'update']);
    expect(storage.logStats(BOARD).updates).toBe(1);
    expect(registry.storageHealthy).toBe(true);
  });
});
