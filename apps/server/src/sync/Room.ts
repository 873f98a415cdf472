import * as Y from 'yjs';
import { readPatientDataMode, strictestPatientDataMode, type PatientDataMode } from '@qi/model';
import { CloseCode, MessageType, RefusalReason, SyncStep } from '@qi/protocol';
import type { Logger } from '../log';
import type { Storage } from '../storage/Storage';
import type { AwarenessPace } from './AwarenessPace';
import { AwarenessTable } from './AwarenessTable';
import { docFromStored, readTitle } from './boardDoc';
import { Connection } from './Connection';
import { facilitationRefusal } from './FacilitationGuard';
import { patientIdentifierIn } from './PatientDataGuard';
import type { Fanout, RemoteBoardListener } from './Fanout';
import {
  BadMessageError,
  decodeClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isEmptyStateVector,
} from './wire';

/** Limits and thresholds a room obeys (from Config). */
export interface RoomLimits {
  roomIdleMs: number;
  compactMaxUpdates: number;
  compactMaxBytes: number;
  maxMessageBytes: number;
  /** A write that would grow the board's stored size past this closes its sender with 4413. */
  maxDocBytes?: number;
  /**
   * `block`: updates adding text that looks like a patient identifier are refused with 4422. A
   * board's facilitator may also choose block for that board; the stricter of the two applies.
   */
  patientDataMode?: PatientDataMode;
  hospitalNumberPatterns?: readonly string[];
}

/** What a room needs from its registry. */
export interface RoomHost {
  readonly storage: Storage;
  readonly fanout: Fanout;
  readonly limits: RoomLimits;
  /**
   * The awareness tick: changes are collected `tickMs`, then sent as one message with the
   * latest entry of each changed client id. Intermediate cursor positions are dropped, and N
   * movers cost each socket one frame per tick instead of N. Longer, and never at once, while
   * the process is busy (LoadGauge).
   */
  readonly awarenessPace: AwarenessPace;
  /** Queues the room's pending updates for the next storage batch. */
  schedulePersist(room: Room): void;
  /** The room has had no connection for `roomIdleMs`. */
  roomIdle(room: Room): void;
  /** The room cannot serve (board missing, load failed) and must be forgotten. */
  roomFailed(room: Room): void;
}

type RoomState = 'loading' | 'ready' | 'closed';

/** Rooms with more connections than this send every awareness change in a tick, none at once. */
export const AWARENESS_COALESCE_ABOVE = 50;

/**
 * Transaction origin of changes another process stored (fan-out, resync): broadcast to local
 * connections, never stored again.
 */
export const REMOTE_ORIGIN = Symbol('remote');

/**
 * Transaction origin of changes the server makes itself (workshop routes): no connection's
 * guards apply; stored, then broadcast to every connection and to other processes.
 */
export const SERVER_ORIGIN = Symbol('server');

/** Updates of a batch are merged into one broadcast only when each is at most this big. */
const MERGE_MAX_BYTES = 4096;

/** An awareness update with no entries. */
const NO_AWARENESS = new Uint8Array([0]);

/** Delay before retrying a resync whose storage load failed. */
const RESYNC_RETRY_MS = 1000;

/** Awareness owner standing for the clients of another server process. */
interface RemotePeer {
  readonly awarenessIds: Set<number>;
}

/**
 * One board's live document and the connections on it.
 * Invariants: no sync message is answered before the stored state is loaded; every document
 * change is stored before anyone receives it (broadcast or step 2); awareness states live
 * exactly as long as the connection that published them.
 */
