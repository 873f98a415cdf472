import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { BenchClient } from './BenchClient';
import { Histogram, coreTimes, cpuMs, stealPercent, syscalls, until } from './stats';
import type { Target } from './targets';

/** The shape of one load: rooms of clients, some writing, some moving cursors. */
export interface RoomLoad {
  rooms: number;
  clientsPerRoom: number;
  writersPerRoom: number;
  /** Document updates per second, per writer. */
  writeHz: number;
  /** Clients per room that move their cursor, and how often. */
  cursorClientsPerRoom: number;
  cursorHz: number;
  warmupMs: number;
  measureMs: number;
  /** Behave like the stock provider (re-send remote awareness) or like QI Board's client. */
  echoRemoteAwareness: boolean;
  /**
   * Clients per room that apply received awareness to a y-protocols Awareness and time cursors
   * (default: all); the others track clocks only and echo the same bytes (BenchClient).
   */
  awarenessObserversPerRoom?: number;
}

/** What one load measured. */
export interface RoomLoadResult {
  clients: number;
  /** Time until every client had synced, from the first connect (rooms made beforehand). */
  connectMs: number;
  /** The generator's own event-loop delay, p99 in ms: high means its figures are its own. */
  generatorLagMs: number;
  /** The generator's CPU use in % of its core: near 100 means it, not the server, is the limit. */
  generatorCpuPercent: number;
  /** Hypervisor steal on the server's core (0) and the generator's (1) in the window, in %. */
  stealPercent: number[];
  updateLatency: Histogram;
  cursorLatency: Histogram;
  /** Deliveries: (document update, recipient) and (awareness state, recipient) pairs. */
  deliveries: number;
  deliveriesPerSecond: number;
  serverCpuMs: number;
  serverCpuPercent: number;
  cpuMsPer1000: number;
  /** The server's write and read system calls per second (writes batched per socket and turn). */
  serverWritesPerSecond: number;
  serverReadsPerSecond: number;
  /** (writer, reader) pairs whose reader never saw the writer's last update. */
  lost: number;
  writes: number;
  /** Document updates the writers made per second during the measure window (offered load). */
  updatesPerSecond: number;
}

interface Measured {
  on: boolean;
  deliveries: number;
  updateLatency: Histogram;
  cursorLatency: Histogram;
}

