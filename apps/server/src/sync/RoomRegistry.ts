import type * as Y from 'yjs';
import { CloseCode } from '@qi/protocol';
import type { Logger } from '../log';
import type { Storage, UpdateRecord } from '../storage/Storage';
import { readTitle, docFromStored } from './boardDoc';
import { LoadGauge, type AwarenessPace } from './AwarenessPace';
import { Connection, type ConnectionOptions } from './Connection';
import { LocalFanout, type Fanout } from './Fanout';
import { Room, type RoomHost, type RoomLimits } from './Room';
import type { SyncSocket } from './SyncSocket';
import { KEEPALIVE_FRAME } from './wire';

/** How often connections that heard nothing get a keep-alive (the stock client gives up after 30 s). */
const KEEPALIVE_MS = 10_000;
/** Retry delays after a failed storage append, in ms (the last one repeats). */
const RETRY_MS = [50, 200, 1000, 5000];

type Batch = ReturnType<Room['takePending']>;

/** A server change could not be made: the board's room cannot load (storage failing) or is closing. */
export class RoomUnavailableError extends Error {
  constructor(readonly boardId: string) {
    super('the board could not be loaded; try again shortly');
    this.name = 'RoomUnavailableError';
  }
}

/**
 * The sync core's entry point: one Room per loaded board, created on first connection and
 * dropped after the idle grace period. Also the storage batcher: updates from every room that
 * arrive in one event-loop turn are appended in one transaction, then broadcast and published
 * to the fan-out (other processes).
 */
export class RoomRegistry implements RoomHost {
  private readonly rooms = new Map<string, Room>();
  private readonly dirty = new Set<Room>();
  private flushScheduled = false;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly keepAliveTimer: NodeJS.Timeout;
  private closing = false;
  /**
   * Called once a stored batch was broadcast to every room's connections (the transport
   * writes the queued frames then, instead of a loop turn later).
   */
  afterBroadcast: () => void = () => undefined;
  /** Resolvers of server changes still in a room's pending updates (not yet taken by a flush). */
  private readonly waiting = new Map<Room, (() => void)[]>();

  constructor(
    readonly storage: Storage,
    readonly limits: RoomLimits,
    private readonly log: Logger,
    /** Other processes serving the same boards; stored updates are published to it. */
    readonly fanout: Fanout = new LocalFanout(),
    /** How rooms pace awareness; by default from this process's event-loop utilisation. */
    readonly awarenessPace: AwarenessPace & { stop?(): void } = new LoadGauge(),
  ) {
    this.keepAliveTimer = setInterval(() => {
      for (const room of this.rooms.values()) room.keepAlive(KEEPALIVE_FRAME);
    }, KEEPALIVE_MS);
    this.keepAliveTimer.unref();
  }

  /**
   * Attaches a socket to a board; the caller forwards frames to `receive` and the socket's close
   * to `closedByTransport`. Returns null (after closing the socket with 1001) while shutting down.
   */
  connect(boardId: string, socket: SyncSocket, options: ConnectionOptions): Connection | null {
    if (this.closing) {
      socket.close(CloseCode.goingAway, 'server shutting down');
      return null;
    }
    const room = this.roomFor(boardId);
    const connection = new Connection(socket, room, options);
    room.join(connection);
    return connection;
  }

  private roomFor(boardId: string): Room {
    let room = this.rooms.get(boardId);
    if (!room) {
      room = new Room(boardId, this, this.log.child({ board: boardId }));
      this.rooms.set(boardId, room);
    }
    return room;
  }

  /**
   * Runs `change` on a board's document as the server (one transaction, SERVER_ORIGIN: the
   * facilitation guard does not apply), loading the board if needed. Resolves once storage holds
   * the change; it is then broadcast to every connection and published to other processes.
   * Rejects with RoomUnavailableError when the board cannot be loaded, or with what `change` threw
   * (write nothing before throwing: what it wrote stays).
   */
  async changeBoard<T>(boardId: string, change: (doc: Y.Doc) => T): Promise<T> {
    if (this.closing) throw new RoomUnavailableError(boardId);
    const room = this.roomFor(boardId);
    await room.loaded;
    if (!room.isReady) throw new RoomUnavailableError(boardId);
    const { value, changed } = room.changeAsServer(change);
    if (changed) {
      await new Promise<void>((resolve) => {
        this.waiting.set(room, [...(this.waiting.get(room) ?? []), resolve]);
      });
    }
    return value;
  }

