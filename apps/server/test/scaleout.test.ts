import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createBoardAt,
  exitOf,
  killChildren,
  spawnServer,
  tempDir,
  waitFor as waitWithin,
  type TestClient,
} from './helpers';
import { startTcpProxy } from './tcpProxy';

const { DATABASE_URL, REDIS_URL } = process.env;
const missing = [!DATABASE_URL && 'DATABASE_URL', !REDIS_URL && 'REDIS_URL'].filter(Boolean);
if (missing.length > 0) {
  console.log(`scale-out tests (three processes) skipped: ${missing.join(' and ')} not set`);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  killChildren();
});

/** Deletes every Redis key under `prefix` (the streams, heartbeats and leases a test made). */
async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL!);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** SIGKILLs the processes still running and waits until they are gone. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = exitOf(child);
      child.kill('SIGKILL');
      return exited;
    }),
  );
}

/** Three server processes on one Postgres and one Redis, with a key prefix of their own. */
async function startCluster(env: Record<string, string> = {}) {
  const prefix = `qi-test-${randomBytes(6).toString('hex')}:`;
  const dir = tempDir();
  // Run in reverse: processes are stopped before their keys are dropped (a live one could write
  // a stream anew), then their directory goes.
  cleanups.push(dir.remove, () => dropKeys(prefix));
  const shared = {
    DATABASE_URL: DATABASE_URL!,
    REDIS_URL: REDIS_URL!,
    REDIS_KEY_PREFIX: prefix,
    // One DATA_DIR: the processes share the token signing secret generated into it.
    DATA_DIR: dir.path,
    FANOUT_PEER_TTL_MS: '1500',
    DATABASE_POOL_SIZE: '4',
    ...env,
  };
  const first = await spawnServer(shared);
  const rest = await Promise.all([spawnServer(shared), spawnServer(shared)]);
  const processes = [first, ...rest];
  cleanups.push(() => stopAll(processes.map(({ child }) => child)));
  const board = await createBoardAt(`http://127.0.0.1:${first.port}`, 'Three processes');
  return { processes, board, prefix };
}

/** The stream map as sorted entries: map key order differs between replicas, content must not. */
function contentOf(client: TestClient): string {
  return JSON.stringify(Object.entries(client.doc.getMap('stream').toJSON()).sort());
}

/** Deadlines sized for three server processes sharing two cores with the rest of the suite. */
const waitFor = (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) =>
  waitWithin(check, what, Math.max(timeoutMs, 15_000));

function keysOf(client: TestClient): string[] {
  return [...client.doc.getMap('stream').keys()].sort();
}

function connect(url: string, board: string): TestClient {
  const client = connectClient(url, board);
  cleanups.push(() => client.destroy());
  return client;
}

