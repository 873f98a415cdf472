import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';

/** Wire framing: stock y-websocket, or Hocuspocus (document name before every message, auth first). */
export type Framing = 'y-websocket' | 'hocuspocus';

export interface BenchClientOptions {
  /** ws://host:port/sync for y-websocket framing (room appended), ws://host:port for Hocuspocus. */
  url: string;
  room: string;
  framing: Framing;
  /**
   * Behave like the stock y-websocket provider: re-send every awareness change, remote ones too.
   * Off: send only this client's own awareness changes (what QI Board's web client does).
   */
  echoRemoteAwareness: boolean;
  /**
   * Apply received awareness to the client's Awareness (default). Off for the silent majority
   * of a busy load, where parsing everyone's cursor in every client would measure the
   * generator, not the server: such a client keeps only each client id's clock and, with
   * `echoRemoteAwareness`, re-sends exactly the entries the stock provider would (those newer
   * than it had), as the same bytes, without parsing their JSON.
   */
  parseAwareness?: boolean;
  /**
   * This client changes its document (default). Off for clients that only listen: they then
   * have no 'update' listener, so Yjs does not encode every update they receive for nothing
   * (their wire behaviour is the same: a listener sends only local changes).
   */
  writes?: boolean;
  /**
   * Keep the server's step 2 unapplied until `applyDeferred()`: many fresh clients in this one
   * process would otherwise each wait for the others' Y.Doc work before their bytes are read.
   */
  deferStep2?: boolean;
}

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_QUERY_AWARENESS = 3;
const MSG_SYNC_REPLY = 4;

/**
 * A load-test client with a real Y.Doc and Awareness over a real WebSocket, speaking the same
 * messages as the stock provider (and, for Hocuspocus, its framing). Lighter than the provider:
 * no reconnect, no BroadcastChannel.
 */