  /** The loaded room of a board, if any (tests, metrics). */
  peek(boardId: string): Room | undefined {
    return this.rooms.get(boardId);
  }

  /** The board's live title: from the loaded document, else from storage; null if no such board. */
  async readTitle(boardId: string): Promise<string | null> {
    const room = this.rooms.get(boardId);
    if (room?.isReady) return room.title();
    const stored = await this.storage.loadBoard(boardId);
    if (!stored) return null;
    const doc = docFromStored(stored);
    const title = readTitle(doc);
    doc.destroy();
    return title;
  }

  /** False while storage appends are failing (changes are kept in memory and retried). */
  get storageHealthy(): boolean {
    return this.failures === 0;
  }

  get stats(): { rooms: number; connections: number } {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  schedulePersist(room: Room): void {
    this.dirty.add(room);
    if (this.flushScheduled || this.flushing || this.retryTimer) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  /** Appends every dirty room's pending updates in one transaction, then lets each room broadcast. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.flushing || this.dirty.size === 0) return;
    const rooms = [...this.dirty];
    this.dirty.clear();
    const batches: Batch[] = [];
    const records: UpdateRecord[] = [];
    const waiters: (() => void)[][] = [];
    for (const room of rooms) {
      waiters.push(this.waiting.get(room) ?? []);
      this.waiting.delete(room);
      const batch = room.takePending();
      batches.push(batch);
      for (const update of batch.updates) records.push({ boardId: room.boardId, update });
    }
    this.flushing = this.storage.appendUpdates(records).then(
      (seqs) => {
        this.failures = 0;
        let offset = 0;
        for (let i = 0; i < rooms.length; i++) {
          const batch = batches[i]!;
          offset += batch.updates.length;
          const lastSeq = batch.updates.length > 0 ? seqs[offset - 1]! : 0;
          // Stored durably: now other processes may have it too.
          if (batch.updates.length > 0)
            this.fanout.publishUpdates(rooms[i]!.boardId, batch.updates);
          // One room's failure to broadcast must not leave the others thinking nothing was stored.
          try {
            rooms[i]!.persisted(batch, lastSeq);
          } catch (error) {
            this.log.error('room.broadcast_failed', { board: rooms[i]!.boardId, error });
          }
          for (const resolve of waiters[i]!) resolve();
        }
        this.afterBroadcast();
      },
      (error: unknown) => {
        // Nothing was broadcast; the document keeps the changes and the append is retried.
        this.failures++;
        this.log.error('storage.append_failed', {
          error,
          updates: records.length,
          attempt: this.failures,
        });
        for (let i = 0; i < rooms.length; i++) {
          rooms[i]!.restorePending(batches[i]!);
          this.waiting.set(rooms[i]!, [...waiters[i]!, ...(this.waiting.get(rooms[i]!) ?? [])]);
          this.dirty.add(rooms[i]!);
        }
      },
    );
    void this.flushing.finally(() => {
      this.flushing = null;
      if (this.dirty.size === 0) return;
      if (this.failures === 0) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      } else {
        const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length) - 1]!;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.flush();
        }, delay);
      }
    });
  };

  /** Resolves once nothing is waiting for storage (or storage keeps failing past `deadline`). */
  async drain(deadline = Date.now() + 10_000): Promise<void> {
    while ((this.flushing || this.dirty.size > 0 || this.retryTimer) && Date.now() < deadline) {
      if (this.flushing) await this.flushing;
      else if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.flush();
      } else this.flush();
    }
  }

  roomIdle(room: Room): void {
    // With unsaved changes the room stays; `persisted` re-arms the idle timer.
    if (room.connections.size > 0 || room.hasUnsaved || this.rooms.get(room.boardId) !== room) {
      return;
    }
    this.rooms.delete(room.boardId);
    void room.compact().finally(() => room.dispose());
    this.log.debug('room.unloaded', { board: room.boardId });
  }

  roomFailed(room: Room): void {
    if (this.rooms.get(room.boardId) === room) this.rooms.delete(room.boardId);
    room.dispose();
  }

  /**
   * Graceful shutdown: stores everything pending, closes every socket with 1001 (clients
   * reconnect elsewhere), compacts and unloads every room. Storage stays open (the caller owns it).
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.keepAliveTimer);
    this.awarenessPace.stop?.();
    await this.drain();
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) {
        connection.close(CloseCode.goingAway, 'server shutting down');
      }
    }
    await this.drain();
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all(rooms.map((room) => room.loaded.then(() => room.compact())));
    for (const room of rooms) room.dispose();
  }
}