// Test deadline: spawning three processes and the waits above, on a loaded 2-core machine.
describe.skipIf(missing.length > 0)(
  'three server processes on Postgres and Redis',
  { timeout: 60_000 },
  () => {
    it('clients spread over the processes converge; cursors cross processes and leave with their process', async () => {
      const { processes, board } = await startCluster();
      const urls = processes.map(({ port }) => `ws://127.0.0.1:${port}/sync`);
      const clients = [0, 1, 2, 0, 1, 2].map((i) => connect(urls[i]!, board));
      await Promise.all(clients.map((client) => client.synced));

      clients.forEach((client, i) => {
        for (let k = 0; k < 20; k++) client.doc.getMap<number>('stream').set(`c${i}-${k}`, k);
      });
      await waitFor(
        () => clients.every((client) => client.doc.getMap('stream').size === 120),
        'every client has all 120 entries',
        10_000,
      );
      const expected = contentOf(clients[0]!);
      for (const client of clients) {
        expect(contentOf(client)).toBe(expected);
        expect(client.doc.getMap('meta').get('title')).toBe('Three processes');
      }

      // A cursor published on process 2 reaches clients of processes 0 and 1...
      const walker = clients[2]!;
      const walkerId = walker.doc.clientID;
      walker.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
      const sees = (client: TestClient) =>
        client.provider.awareness.getStates().get(walkerId)?.cursor !== undefined;
      await waitFor(() => sees(clients[0]!) && sees(clients[1]!), 'cursor crosses processes');
      // ...and a newcomer on another process gets it at once, from the process that holds it.
      const late = connect(urls[0]!, board);
      await late.synced;
      await waitFor(() => sees(late), 'newcomer on another process sees the cursor');

      // SIGKILL process 2: its clients' cursors vanish elsewhere within seconds (heartbeat TTL),
      // although nothing announced their departure.
      const victim = processes[2]!;
      const exited = new Promise((resolve) => victim.child.once('exit', resolve));
      victim.child.kill('SIGKILL');
      await exited;
      walker.provider.disconnect();
      clients[5]!.provider.disconnect();
      await waitFor(
        () => !sees(clients[0]!) && !sees(clients[1]!) && !sees(late),
        'cursors of the dead process removed',
        8000,
      );
    });

    it('SIGTERM drains one process: clients move on, its heartbeat is gone at once, exit 0', async () => {
      const { processes, board, prefix } = await startCluster();
      const ports = processes.map(({ port }) => port);
      const proxy = await startTcpProxy(ports, 1);
      cleanups.push(() => proxy.close());
      const moving = connect(`ws://127.0.0.1:${proxy.port}/sync`, board);
      const staying = connect(`ws://127.0.0.1:${ports[0]}/sync`, board);
      await Promise.all([moving.synced, staying.synced]);
      moving.doc.getArray<string>('items').push(['before the drain']);
      await waitFor(() => staying.doc.getArray('items').length === 1, 'crosses processes');

      const redis = new Redis(REDIS_URL!);
      cleanups.push(() => redis.disconnect());
      const heartbeats = async () => (await redis.keys(`${prefix}process:*`)).length;
      expect(await heartbeats()).toBe(3);
      const closed = new Promise<number>((resolve) =>
        moving.provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
      );
      const draining = processes[1]!;
      const exit = new Promise<number | null>((resolve) => draining.child.once('exit', resolve));
      draining.child.kill('SIGTERM');
      expect(await closed).toBe(1001);
      expect(await exit).toBe(0);
      expect(draining.output()).not.toContain('"level":"error"');
      expect(await heartbeats()).toBe(2);

      await waitFor(() => moving.provider.wsconnected, 'reconnected to another process');
      moving.doc.getArray<string>('items').push(['after the drain']);
      await waitFor(() => staying.doc.getArray('items').length === 2, 'still crossing');
    });

    it('SIGKILL of one process mid-stream: its clients reconnect to the others, nothing broadcast is lost', async () => {
      const { processes, board } = await startCluster({ COMPACT_MAX_UPDATES: '40' });
      const ports = processes.map(({ port }) => port);
      // One proxy per process, preferring it, falling back to the next live one.
      const proxies = await Promise.all([0, 1, 2].map((i) => startTcpProxy(ports, i)));
      cleanups.push(...proxies.map((proxy) => () => proxy.close()));
      const urls = proxies.map(({ port }) => `ws://127.0.0.1:${port}/sync`);
      const writers = [0, 1, 2].map((i) => connect(urls[i]!, board));
      const observers = [0, 1, 2].map((i) => connect(urls[i]!, board));
      const everyone = [...writers, ...observers];
      await Promise.all(everyone.map((client) => client.synced));
      expect(proxies.map((proxy) => proxy.routed)).toEqual([
        [0, 0],
        [1, 1],
        [2, 2],
      ]);

      let streaming = true;
      let sent = 0;
      const stream = (writer: TestClient, w: number) => {
        if (!streaming) return;
        for (let i = 0; i < 2; i++)
          writer.doc.getMap<number>('stream').set(`w${w}-${sent++}`, sent);
        setTimeout(() => stream(writer, w), 2);
      };
      writers.forEach(stream);
      await waitFor(
        () => observers.every((observer) => observer.doc.getMap('stream').size >= 150),
        'observers on every process receive the stream',
        15_000,
      );

      // Whatever the victim's observer got was broadcast by it: freeze it when its socket drops.
      const victim = processes[2]!;
      const broadcastByVictim = new Promise<string[]>((resolve) =>
        observers[2]!.provider.once('connection-close', () => resolve(keysOf(observers[2]!))),
      );
      const before = observers.map((observer) => keysOf(observer));
      victim.child.kill('SIGKILL');
      const frozen = await broadcastByVictim;
      await waitFor(
        () => proxies[2]!.routed.length >= 4 && writers[2]!.provider.wsconnected,
        'the victim’s clients reconnect through the proxy to another process',
        10_000,
      );
      expect(proxies[2]!.routed.slice(2).every((backend) => backend !== 2)).toBe(true);
      const afterKill = observers[0]!.doc.getMap('stream').size;
      await waitFor(
        () => observers[0]!.doc.getMap('stream').size >= afterKill + 100,
        'the stream goes on after the kill',
        10_000,
      );
      streaming = false;

      const reader = connect(`ws://127.0.0.1:${ports[0]}/sync`, board);
      await reader.synced;
      const all = [...everyone, reader];
      await waitFor(
        () => all.every((client) => client.doc.getMap('stream').size === sent),
        'every client (and a fresh reader) holds every update sent',
        15_000,
      );
      const final = new Set(keysOf(reader));
      for (const keys of [frozen, ...before]) {
        expect(keys.filter((key) => !final.has(key))).toEqual([]);
      }
      const state = contentOf(reader);
      for (const client of all) {
        expect(contentOf(client)).toBe(state);
        expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(reader.doc));
      }
    });
  },
);