export class BenchClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  readonly closed: Promise<void>;
  /** Resolves when the server's step 2 (the full answer) has arrived, applied or not. */
  readonly received: Promise<void>;
  /** When the step 2 arrived (performance.now()), or NaN. */
  step2At = Number.NaN;
  private markReceived!: () => void;
  private deferred: Buffer | null = null;
  framesIn = 0;
  bytesIn = 0;
  /** Called with the number of other clients' entries taken, when awareness is not parsed. */
  onRemoteAwareness: ((taken: number) => void) | null = null;
  /** Clocks of other clients' entries, and whether each is live (unparsed awareness only). */
  private readonly clocks = new Map<number, { clock: number; live: boolean }>();
  private markSynced!: () => void;
  private readonly opts: BenchClientOptions;

  constructor(opts: BenchClientOptions) {
    this.opts = opts;
    let failSync!: (error: Error) => void;
    this.synced = new Promise((resolve, reject) => {
      this.markSynced = resolve;
      failSync = reject;
    });
    // A socket refused or dropped before the first step 2 fails the run instead of hanging it.
    this.synced.catch(() => undefined);
    this.received = new Promise((resolve) => (this.markReceived = resolve));
    const url = opts.framing === 'y-websocket' ? `${opts.url}/${opts.room}` : opts.url;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code: number, reason: Buffer) => {
        failSync(new Error(`${opts.room.split('?')[0]}: closed ${code} ${reason.toString()}`));
        resolve();
      }),
    );
    this.ws.on('error', () => undefined);
    this.ws.on('open', () => this.onOpen());
    this.ws.on('message', (data: Buffer) => this.onMessage(data));
    if (opts.writes !== false) {
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this) return;
        this.send((e) => {
          encoding.writeVarUint(e, MSG_SYNC);
          syncProtocol.writeUpdate(e, update);
        });
      });
    }
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = added.concat(updated, removed);
        const clients = opts.echoRemoteAwareness
          ? changed
          : origin === this
            ? []
            : changed.filter((id) => id === this.doc.clientID);
        if (clients.length === 0) return;
        this.sendAwareness(clients);
      },
    );
  }

  /** Publishes this client's awareness state (a cursor, a name). */
  setAwareness(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
  }

  /** Applies a step 2 held back by `deferStep2`. */
  applyDeferred(): void {
    const data = this.deferred;
    this.deferred = null;
    if (data) this.onMessage(data);
  }

  close(): void {
    this.awareness.destroy();
    this.ws.close();
    this.doc.destroy();
  }

  private onOpen(): void {
    if (this.opts.framing === 'hocuspocus') {
      this.send((e) => {
        encoding.writeVarUint(e, MSG_AUTH);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, '');
      });
    }
    this.send((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      syncProtocol.writeSyncStep1(e, this.doc);
    });
    if (this.awareness.getLocalState() !== null) this.sendAwareness([this.doc.clientID]);
  }

  private onMessage(data: Buffer): void {
    this.framesIn++;
    this.bytesIn += data.length;
    const decoder = decoding.createDecoder(data);
    if (this.opts.framing === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MSG_SYNC:
      case MSG_SYNC_REPLY: {
        if (data[decoder.pos] === syncProtocol.messageYjsSyncStep2 && Number.isNaN(this.step2At)) {
          this.step2At = performance.now();
          this.markReceived();
          if (this.opts.deferStep2) {
            this.deferred = data;
            break;
          }
        }
        const encoder = encoding.createEncoder();
        this.writePrefix(encoder);
        encoding.writeVarUint(encoder, MSG_SYNC);
        const before = encoding.length(encoder);
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (syncType === syncProtocol.messageYjsSyncStep2) this.markSynced();
        if (encoding.length(encoder) > before) this.ws.send(encoding.toUint8Array(encoder));
        break;
      }
      case MSG_AWARENESS:
        if (this.opts.parseAwareness === false) {
          this.takeUnparsed(decoding.readVarUint8Array(decoder), data);
          break;
        }
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          this,
        );
        break;
      case MSG_QUERY_AWARENESS:
        this.sendAwareness(Array.from(this.awareness.getStates().keys()));
        break;
      default:
        // auth replies and Hocuspocus' sync-status acknowledgements carry nothing we need
        break;
    }
  }

  /**
   * y-protocols' applyAwarenessUpdate for other clients' entries, on clocks only: an entry is
   * taken when its clock is newer, or equal with a null state for a live one. The stock
   * provider then re-sends the taken entries (added and updated, then removed) as it holds
   * them, which is the bytes received, since their JSON is what JSON.stringify wrote. When
   * every entry was taken that is the message received (`message`), sent back as it came.
   */
  private takeUnparsed(update: Uint8Array, message: Buffer): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: Uint8Array[] = [];
    const removed: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const start = decoder.pos;
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarUint8Array(decoder);
      if (clientId === this.doc.clientID) continue;
      const isNull =
        state.length === 4 && state[0] === 0x6e && state[1] === 0x75 && state[2] === 0x6c;
      const known = this.clocks.get(clientId);
      const current = known?.clock ?? 0;
      if (!(current < clock || (current === clock && isNull && known?.live))) continue;
      this.clocks.set(clientId, { clock, live: !isNull });
      const entry = update.subarray(start, decoder.pos);
      if (!isNull) kept.push(entry);
      else if (known) removed.push(entry);
    }
    const taken = kept.length + removed.length;
    if (taken === 0) return;
    this.onRemoteAwareness?.(taken);
    if (!this.opts.echoRemoteAwareness || this.ws.readyState !== WebSocket.OPEN) return;
    if (kept.length === count) {
      this.ws.send(message);
      return;
    }
    this.send((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      const body = encoding.createEncoder();
      encoding.writeVarUint(body, taken);
      for (const entry of kept) encoding.writeUint8Array(body, entry);
      for (const entry of removed) encoding.writeUint8Array(body, entry);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(body));
    });
  }

  private sendAwareness(clients: number[]): void {
    this.send((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients),
      );
    });
  }

  private writePrefix(encoder: encoding.Encoder): void {
    if (this.opts.framing === 'hocuspocus') encoding.writeVarString(encoder, this.opts.room);
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    this.writePrefix(encoder);
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
  }
}