export class Room implements RemoteBoardListener {
  private state: RoomState = 'loading';
  private doc: Y.Doc | null = null;
  readonly connections = new Set<Connection>();
  private readonly awareness = new AwarenessTable();
  /** Changes applied to the document and not yet handed to storage, with their origins. */
  private pending: Uint8Array[] = [];
  private pendingOrigins: (Connection | null)[] = [];
  /** Document changes applied so far, and how many of them storage holds (in order). */
  private appliedCount = 0;
  private storedCount = 0;
  /**
   * Step 2 answers encoded while changes were unsaved, each released once the first `until`
   * changes are stored. Later changes never hold an answer back, so joins cannot starve.
   */
  private heldAnswers: { connection: Connection; frame: Uint8Array; until: number }[] = [];
  /** Cached full state and its step-2 frame; null after any change. */
  private fullState: Uint8Array | null = null;
  private fullStateFrame: Uint8Array | null = null;
  private step1Frame: Uint8Array | null = null;
  /** Storage log bookkeeping: last stored sequence number, and updates/bytes since the snapshot. */
  private lastSeq = 0;
  private logUpdates = 0;
  private logBytes = 0;
  /** Bytes of the stored snapshot (for the document size limit). */
  private snapshotBytes = 0;
  private compacting: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Remote updates that arrived while loading, applied once the document exists. */
  private remoteQueue: Uint8Array[] = [];
  private readonly peers = new Map<string, RemotePeer>();
  /** Client ids whose awareness changed since the last tick (big rooms only). */
  private awarenessTick = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private resyncing: Promise<void> | null = null;
  private resyncAgain = false;
  readonly loaded: Promise<void>;

