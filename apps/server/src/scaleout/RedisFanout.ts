import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/Metrics';
import type { Fanout, RemoteBoardListener } from '../sync/Fanout';
import { decodeUpdates, encodeUpdates } from './streamEntry';

/** Tuning of the Redis fan-out (from Config). */
export interface RedisFanoutOptions {
  url: string;
  /** Prefix of every key this deployment uses (`qi:`). */
  keyPrefix: string;
  /** A process whose heartbeat is older than this is gone: its cursors are removed. */
  peerTtlMs: number;
  /** Approximate number of entries a board stream keeps (older ones are in storage). */
  streamMaxLen: number;
  log: Logger;
  metrics: Metrics;
}

/** Entry types in a board stream (field `t`). */
const UPDATES = 'u';
const AWARENESS = 'a';
const QUERY = 'q';
/** Sent after this process could not publish for a while: readers catch up from storage. */
const RESYNC = 'r';

/** How long a blocking read waits before it looks at the subscriptions again. */
const BLOCK_MS = 5000;
/** A board stream nobody wrote to for a day is dropped (everything in it is in storage). */
const STREAM_IDLE_MS = 86_400_000;
/** A compaction lease outlives any sane compaction; a crashed holder frees it by expiry. */
const LEASE_MS = 30_000;
/** How long subscribing waits for Redis before the board load fails (clients retry). */
const SUBSCRIBE_TIMEOUT_MS = 5000;

/**
 * last-generated-id, entries-added and length of each stream in KEYS ('0-0', 0, 0 if missing):
 * the position to subscribe from, and what tells whether entries were trimmed unread.
 */
const STREAM_POSITIONS = `
local out = {}
for i, key in ipairs(KEYS) do
  local ok, info = pcall(redis.call, 'XINFO', 'STREAM', key)
  if ok then
    local f = {}
    for j = 1, #info, 2 do f[info[j]] = info[j + 1] end
    table.insert(out, f['last-generated-id'])
    table.insert(out, f['entries-added'])
    table.insert(out, f['length'])
  else
    table.insert(out, '0-0'); table.insert(out, 0); table.insert(out, 0)
  end
end
return out`;

const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface Subscription {
  boardId: string;
  listener: RemoteBoardListener;
  /** Last stream id read (or the stream's last id when subscribing). */
  id: string;
  /** Number of entries ever added to the stream up to and including `id`. */
  index: number;
  /** Other processes seen on this board's stream (every one answers a query). */
  peers: Set<string>;
}

type RedisWithScripts = Redis & {
  qiStreamPositions(...keys: [number, ...string[]]): Promise<(string | number)[]>;
  qiReleaseLease(key: string, token: string): Promise<number>;
};

