import { BenchClient } from './BenchClient';
import { Histogram, cpuMs, until } from './stats';
import type { Target } from './targets';

/** What loading a big board into fresh clients cost. */
export interface ColdLoadResult {
  entries: number;
  stateBytes: number;
  /** One fresh client at a time: time until the full state has arrived, and server CPU per sync. */
  single: Histogram;
  /** The same, until the client has also applied it (client-side Yjs work included). */
  singleApplied: Histogram;
  cpuMsPerSync: number;
  /** All `concurrent` fresh clients at once: time until the last one has its full state. */
  concurrentMs: number;
  concurrent: number;
  /** Ours only: a fresh client's sync once the board was unloaded (read from storage), in ms. */
  fromStorageMs: number;
}

export interface ColdLoadOptions {
  entries: number;
  singles: number;
  concurrent: number;
  /**
   * Also build the same board in one update (ours only) and measure both side by side: their
   * single syncs alternate, so the machine's noise falls on both alike (history independence).
   */
  withOneUpdate?: boolean;
}

/** A board built for the cold load, its builder still connected. */
interface ColdBoard {
  room: string;
  builder: BenchClient;
  stateBytes: number;
}

/**
 * Builds a board of `entries` entries (~200 bytes each) from that many small updates (or in
 * one), then measures fresh clients loading it. The builder stays connected so peers that keep
 * nothing on disk still hold the document. Returns one result per board built.
 */
export async function runColdLoad(
  target: Target,
  { entries, singles, concurrent, withOneUpdate = false }: ColdLoadOptions,
): Promise<ColdLoadResult[]> {
  const open = (room: string, deferStep2 = false): BenchClient =>
    new BenchClient({
      url: target.wsUrl,
      room,
      framing: target.framing,
      echoRemoteAwareness: false,
      deferStep2,
    });
  const boards = [await buildBoard(target, entries, false)];
  if (withOneUpdate) boards.push(await buildBoard(target, entries, true));

  const single = boards.map(() => new Histogram());
  const singleApplied = boards.map(() => new Histogram());
  const cpu = boards.map(() => 0);
  for (let i = 0; i < singles; i++) {
    for (const [b, board] of boards.entries()) {
      const cpuBefore = cpuMs(target.pid);
      const t0 = performance.now();
      const client = open(board.room);
      await client.synced;
      single[b]!.add(client.step2At - t0);
      singleApplied[b]!.add(performance.now() - t0);
      cpu[b]! += cpuMs(target.pid) - cpuBefore;
      if (client.doc.getMap('entries').size !== entries) throw new Error('incomplete state');
      client.close();
      await client.closed;
    }
  }

  const concurrentMs: number[] = [];
  for (const board of boards) {
    const t0 = performance.now();
    const crowd = Array.from({ length: concurrent }, () => open(board.room, true));
    await Promise.all(crowd.map((c) => c.received));
    concurrentMs.push(Math.max(...crowd.map((c) => c.step2At)) - t0);
    for (const client of crowd) client.applyDeferred();
    await Promise.all(crowd.map((c) => c.synced));
    if (crowd.some((c) => c.doc.getMap('entries').size !== entries)) {
      throw new Error('incomplete state in the crowd');
    }
    crowd.forEach((c) => c.close());
    await Promise.all(crowd.map((c) => c.closed));
  }
  boards.forEach((board) => board.builder.close());
  await Promise.all(boards.map((board) => board.builder.closed));

  const fromStorageMs = boards.map(() => Number.NaN);
  if (target.unloadMs !== undefined) {
    // Past the grace period the boards are unloaded: the next client waits for storage.
    const deadline = performance.now() + target.unloadMs + 30_000;
    do await new Promise((resolve) => setTimeout(resolve, 250));
    while ((await target.roomsLoaded?.()) !== 0 && performance.now() < deadline);
    for (const [b, board] of boards.entries()) {
      const t1 = performance.now();
      const client = open(board.room);
      await client.synced;
      fromStorageMs[b] = client.step2At - t1;
      if (client.doc.getMap('entries').size !== entries) throw new Error('incomplete state');
      client.close();
      await client.closed;
    }
  }
  return boards.map((board, b) => ({
    entries,
    stateBytes: board.stateBytes,
    single: single[b]!,
    singleApplied: singleApplied[b]!,
    cpuMsPerSync: cpu[b]! / singles,
    concurrentMs: concurrentMs[b]!,
    concurrent,
    fromStorageMs: fromStorageMs[b]!,
  }));
}

/** Makes a room and fills it with `entries` entries, one update each or all in one. */
async function buildBoard(target: Target, entries: number, oneUpdate: boolean): Promise<ColdBoard> {
  const room = await target.createRoom('cold load');
  const open = () =>
    new BenchClient({
      url: target.wsUrl,
      room,
      framing: target.framing,
      echoRemoteAwareness: false,
    });
  const builder = open();
  await builder.synced;
  const map = builder.doc.getMap<string>('entries');
  const filler = 'x'.repeat(180);
  if (oneUpdate) {
    builder.doc.transact(() => {
      for (let i = 0; i < entries; i++) map.set(`entry-${i}`, `${i}:${filler}`);
    });
  } else {
    for (let i = 0; i < entries; i++) {
      map.set(`entry-${i}`, `${i}:${filler}`);
      // let the socket drain now and then so the server sees a stream, not one burst
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const stateBytes = (await import('yjs')).encodeStateAsUpdate(builder.doc).length;
  // the last entry is on the server once a fresh client sees it
  const probe = open();
  await until(() => probe.doc.getMap('entries').size === entries, 60_000, 20).catch(() => {
    throw new Error(
      `${target.name}: fresh client saw ${probe.doc.getMap('entries').size} of ${entries}`,
    );
  });
  probe.close();
  await probe.closed;
  return { room, builder, stateBytes };
}