/** Connects the clients, drives the load for warm-up + measure, and reports. */
export async function runRoomLoad(target: Target, load: RoomLoad): Promise<RoomLoadResult> {
  const m: Measured = {
    on: false,
    deliveries: 0,
    updateLatency: new Histogram(),
    cursorLatency: new Histogram(),
  };
  const names: string[] = [];
  for (let r = 0; r < load.rooms; r++) names.push(await target.createRoom(`bench room ${r}`));
  const rooms: BenchClient[][] = [];
  const started = performance.now();
  names.forEach((room, r) => {
    const clients: BenchClient[] = [];
    for (let c = 0; c < load.clientsPerRoom; c++) {
      const client = new BenchClient({
        url: target.wsUrl,
        room,
        framing: target.framing,
        echoRemoteAwareness: load.echoRemoteAwareness,
        parseAwareness: c < (load.awarenessObserversPerRoom ?? load.clientsPerRoom),
        writes: c < load.writersPerRoom,
      });
      client.setAwareness({ user: { name: `client ${r}.${c}`, color: '#335577' }, cursor: null });
      instrument(client, m);
      clients.push(client);
    }
    rooms.push(clients);
  });
  await withTimeout(Promise.all(rooms.flat().map((c) => c.synced)), 60_000, 'clients to sync');
  const connectMs = performance.now() - started;

  const lastSeq = new Map<string, number>();
  let writes = 0;
  const timers: NodeJS.Timeout[] = [];
  // Each client's clock starts at a random phase: people do not type and move their cursors in
  // lockstep, and timers made in one loop would all fire in the same millisecond. The rate is
  // kept against the wall clock: Node runs an interval on whole milliseconds and counts the next
  // one from when the last one ran, so a 7.1 ms interval alone gives 120/s instead of 140/s and
  // drifts further whenever the generator is busy. A late clock catches up (at most 3 at once).
  const tick = (hz: number, fn: () => void): NodeJS.Timeout => {
    const period = 1000 / hz;
    return setTimeout(() => {
      const start = performance.now();
      let done = 0;
      const run = () => {
        const due = Math.floor((performance.now() - start) / period) + 1;
        if (due - done > 3) done = due - 3;
        for (; done < due; done++) fn();
      };
      run();
      timers.push(setInterval(run, Math.max(1, Math.floor(period))));
    }, Math.random() * period);
  };
  rooms.forEach((clients, r) => {
    clients.slice(0, load.writersPerRoom).forEach((writer, w) => {
      const key = `w${r}.${w}`;
      const map = writer.doc.getMap<[number, number]>('bench');
      let seq = 0;
      timers.push(
        tick(load.writeHz, () => {
          seq++;
          writes++;
          lastSeq.set(key, seq);
          map.set(key, [performance.now(), seq]);
        }),
      );
    });
    clients.slice(0, load.cursorClientsPerRoom).forEach((client, i) => {
      let step = 0;
      timers.push(
        tick(load.cursorHz, () => {
          step++;
          const state = client.awareness.getLocalState() ?? {};
          client.awareness.setLocalState({
            ...state,
            cursor: { x: i * 10 + step, y: step, t: performance.now() },
          });
        }),
      );
    });
  });

  await wait(load.warmupMs);
  const cpuBefore = cpuMs(target.pid);
  const callsBefore = syscalls(target.pid);
  const coresBefore = coreTimes();
  const generatorBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const writesBefore = writes;
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  m.on = true;
  await wait(load.measureMs);
  m.on = false;
  lag.disable();
  const wall = performance.now() - wallBefore;
  const updatesPerSecond = ((writes - writesBefore) * 1000) / wall;
  const serverCpuMs = cpuMs(target.pid) - cpuBefore;
  const callsAfter = syscalls(target.pid);
  const steal = stealPercent(coresBefore, coreTimes());
  const generator = process.cpuUsage(generatorBefore);
  timers.forEach((timer) => clearTimeout(timer));

  // let in-flight updates land, then count readers that never got a writer's last update
  const allSeen = () => countLost(rooms, lastSeq) === 0;
  await until(allSeen, 5000).catch(() => undefined);
  const lost = countLost(rooms, lastSeq);
  rooms.flat().forEach((c) => c.close());
  await Promise.all(rooms.flat().map((c) => c.closed));

  return {
    clients: rooms.flat().length,
    connectMs,
    generatorLagMs: lag.percentile(99) / 1e6,
    generatorCpuPercent: ((generator.user + generator.system) / 1000 / wall) * 100,
    stealPercent: steal,
    updateLatency: m.updateLatency,
    cursorLatency: m.cursorLatency,
    deliveries: m.deliveries,
    deliveriesPerSecond: (m.deliveries * 1000) / wall,
    serverCpuMs,
    serverCpuPercent: (serverCpuMs / wall) * 100,
    cpuMsPer1000: m.deliveries > 0 ? (serverCpuMs * 1000) / m.deliveries : Number.NaN,
    serverWritesPerSecond: ((callsAfter.writes - callsBefore.writes) * 1000) / wall,
    serverReadsPerSecond: ((callsAfter.reads - callsBefore.reads) * 1000) / wall,
    lost,
    writes,
    updatesPerSecond,
  };
}

function instrument(client: BenchClient, m: Measured): void {
  client.onRemoteAwareness = (taken) => {
    if (m.on) m.deliveries += taken;
  };
  const map = client.doc.getMap<[number, number]>('bench');
  map.observe((event: Y.YMapEvent<[number, number]>) => {
    if (!event.transaction.origin || event.transaction.local) return;
    for (const key of event.keysChanged) {
      const value = map.get(key);
      if (!value || !m.on) continue;
      m.deliveries++;
      m.updateLatency.add(performance.now() - value[0]);
    }
  });
  const lastCursor = new Map<number, number>();
  client.awareness.on(
    'update',
    ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== client || !m.on) return;
      const states = client.awareness.getStates();
      for (const id of added.concat(updated)) {
        if (id === client.doc.clientID) continue;
        m.deliveries++;
        const t = (states.get(id)?.cursor as { t?: number } | null | undefined)?.t;
        if (t === undefined || lastCursor.get(id) === t) continue;
        lastCursor.set(id, t);
        m.cursorLatency.add(performance.now() - t);
      }
    },
  );
}

function countLost(rooms: BenchClient[][], lastSeq: Map<string, number>): number {
  let lost = 0;
  rooms.forEach((clients, r) => {
    for (const [key, seq] of lastSeq) {
      if (!key.startsWith(`w${r}.`)) continue;
      for (const client of clients) {
        const seen = client.doc.getMap<[number, number]>('bench').get(key);
        if (!seen || seen[1] < seq) lost++;
      }
    }
  });
  return lost;
}

/** Resolves like `promise`, or rejects once `ms` passed without it settling. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