function scripted(redis: Redis): RedisWithScripts {
  redis.defineCommand('qiStreamPositions', { lua: STREAM_POSITIONS });
  redis.defineCommand('qiReleaseLease', { numberOfKeys: 1, lua: RELEASE_LEASE });
  return redis as RedisWithScripts;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Fan-out through Redis Streams: one stream per board (`<prefix>board:<id>`). Stored updates,
 * awareness and awareness queries are XADDed to it; one dedicated connection reads every
 * subscribed stream with a blocking XREAD, resuming from the last id it saw. Entries trimmed
 * before they were read, or a lost connection, make the affected rooms resync from storage.
 * Each process keeps a heartbeat key; when a peer's expires, its clients' cursors are removed.
 */
export class RedisFanout implements Fanout {
  readonly shared = true;
  private readonly subscriptions = new Map<string, Subscription>();
  private readerId: number | null = null;
  private reading: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lostConnection = false;
  /** Boards with entries dropped while the command connection was down. */
  private readonly unpublished = new Set<string>();
  private closed = false;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastRoundTripMs = 0;
  private readonly published;
  private readonly received;
  private readonly resyncs;
  private readonly latency;

  private constructor(
    /** This process, as named in stream entries, its heartbeat key and its Redis connections. */
    readonly processId: string,
    private readonly command: RedisWithScripts,
    private readonly reader: RedisWithScripts,
    private readonly options: RedisFanoutOptions,
  ) {
    const { metrics } = options;
    this.published = metrics.counter(
      'qi_fanout_published_total',
      'Stream entries this process added (updates, awareness, queries).',
    );
    this.received = metrics.counter(
      'qi_fanout_received_total',
      'Stream entries from other processes delivered to local rooms.',
    );
    this.resyncs = metrics.counter(
      'qi_fanout_resyncs_total',
      'Board resyncs from storage after a trimmed stream position or a lost Redis connection.',
    );
    this.latency = metrics.histogram(
      'qi_fanout_latency_seconds',
      'From another process adding an entry to this process reading it (host clocks).',
    );
    metrics.gauge(
      'qi_redis_lag_seconds',
      'Round trip of the last heartbeat command to Redis.',
      () => this.lastRoundTripMs / 1000,
    );
    metrics.gauge(
      'qi_fanout_subscriptions',
      'Board streams this process reads.',
      () => this.subscriptions.size,
    );
  }

  /** Connects both connections and starts the heartbeat; rejects if Redis is unreachable. */
  static async connect(options: RedisFanoutOptions): Promise<RedisFanout> {
    const processId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    const connection = (name: string, resend: boolean) =>
      scripted(
        new Redis(options.url, {
          connectionName: `qi:${processId}:${name}`,
          // Commands wait for a reconnect instead of failing: a publish is sent late, not lost.
          maxRetriesPerRequest: null,
          // Not for the reader: a read resent after a reconnect would hide the gap (its
          // unanswered commands are dropped instead, and `onReader` turns that into a failure).
          autoResendUnfulfilledCommands: resend,
          lazyConnect: true,
          retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
        }),
      );
    const command = connection('command', true);
    const reader = connection('reader', false);
    for (const redis of [command, reader]) {
      redis.on('error', (error) => options.log.debug('redis.error', { error }));
    }
    try {
      await withTimeout(
        Promise.all([command.connect(), reader.connect()]),
        10_000,
        'connecting to Redis',
      );
    } catch (error) {
      command.disconnect();
      reader.disconnect();
      throw error;
    }
    const fanout = new RedisFanout(processId, command, reader, options);
    await fanout.heartbeat();
    fanout.start();
    return fanout;
  }

  private key(boardId: string): string {
    return `${this.options.keyPrefix}board:${boardId}`;
  }

  private peerKey(processId: string): string {
    return `${this.options.keyPrefix}process:${processId}`;
  }

  private start(): void {
    this.command.on('ready', () => this.flushUnpublished());
    const beat = Math.max(100, Math.floor(this.options.peerTtlMs / 4));
    this.heartbeatTimer = setInterval(() => void this.tick(), beat);
    this.heartbeatTimer.unref();
    this.reader.on('close', () => {
      this.lostConnection = true;
      this.readerId = null;
    });
    this.reading = this.readLoop();
  }

  /** Tells the readers of boards whose entries were lost here to resync from storage. */
  private flushUnpublished(): void {
    if (this.unpublished.size === 0 || this.command.status !== 'ready') return;
    const boards = [...this.unpublished];
    this.unpublished.clear();
    this.options.log.warn('fanout.publish_resumed', { boards: boards.length });
    for (const boardId of boards) this.add(boardId, [RESYNC]);
  }

  private async heartbeat(): Promise<void> {
    const started = performance.now();
    await this.command.set(this.peerKey(this.processId), '1', 'PX', this.options.peerTtlMs);
    this.lastRoundTripMs = performance.now() - started;
  }

  /** Heartbeat, then forget the peers whose heartbeat expired (taking their cursors). */
  private async tick(): Promise<void> {
    // While Redis is away nothing is queued, and no peer is judged by a key we cannot read.
    if (this.command.status !== 'ready') return;
    try {
      await this.heartbeat();
      this.flushUnpublished();
      const peers = new Set<string>();
      for (const subscription of this.subscriptions.values()) {
        for (const peer of subscription.peers) peers.add(peer);
      }
      if (peers.size === 0) return;
      const list = [...peers];
      const alive = await this.command.exists(...list.map((peer) => this.peerKey(peer)));
      if (alive === list.length) return;
      for (const peer of list) {
        if ((await this.command.exists(this.peerKey(peer))) > 0) continue;
        this.options.log.info('fanout.peer_gone', { peer });
        for (const subscription of this.subscriptions.values()) {
          if (!subscription.peers.delete(peer)) continue;
          subscription.listener.peerGone(peer);
          // It may have stored updates it died before adding to the stream.
          this.resyncs.inc();
          subscription.listener.resync();
        }
      }
    } catch (error) {
      this.options.log.warn('fanout.heartbeat_failed', { error });
    }
  }

  private add(boardId: string, fields: (string | Buffer)[]): void {
    if (this.closed) return;
    if (this.command.status !== 'ready') {
      // Not queued without bound while Redis is away: the boards are remembered instead, and
      // their readers are told to resync once the connection is back.
      if (this.unpublished.size === 0) this.options.log.warn('fanout.publish_paused');
      this.unpublished.add(boardId);
      return;
    }
    const key = this.key(boardId);
    this.published.inc();
    // Trimming drops only entries already in storage (every update is stored before it is
    // added); a reader that falls behind the trim resyncs from storage.
    this.command
      .multi()
      .xadd(
        key,
        'MAXLEN',
        '~',
        this.options.streamMaxLen,
        '*',
        't',
        ...fields.slice(0, 1),
        'p',
        this.processId,
        ...fields.slice(1),
      )
      .pexpire(key, STREAM_IDLE_MS)
      .exec()
      .then((results) => {
        const failed = results?.find(([error]) => error)?.[0];
        if (failed) throw failed;
      })
      .catch((error: unknown) => {
        this.options.log.error('fanout.publish_failed', { board: boardId, error });
        this.unpublished.add(boardId);
      });
  }

  publishUpdates(boardId: string, updates: readonly Uint8Array[]): void {
    this.add(boardId, [UPDATES, 'd', encodeUpdates(updates)]);
  }

  publishAwareness(boardId: string, update: Uint8Array): void {
    this.add(boardId, [
      AWARENESS,
      'd',
      Buffer.from(update.buffer, update.byteOffset, update.byteLength),
    ]);
  }

  async subscribe(boardId: string, listener: RemoteBoardListener): Promise<void> {
    const key = this.key(boardId);
    const [id, added] = await withTimeout(
      this.command.qiStreamPositions(1, key),
      SUBSCRIBE_TIMEOUT_MS,
      'subscribing to the board stream',
    );
    this.subscriptions.set(key, {
      boardId,
      listener,
      id: String(id),
      index: Number(added),
      peers: new Set(),
    });
    this.interruptRead();
    // Processes already serving the board answer with their clients' awareness.
    this.add(boardId, [QUERY]);
  }

  unsubscribe(boardId: string, listener: RemoteBoardListener): void {
    const key = this.key(boardId);
    if (this.subscriptions.get(key)?.listener !== listener) return;
    this.subscriptions.delete(key);
    this.interruptRead();
  }

  async withCompactionLease(boardId: string, task: () => Promise<void>): Promise<boolean> {
    const key = `${this.options.keyPrefix}lease:compact:${boardId}`;
    const token = `${this.processId}:${randomBytes(4).toString('hex')}`;
    // Without Redis nobody compacts (the log just grows until it is back): never wait for it.
    if (this.command.status !== 'ready') return false;
    const granted = await withTimeout(
      this.command.set(key, token, 'PX', LEASE_MS, 'NX'),
      2000,
      'compaction lease',
    ).catch(() => null);
    if (granted !== 'OK') return false;
    try {
      await task();
    } finally {
      await this.command.qiReleaseLease(key, token).catch(() => 0);
    }
    return true;
  }

  async ping(): Promise<void> {
    if (this.reader.status !== 'ready') throw new Error(`Redis reader is ${this.reader.status}`);
    await withTimeout(this.command.ping(), 2000, 'Redis ping');
  }

  /** Makes the blocked XREAD return now so the next one reads the current subscriptions. */
  private interruptRead(): void {
    if (this.wake) {
      this.wake();
      return;
    }
    if (this.readerId !== null) {
      this.command.client('UNBLOCK', this.readerId).catch(() => undefined);
    }
  }

  /**
   * A reader command's answer, or a rejection as soon as the connection drops (its unanswered
   * commands are then never answered).
   */
  private onReader<T>(command: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const lost = () => reject(new Error('Redis connection lost'));
      this.reader.once('close', lost);
      command.then(
        (value) => {
          this.reader.off('close', lost);
          resolve(value);
        },
        (error: unknown) => {
          this.reader.off('close', lost);
          reject(error as Error);
        },
      );
    });
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.subscriptions.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        if (this.lostConnection) {
          await this.reconnected();
          continue;
        }
        if (this.readerId === null)
          this.readerId = Number(await this.onReader(this.reader.client('ID')));
        // A connection lost meanwhile: the read below could miss what was sent during the gap.
        if (this.lostConnection) continue;
        const keys = [...this.subscriptions.keys()];
        const ids = keys.map((key) => this.subscriptions.get(key)!.id);
        const result = await this.onReader(
          this.reader.xreadBuffer('COUNT', 1000, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids),
        );
        if (!result) continue;
        const touched: string[] = [];
        for (const [keyBuffer, entries] of result) {
          const key = keyBuffer.toString();
          const subscription = this.subscriptions.get(key);
          if (!subscription) continue;
          touched.push(key);
          for (const [idBuffer, fields] of entries) {
            const id = idBuffer.toString();
            subscription.id = id;
            subscription.index++;
            this.deliver(subscription, id, fields);
          }
        }
        await this.checkTrimmed(touched);
      } catch (error) {
        if (this.closed) break;
        this.options.log.warn('fanout.read_failed', { error });
        this.lostConnection = true;
        // Reconnecting is ioredis's job; wait for it without spinning.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 500);
          this.reader.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  }

  private deliver(subscription: Subscription, id: string, fields: Buffer[]): void {
    let type = '';
    let peer = '';
    let data: Buffer | null = null;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i]!.toString();
      if (name === 't') type = fields[i + 1]!.toString();
      else if (name === 'p') peer = fields[i + 1]!.toString();
      else if (name === 'd') data = fields[i + 1]!;
    }
    if (peer === this.processId) return;
    subscription.peers.add(peer);
    this.received.inc();
    this.latency.observe(Math.max(0, Date.now() - Number(id.slice(0, id.indexOf('-')))) / 1000);
    try {
      if (type === UPDATES && data) subscription.listener.remoteUpdates(decodeUpdates(data));
      else if (type === AWARENESS && data) subscription.listener.remoteAwareness(data, peer);
      else if (type === QUERY) subscription.listener.awarenessQueried();
      else if (type === RESYNC) {
        this.resyncs.inc();
        subscription.listener.resync();
      }
    } catch (error) {
      this.options.log.error('fanout.deliver_failed', { board: subscription.boardId, error });
    }
  }

  /**
   * Entries trimmed before this process read them leave a gap: the stream's first kept entry
   * is number `added - length + 1`, so a position below `added - length` missed some. A count
   * above `added` means the stream expired and was created anew (a day without entries).
   * Either way the position is taken afresh (atomically with the counts) and the board resyncs
   * from storage, which holds everything added up to that position.
   */
  private async checkTrimmed(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const positions = await this.onReader(this.reader.qiStreamPositions(keys.length, ...keys));
    for (let i = 0; i < keys.length; i++) {
      const subscription = this.subscriptions.get(keys[i]!);
      if (!subscription) continue;
      const added = Number(positions[i * 3 + 1]);
      const length = Number(positions[i * 3 + 2]);
      if (subscription.index >= added - length && subscription.index <= added) continue;
      this.options.log.warn('fanout.position_lost', {
        board: subscription.boardId,
        index: subscription.index,
        added,
        length,
      });
      subscription.id = String(positions[i * 3]);
      subscription.index = added;
      this.resyncs.inc();
      subscription.listener.resync();
    }
  }

  /**
   * After a lost connection (run by the read loop, never concurrently with a read): new
   * positions for every board, then each resyncs from storage, which holds everything added
   * up to those positions. Throws if Redis is still unreachable (the loop retries).
   */
  private async reconnected(): Promise<void> {
    if (this.reader.status !== 'ready') throw new Error(`Redis reader is ${this.reader.status}`);
    this.lostConnection = false;
    this.readerId = null;
    const subscriptions = [...this.subscriptions.entries()];
    this.options.log.warn('fanout.reconnected', { boards: subscriptions.length });
    if (subscriptions.length === 0) return;
    const positions = await this.onReader(
      this.reader.qiStreamPositions(subscriptions.length, ...subscriptions.map(([key]) => key)),
    );
    subscriptions.forEach(([key, subscription], i) => {
      if (this.subscriptions.get(key) !== subscription) return;
      subscription.id = String(positions[i * 3]);
      subscription.index = Number(positions[i * 3 + 1]);
      this.resyncs.inc();
      subscription.listener.resync();
      this.add(subscription.boardId, [QUERY]);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.subscriptions.clear();
    this.wake?.();
    this.reader.disconnect();
    await this.reading?.catch(() => undefined);
    try {
      // Queued publishes go first; then peers see this process gone at once.
      await withTimeout(this.command.del(this.peerKey(this.processId)), 2000, 'Redis');
      await withTimeout(this.command.quit(), 2000, 'Redis quit');
    } catch (error) {
      this.options.log.warn('fanout.close_failed', { error });
      this.command.disconnect();
    }
  }
}
