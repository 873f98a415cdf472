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
  /** Build the board in one update instead of one update per entry (history independence). */
  oneUpdate?: boolean;
}

/**
 * Builds a board of `entries` entries (~200 bytes each) from that many small updates, then
 * measures fresh clients loading it. The builder stays connected so peers that keep nothing on
 * disk still hold the document.
 */
export async function runColdLoad(
  target: Target,
  { entries, singles, concurrent, oneUpdate = false }: ColdLoadOptions,
): Promise<ColdLoadResult> {
  const room = await target.createRoom('cold load');
  const open = (deferStep2 = false): BenchClient =>
    new BenchClient({
      url: target.wsUrl,
      room,
      framing: target.framing,
      echoRemoteAwareness: false,
      deferStep2,
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

  const single = new Histogram();
  const singleApplied = new Histogram();
  const cpuBefore = cpuMs(target.pid);
  for (let i = 0; i < singles; i++) {
    const t0 = performance.now();
    const client = open();
    await client.synced;
    single.add(client.step2At - t0);
    singleApplied.add(performance.now() - t0);
    if (client.doc.getMap('entries').size !== entries) throw new Error('incomplete state');
    client.close();
    await client.closed;
  }
  const cpuMsPerSync = (cpuMs(target.pid) - cpuBefore) / singles;

  const t0 = performance.now();
  const crowd = Array.from({ length: concurrent }, () => open(true));
  await Promise.all(crowd.map((c) => c.received));
  const concurrentMs = Math.max(...crowd.map((c) => c.step2At)) - t0;
  for (const client of crowd) client.applyDeferred();
  await Promise.all(crowd.map((c) => c.synced));
  if (crowd.some((c) => c.doc.getMap('entries').size !== entries)) {
    throw new Error('incomplete state in the crowd');
  }
  crowd.forEach((c) => c.close());
  builder.close();
  await Promise.all([builder, ...crowd].map((c) => c.closed));

  let fromStorageMs = Number.NaN;
  if (target.unloadMs !== undefined) {
    // Past the grace period the board is unloaded: the next client waits for storage.
    const deadline = performance.now() + target.unloadMs + 30_000;
    do await new Promise((resolve) => setTimeout(resolve, 250));
    while ((await target.roomsLoaded?.()) !== 0 && performance.now() < deadline);
    const t1 = performance.now();
    const client = open();
    await client.synced;
    fromStorageMs = client.step2At - t1;
    if (client.doc.getMap('entries').size !== entries) throw new Error('incomplete state');
    client.close();
  }
  return {
    entries,
    stateBytes,
    single,
    singleApplied,
    cpuMsPerSync,
    concurrentMs,
    concurrent,
    fromStorageMs,
  };
}
