import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { Metrics } from '../metrics/Metrics';
import type { RemoteBoardListener } from '../sync/Fanout';
import { RedisFanout } from './RedisFanout';
import { encodeUpdates } from './streamEntry';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.log('RedisFanout tests skipped: REDIS_URL is not set');

/** Records what a fan-out delivers for one board. */
class Recorder implements RemoteBoardListener {
  updates: number[][] = [];
  awareness: { update: number[]; peer: string }[] = [];
  gone: string[] = [];
  queried = 0;
  resyncs = 0;
  remoteUpdates(updates: readonly Uint8Array[]): void {
    for (const update of updates) this.updates.push([...update]);
  }
  remoteAwareness(update: Uint8Array, peer: string): void {
    this.awareness.push({ update: [...update], peer });
  }
  peerGone(peer: string): void {
    this.gone.push(peer);
  }
  awarenessQueried(): void {
    this.queried++;
  }
  resync(): void {
    this.resyncs++;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!REDIS_URL)('RedisFanout', { timeout: 30_000 }, () => {
  const prefix = `qi-test-${randomBytes(6).toString('hex')}:`;
  const opened: (RedisFanout | Redis)[] = [];
  afterEach(async () => {
    for (const item of opened.splice(0)) {
      if (item instanceof RedisFanout) await item.close();
      else item.disconnect();
    }
    const redis = new Redis(REDIS_URL!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const fanout = async (peerTtlMs = 600) => {
    const opened_ = await RedisFanout.connect({
      url: REDIS_URL!,
      keyPrefix: prefix,
      peerTtlMs,
      streamMaxLen: 1000,
      log: createLogger('silent'),
      metrics: new Metrics(),
    });
    opened.push(opened_);
    return opened_;
  };
  const raw = () => {
    const redis = new Redis(REDIS_URL!);
    opened.push(redis);
    return redis;
  };
  const board = () => randomBytes(16).toString('base64url');

  it('delivers updates, awareness and queries to other processes, never back to the sender', async () => {
    const [a, b] = [await fanout(), await fanout()];
    const id = board();
    const [atA, atB] = [new Recorder(), new Recorder()];
    await a.subscribe(id, atA);
    await b.subscribe(id, atB);
    await waitFor(() => atA.queried === 1, 'A hears B asking for awareness');
    a.publishUpdates(id, [new Uint8Array([1]), new Uint8Array([2, 2])]);
    a.publishUpdates(id, [new Uint8Array([3])]);
    a.publishAwareness(id, new Uint8Array([0]));
    await waitFor(() => atB.awareness.length === 1, 'B receives the awareness');
    expect(atB.updates).toEqual([[1], [2, 2], [3]]);
    expect(atB.awareness).toEqual([{ update: [0], peer: a.processId }]);
    expect(atA.updates).toEqual([]);
    expect(atB.resyncs).toBe(0);
  });

  it('a process whose heartbeat is gone loses its cursors, and its boards resync', async () => {
    const [a, b] = [await fanout(), await fanout()];
    const id = board();
    const atB = new Recorder();
    await a.subscribe(id, new Recorder());
    await b.subscribe(id, atB);
    a.publishAwareness(id, new Uint8Array([0]));
    await waitFor(() => atB.awareness.length === 1, 'B sees A');
    await a.close();
    await waitFor(() => atB.gone.includes(a.processId), 'B notices A is gone', 3000);
    expect(atB.resyncs).toBe(1);
  });

  it('resyncs a board whose unread entries were trimmed', async () => {
    const a = await fanout();
    const id = board();
    const atA = new Recorder();
    await a.subscribe(id, atA);
    const redis = raw();
    const readerBlocked = async () =>
      ((await redis.client('LIST')) as string)
        .split('\n')
        .some((line) => line.includes(`name=qi:${a.processId}:reader`) && / cmd=xread/.test(line));
    await waitFor(readerBlocked, 'the reader blocks on the stream');
    const key = `${prefix}board:${id}`;
    const entry = (n: number) => [
      't',
      'u',
      'p',
      'elsewhere',
      'd',
      encodeUpdates([new Uint8Array([n])]),
    ];
    // Added and trimmed in one transaction: the blocked read never sees them.
    const multi = redis.multi();
    for (let n = 1; n <= 5; n++) multi.xadd(key, '*', ...entry(n));
    await multi.xtrim(key, 'MAXLEN', 0).exec();
    await redis.xadd(key, '*', ...entry(6));
    await waitFor(() => atA.resyncs === 1, 'the reader notices the gap');
    // Reading goes on; entry 6 is delivered or, when the new position was taken after it was
    // added, covered by the resync (storage holds everything the stream ever carried).
    await redis.xadd(key, '*', ...entry(7));
    await waitFor(() => atA.updates.some(([n]) => n === 7), 'the next entry arrives');
    expect(atA.updates.filter(([n]) => n! < 6)).toEqual([]);
    expect(atA.resyncs).toBe(1);
  });

  it('resyncs a board whose stream expired and was created anew', async () => {
    const [a, b] = [await fanout(), await fanout()];
    const id = board();
    const atA = new Recorder();
    await a.subscribe(id, atA);
    await b.subscribe(id, new Recorder());
    b.publishUpdates(id, [new Uint8Array([1])]);
    b.publishUpdates(id, [new Uint8Array([2])]);
    await waitFor(() => atA.updates.length === 2, 'A reads the first entries');
    await raw().del(`${prefix}board:${id}`);
    b.publishUpdates(id, [new Uint8Array([3])]);
    await waitFor(() => atA.resyncs === 1, 'A resyncs');
    b.publishUpdates(id, [new Uint8Array([4])]);
    await waitFor(
      () => atA.updates.some(([n]) => n === 4),
      'reading goes on from the new position',
    );
    // Entry 3 is delivered or, if the new position was taken after it, covered by the resync.
    expect(atA.updates.slice(0, 2)).toEqual([[1], [2]]);
    expect(atA.resyncs).toBe(1);
  });

  it('resyncs every board after losing the Redis connection, then reads on', async () => {
    const [a, b] = [await fanout(), await fanout()];
    const [one, two] = [board(), board()];
    const [atOne, atTwo] = [new Recorder(), new Recorder()];
    await a.subscribe(one, atOne);
    await a.subscribe(two, atTwo);
    const redis = raw();
    const reader = ((await redis.client('LIST')) as string)
      .split('\n')
      .find((line) => line.includes(`name=qi:${a.processId}:reader`));
    const readerId = /\bid=(\d+)/.exec(reader ?? '')?.[1];
    expect(readerId).toBeDefined();
    await redis.client('KILL', 'ID', readerId!);
    await waitFor(() => atOne.resyncs >= 1 && atTwo.resyncs >= 1, 'both boards resync');
    b.publishUpdates(two, [new Uint8Array([7])]);
    await waitFor(() => atTwo.updates.length === 1, 'reading resumes');
  });

  it('tells readers to resync a board it could not publish to while its connection was down', async () => {
    const [a, b] = [await fanout(), await fanout()];
    const id = board();
    const atB = new Recorder();
    await a.subscribe(id, new Recorder());
    await b.subscribe(id, atB);
    const redis = raw();
    const command = ((await redis.client('LIST')) as string)
      .split('\n')
      .find((line) => line.includes(`name=qi:${a.processId}:command`));
    await redis.client('KILL', 'ID', /\bid=(\d+)/.exec(command ?? '')![1]!);
    // Publishing on: while the connection is down nothing is queued; once it is back, B resyncs.
    await waitFor(() => {
      a.publishUpdates(id, [new Uint8Array([9])]);
      return atB.resyncs >= 1;
    }, 'B told to resync');
  });

  it('grants a board’s compaction lease to one process at a time', async () => {
    const [a, b] = [await fanout(), await fanout()];
    const id = board();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = a.withCompactionLease(id, async () => {
      started();
      await held;
    });
    await running;
    expect(await b.withCompactionLease(id, async () => undefined)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await b.withCompactionLease(id, async () => undefined)).toBe(true);
  });
});