  constructor(
    readonly boardId: string,
    private readonly host: RoomHost,
    private readonly log: Logger,
  ) {
    this.loaded = this.load();
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** True while some change lives only in memory (not yet durably stored). */
  get hasUnsaved(): boolean {
    return this.storedCount < this.appliedCount;
  }

  /** The live title (meta.title), or null while not loaded. */
  title(): string | null {
    return this.doc ? readTitle(this.doc) : null;
  }

  private async load(): Promise<void> {
    const started = performance.now();
    let stored;
    let doc: Y.Doc | null = null;
    try {
      // Subscribed first: whatever another process stores after the load started still arrives.
      await this.host.fanout.subscribe(this.boardId, this);
      stored = await this.host.storage.loadBoard(this.boardId);
      if (stored) doc = docFromStored(stored);
    } catch (error) {
      this.log.error('room.load_failed', { error });
      this.fail(CloseCode.tryAgainLater, 'board could not be loaded');
      return;
    }
    if (this.state === 'closed') return;
    if (!stored || !doc) {
      this.fail(CloseCode.boardNotFound, 'board not found', true);
      return;
    }
    doc.on('update', this.onDocUpdate);
    this.doc = doc;
    // A board stored as a bare snapshot: those bytes are its full state, so the first fresh
    // client is not made to wait for an encode (any change drops the cache).
    if (stored.snapshot && stored.updates.length === 0) this.fullState = stored.snapshot;
    for (const update of this.remoteQueue.splice(0)) Y.applyUpdate(doc, update, REMOTE_ORIGIN);
    this.lastSeq = stored.lastSeq;
    this.logUpdates = stored.updates.length;
    this.logBytes = stored.updateBytes;
    this.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    this.state = 'ready';
    this.log.debug('room.loaded', {
      updates: stored.updates.length,
      ms: Math.round(performance.now() - started),
    });
    for (const connection of [...this.connections]) {
      this.greet(connection);
      const queued = connection.queued;
      connection.queued = [];
      connection.queuedBytes = 0;
      for (const frame of queued) {
        if (connection.isClosed) break;
        this.handle(connection, frame);
      }
    }
    this.maybeCompact();
    if (this.connections.size === 0) this.startIdleTimer();
  }

  private fail(code: number, reason: string, permissionDenied = false): void {
    this.state = 'closed';
    for (const connection of [...this.connections]) {
      if (permissionDenied) connection.send(encodePermissionDenied(reason));
      connection.close(code, reason);
    }
    this.host.roomFailed(this);
  }

  /** Adds a connection; it is greeted now if the room is ready, else once loading ends. */
  join(connection: Connection): void {
    this.stopIdleTimer();
    this.connections.add(connection);
    if (this.state === 'ready') this.greet(connection);
  }

  /** The server's step 1 (so the client sends what we lack), then everyone's awareness. */
  private greet(connection: Connection): void {
    if (!this.step1Frame) this.step1Frame = encodeSyncStep1(Y.encodeStateVector(this.doc!));
    connection.send(this.step1Frame);
    const everyone = this.awareness.encodeAll();
    if (everyone) connection.send(encodeAwareness(everyone));
  }

  /** Removes a connection; its awareness states are removed and the removal broadcast at once. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const removal = this.awareness.removeOwnedBy(connection, connection.awarenessIds);
    if (removal) {
      this.broadcast(encodeAwareness(removal), null);
      this.host.fanout.publishAwareness(this.boardId, removal);
    }
    this.heldAnswers = this.heldAnswers.filter((held) => held.connection !== connection);
    if (this.connections.size === 0 && this.state === 'ready') this.startIdleTimer();
  }

  /** A frame from `connection`: queued while loading, else handled. Bad input closes only it. */
  receive(connection: Connection, frame: Uint8Array): void {
    const { maxMessageBytes } = this.host.limits;
    if (frame.byteLength > maxMessageBytes) {
      this.log.warn('sync.too_large', { connection: connection.id, bytes: frame.byteLength });
      connection.close(CloseCode.tooLarge, `message larger than ${maxMessageBytes} bytes`);
      return;
    }
    if (this.state === 'loading') {
      connection.queuedBytes += frame.byteLength;
      if (connection.queuedBytes > 2 * maxMessageBytes) {
        connection.close(CloseCode.tryAgainLater, 'too much sent while the board loads');
        return;
      }
      connection.queued.push(frame);
      return;
    }
    if (this.state === 'ready') this.handle(connection, frame);
  }

  private handle(connection: Connection, frame: Uint8Array): void {
    try {
      const message = decodeClientMessage(frame);
      switch (message.type) {
        case MessageType.sync:
          if (message.step === SyncStep.step1) this.onStep1(connection, message.payload);
          else this.onUpdate(connection, message.payload);
          break;
        case MessageType.awareness:
          this.onAwareness(connection, message.payload, frame);
          break;
        case MessageType.queryAwareness: {
          const everyone = this.awareness.encodeAll();
          if (everyone) connection.send(encodeAwareness(everyone));
          break;
        }
      }
    } catch (error) {
      const bad = error instanceof BadMessageError;
      this.log[bad ? 'warn' : 'error']('sync.bad_message', {
        connection: connection.id,
        bytes: frame.byteLength,
        error,
      });
      connection.close(CloseCode.badMessage, bad ? error.message : 'message could not be applied');
    }
  }

  /**
   * An awareness update: bound to its connection, applied to the table, then forwarded. The
   * first change after a quiet spell goes out at once; changes during the following tick are
   * collected and sent at its end as one message of each changed client id's latest entry
   * (the same bytes to everyone), so a busy room costs each socket one frame per tick and a
   * stock provider, which echoes every change it hears, one echo per tick. Big rooms, and
   * every room while the process is busy (AwarenessPace), collect from the first change on.
   */
  private onAwareness(connection: Connection, payload: Uint8Array, frame: Uint8Array): void {
    // The binding rule (AwarenessBinding): own client id only, server-bound `user`.
    const binding = connection.options.awareness;
    const bound = binding
      ? binding.filter(payload, connection, (id) => this.awareness.ownerOf(id))
      : payload;
    if (!bound) return;
    // A reconnected client whose old state the board removed is told, so it re-publishes.
    const notice = binding?.staleNotice((id) => this.awareness.removedClock(id));
    if (notice) connection.send(encodeAwareness(notice));
    // The binding wrote the JSON of the state it let through: no need to check it again.
    const checked = binding !== undefined;
    const pace = this.host.awarenessPace;
    if (this.awarenessTimer || !pace.atOnce || this.connections.size > AWARENESS_COALESCE_ABOVE) {
      const ids = connection.awarenessIds;
      if (this.awareness.apply(bound, connection, ids, this.awarenessTick, checked)) {
        this.awarenessTimer ??= setTimeout(this.sendAwarenessTick, pace.tickMs);
      }
      return;
    }
    const forward = this.awareness.apply(bound, connection, connection.awarenessIds, null, checked);
    if (!forward) return;
    // When every entry was taken as sent, the client's own frame is forwarded untouched.
    this.broadcast(forward === payload ? frame : encodeAwareness(forward), connection);
    this.host.fanout.publishAwareness(this.boardId, forward);
    this.awarenessTimer = setTimeout(this.sendAwarenessTick, pace.tickMs);
  }

  private onStep1(connection: Connection, stateVector: Uint8Array): void {
    try {
      Y.decodeStateVector(stateVector);
    } catch (cause) {
      throw new BadMessageError('malformed state vector', { cause });
    }
    let frame: Uint8Array;
    if (isEmptyStateVector(stateVector)) {
      if (!this.fullStateFrame) this.fullStateFrame = encodeSyncStep2(this.encodeFullState());
      frame = this.fullStateFrame;
    } else {
      frame = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc!, stateVector));
    }
    // Unsaved changes must not reach anyone before they are stored: hold the answer until then.
    if (this.storedCount < this.appliedCount) {
      this.heldAnswers.push({ connection, frame, until: this.appliedCount });
    } else {
      connection.send(frame);
    }
  }

  private encodeFullState(): Uint8Array {
    if (!this.fullState) this.fullState = Y.encodeStateAsUpdate(this.doc!);
    return this.fullState;
  }

  private onUpdate(connection: Connection, update: Uint8Array): void {
    if (!connection.options.canWrite) return;
    // Approximate document size: the snapshot plus the stored log, plus this update.
    const { maxDocBytes = Infinity } = this.host.limits;
    if (this.snapshotBytes + this.logBytes + update.byteLength > maxDocBytes) {
      this.log.warn('sync.board_full', { connection: connection.id, bytes: update.byteLength });
      connection.close(CloseCode.tooLarge, RefusalReason.boardFull);
      return;
    }
    // Validate fully before applying: Yjs integrates structs before reading the delete set,
    // so a truncated update would otherwise change the document and then throw.
    let decoded;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (cause) {
      throw new BadMessageError('invalid Yjs update', { cause });
    }
    const { role } = connection.options;
    const refusal = role ? facilitationRefusal(this.doc!, decoded, role) : null;
    if (refusal) {
      // Dropped unapplied; the sender's copy now differs, so it must rejoin to resync.
      this.log.info('sync.refused', { connection: connection.id, reason: refusal });
      connection.send(encodePermissionDenied(refusal));
      connection.close(CloseCode.refusedChange, refusal);
      return;
    }
    const { patientDataMode, hospitalNumberPatterns = [] } = this.host.limits;
    if (strictestPatientDataMode(patientDataMode, readPatientDataMode(this.doc!)) === 'block') {
      const found = patientIdentifierIn(this.doc!, decoded, hospitalNumberPatterns);
      if (found) {
        // The text itself is never logged: it is the patient data being refused.
        this.log.info('sync.patient_identifier', { connection: connection.id, kind: found.kind });
        connection.send(encodePermissionDenied(RefusalReason.patientIdentifier));
        connection.close(CloseCode.patientIdentifier, RefusalReason.patientIdentifier);
        return;
      }
    }
    Y.applyUpdate(this.doc!, update, connection);
  }

  /**
   * Runs `change` on the loaded document in one transaction with SERVER_ORIGIN; `changed` says
   * whether it produced an update (now pending storage). Throws if the room is not ready.
   */
  changeAsServer<T>(change: (doc: Y.Doc) => T): { value: T; changed: boolean } {
    const doc = this.doc;
    if (this.state !== 'ready' || !doc) throw new Error('room is not ready');
    const before = this.appliedCount;
    let value!: T;
    doc.transact(() => {
      value = change(doc);
    }, SERVER_ORIGIN);
    return { value, changed: this.appliedCount > before };
  }

  /** Every change the document makes (deduplicated by Yjs) is queued for storage, then broadcast. */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = null;
    this.fullStateFrame = null;
    this.step1Frame = null;
    if (origin === REMOTE_ORIGIN) {
      // Stored by another process already: deliver now; it only counts towards compaction.
      this.logUpdates++;
      this.logBytes += update.byteLength;
      this.broadcast(encodeSyncUpdate(update), null);
      this.maybeCompact();
      return;
    }
    this.pending.push(update);
    this.pendingOrigins.push(origin instanceof Connection ? origin : null);
    this.appliedCount++;
    this.host.schedulePersist(this);
  };

  /** Hands the pending updates to the registry's storage batch. */
  takePending(): { updates: Uint8Array[]; origins: (Connection | null)[] } {
    const batch = { updates: this.pending, origins: this.pendingOrigins };
    this.pending = [];
    this.pendingOrigins = [];
    return batch;
  }

  /** Storage refused a batch: put it back in front of what came since, to be retried. */
  restorePending(batch: { updates: Uint8Array[]; origins: (Connection | null)[] }): void {
    this.pending = batch.updates.concat(this.pending);
    this.pendingOrigins = batch.origins.concat(this.pendingOrigins);
  }

  /** Storage holds the batch now: broadcast it, answer waiting step 1s, maybe compact. */
  persisted(
    batch: { updates: Uint8Array[]; origins: (Connection | null)[] },
    lastSeq: number,
  ): void {
    // Bookkeeping first: it must hold even if a send below throws.
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
    this.storedCount += batch.updates.length;
    this.logUpdates += batch.updates.length;
    for (const update of batch.updates) this.logBytes += update.byteLength;
    if (this.connections.size === 0 && this.state === 'ready') this.startIdleTimer();
    // Collected cursor moves keep to their tick: sent along, they put every socket's cursors
    // between a change and the next socket (measured: the workshop's p99 0.5-1 ms worse).
    this.broadcastBatch(batch.updates, batch.origins);
    while (this.heldAnswers.length > 0 && this.heldAnswers[0]!.until <= this.storedCount) {
      const held = this.heldAnswers.shift()!;
      held.connection.send(held.frame);
    }
    // After the sends: compaction encodes the full state, which should not delay delivery.
    this.maybeCompact();
  }

  /**
   * Broadcasts a stored batch. Small updates of a busy turn go out merged (Yjs merges updates of
   * different clients losslessly), so a client applies one transaction per batch, not one per
   * update; a connection that sent some of them gets the others one by one instead, since
   * nobody is sent its own change back.
   */
  private broadcastBatch(updates: Uint8Array[], origins: (Connection | null)[]): void {
    if (updates.length === 1 || updates.some((u) => u.byteLength > MERGE_MAX_BYTES)) {
      for (let i = 0; i < updates.length; i++) {
        this.broadcast(encodeSyncUpdate(updates[i]!), origins[i] ?? null);
      }
      return;
    }
    const senders = new Set<Connection>();
    for (const origin of origins) if (origin) senders.add(origin);
    const merged = encodeSyncUpdate(Y.mergeUpdates(updates));
    for (const connection of this.connections) {
      if (!senders.has(connection) && this.state === 'ready') connection.send(merged);
    }
    if (senders.size === 0) return;
    const frames = updates.map(encodeSyncUpdate);
    for (const sender of senders) {
      if (!this.connections.has(sender) || this.state !== 'ready') continue;
      for (let i = 0; i < frames.length; i++) if (origins[i] !== sender) sender.send(frames[i]!);
    }
  }

  /**
   * The awareness tick: the current entry of every client id changed since the last one, to
   * everyone (a sender's own entry comes back with a clock it already has, which it ignores)
   * but a connection whose own entries are all the tick holds.
   */
  private readonly sendAwarenessTick = (): void => {
    this.awarenessTimer = null;
    if (this.awarenessTick.size === 0 || this.state !== 'ready') return;
    const ids = this.awarenessTick;
    this.awarenessTick = new Set();
    const update = this.awareness.encodeEntries(ids);
    if (update) {
      this.broadcast(encodeAwareness(update), this.soleOwner(ids));
      // Other processes get the tick too, not every message of it.
      this.host.fanout.publishAwareness(this.boardId, update);
    }
    // Still busy: the next tick collects again; a quiet tick ends the run.
    this.awarenessTimer = setTimeout(this.sendAwarenessTick, this.host.awarenessPace.tickMs);
  };

  /** The local connection that owns every one of `ids` (all live), or null if there is none. */
  private soleOwner(ids: Set<number>): Connection | null {
    let sole: Connection | null = null;
    for (const id of ids) {
      const owner = this.awareness.ownerOf(id);
      if (!(owner instanceof Connection) || (sole !== null && owner !== sole)) return null;
      sole = owner;
    }
    return sole;
  }

  /** Sends one encoded frame to every connection but `except` (the sender). */
  private broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.connections) {
      if (connection !== except && this.state === 'ready') connection.send(frame);
    }
  }

  private maybeCompact(): void {
    const { compactMaxUpdates, compactMaxBytes } = this.host.limits;
    if (this.logUpdates >= compactMaxUpdates || this.logBytes >= compactMaxBytes) {
      void this.compact();
    }
  }

  /**
   * Merges the update log into a snapshot: the document's full state replaces the snapshot and
   * the stored updates it covers are deleted, in one storage transaction. Safe to call anytime;
   * a failure leaves the log in place (nothing is lost) and is retried at the next trigger.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (!this.doc || this.logUpdates === 0) return Promise.resolve();
    const updates = this.logUpdates;
    const bytes = this.logBytes;
    const started = performance.now();
    const { storage, fanout } = this.host;
    let written = 0;
    const task = fanout.shared
      ? // Other processes append too, so this document may lack some stored update: merge what
        // storage holds instead, under the board's lease (one process at a time).
        () =>
          fanout
            .withCompactionLease(this.boardId, async () => {
              const stored = await storage.loadBoard(this.boardId);
              if (!stored) return;
              const doc = docFromStored(stored);
              const snapshot = Y.encodeStateAsUpdate(doc);
              doc.destroy();
              written = snapshot.byteLength;
              await storage.compact(this.boardId, snapshot, stored.lastSeq);
            })
            .then(() => undefined)
      : () => {
          const snapshot = this.encodeFullState();
          written = snapshot.byteLength;
          return storage.compact(this.boardId, snapshot, this.lastSeq);
        };
    this.compacting = task()
      .then(
        () => {
          this.logUpdates -= updates;
          this.logBytes -= bytes;
          this.snapshotBytes = written;
          this.log.debug('room.compacted', {
            updates,
            bytes,
            snapshotBytes: written,
            ms: Math.round(performance.now() - started),
          });
        },
        (error: unknown) => this.log.error('room.compact_failed', { error }),
      )
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.connections.size === 0) this.host.roomIdle(this);
    }, this.host.limits.roomIdleMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Sends a frame to connections that heard nothing since the last tick (see KEEPALIVE_FRAME). */
  keepAlive(frame: Uint8Array): void {
    for (const connection of this.connections) {
      if (!connection.sentSinceTick && this.state === 'ready') connection.send(frame);
      connection.sentSinceTick = false;
    }
  }

  remoteUpdates(updates: readonly Uint8Array[]): void {
    if (this.state === 'closed') return;
    if (!this.doc) {
      this.remoteQueue.push(...updates);
      return;
    }
    // Yjs ignores what the document already has (duplicates) and holds back what it cannot
    // integrate yet until the missing part arrives.
    for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  remoteAwareness(update: Uint8Array, peerId: string): void {
    let peer = this.peers.get(peerId);
    if (!peer) this.peers.set(peerId, (peer = { awarenessIds: new Set() }));
    try {
      const forward = this.awareness.apply(update, peer, peer.awarenessIds);
      if (forward) this.broadcast(encodeAwareness(forward), null);
    } catch (error) {
      this.log.warn('fanout.bad_awareness', { peer: peerId, error });
    }
  }

  peerGone(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    const removal = this.awareness.removeOwnedBy(peer, peer.awarenessIds);
    if (removal) this.broadcast(encodeAwareness(removal), null);
  }

  awarenessQueried(): void {
    const local = this.awareness.encodeOwnedBy((owner) => owner instanceof Connection);
    // Answered even when empty: the asker learns that this process serves the board.
    this.host.fanout.publishAwareness(this.boardId, local ?? NO_AWARENESS);
  }

  /** Applies whatever storage holds that the document lacks; the gain is broadcast locally. */
  resync(): void {
    if (this.state === 'closed') return;
    if (this.resyncing) {
      // The load in flight may have read storage before what this request is about was stored.
      this.resyncAgain = true;
      return;
    }
    this.resyncAgain = false;
    this.resyncing = this.loaded
      .then(async () => {
        const stored = await this.host.storage.loadBoard(this.boardId);
        if (!stored || !this.doc) return;
        const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
        if (parts.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(parts), REMOTE_ORIGIN);
        this.log.info('room.resynced', { updates: stored.updates.length });
      })
      .then(
        () => {
          this.resyncing = null;
          if (this.resyncAgain) this.resync();
        },
        (error: unknown) => {
          // Storage is failing: try again shortly, a gap must not stay open.
          this.log.error('room.resync_failed', { error });
          setTimeout(() => {
            this.resyncing = null;
            this.resync();
          }, RESYNC_RETRY_MS).unref();
        },
      );
  }

  /** Releases the document. The caller has made sure nothing is unsaved. */
  dispose(): void {
    this.stopIdleTimer();
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.host.fanout.unsubscribe(this.boardId, this);
    this.state = 'closed';
    this.doc?.off('update', this.onDocUpdate);
    this.doc?.destroy();
    this.doc = null;
  }
}
