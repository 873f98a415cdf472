import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MessageType, isPermanentClose } from '@qi/protocol';

/** A connection that heard nothing this long is dropped and redialled (the server sends every 10 s). */
const SILENCE_MS = 30_000;
/** First reconnect delay; it doubles per failed attempt up to `maxBackoffMs`. */
const BASE_BACKOFF_MS = 100;

export type SyncStatus = 'connecting' | 'connected' | 'disconnected';

/** Events, named and shaped as y-websocket's WebsocketProvider emits them. */
export interface SyncProviderEvents {
  status: (event: { status: SyncStatus }) => void;
  /** True once the server's step 2 arrived on the current connection; false when it drops. */
  sync: (synced: boolean) => void;
  synced: (synced: boolean) => void;
  /** A socket closed; `event` is null when this side closed it. */
  'connection-close': (event: CloseEvent | null, provider: SyncProvider) => void;
  'connection-error': (event: Event, provider: SyncProvider) => void;
  /** The server refused for good (44xx): no more reconnects until `connect()`. */
  closed: (event: { code: number; reason: string }, provider: SyncProvider) => void;
}

export interface SyncProviderOptions {
  /** Connect at once (default true). */
  connect?: boolean;
  /** Query parameters of the sync URL (the capability token, join choices). */
  params?: Record<string, string>;
  awareness?: awarenessProtocol.Awareness;
  /** Longest wait between reconnect attempts (default 2,500 ms); delays are jittered. */
  maxBackoffMs?: number;
  /** The WebSocket class (tests pass a fake). */
  WebSocketImpl?: typeof WebSocket;
}

/**
 * QI Board's live-sync client: the y-websocket protocol (PROTOCOL.md) with the public surface of
 * y-websocket's WebsocketProvider that the board uses, but lean. It sends only this client's own
 * awareness changes (the stock provider re-sends every remote change, multiplying cursor
 * traffic by the room size), answers query-awareness with its own state only, reconnects with
 * jittered exponential backoff, and stops on 44xx closes (`isPermanentClose`).
 */
export class SyncProvider extends ObservableV2<SyncProviderEvents> {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly serverUrl: string;
  readonly roomname: string;
  /** Query parameters used by the next connection. */
  params: Record<string, string>;
  maxBackoffMs: number;
  /** Whether the provider wants to be connected (false after `disconnect()` or a 44xx close). */
  shouldConnect: boolean;
  ws: WebSocket | null = null;
  wsconnected = false;
  wsconnecting = false;
  private synchronized = false;
  private failedAttempts = 0;
  private lastMessageAt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly silenceTimer: ReturnType<typeof setInterval>;
  private readonly WebSocketImpl: typeof WebSocket;

  constructor(serverUrl: string, roomname: string, doc: Y.Doc, options: SyncProviderOptions = {}) {
    super();
    this.serverUrl = serverUrl.replace(/\/+$/, '');
    this.roomname = roomname;
    this.doc = doc;
    this.awareness = options.awareness ?? new awarenessProtocol.Awareness(doc);
    this.params = options.params ?? {};
    this.maxBackoffMs = options.maxBackoffMs ?? 2_500;
    this.WebSocketImpl = options.WebSocketImpl ?? WebSocket;
    this.shouldConnect = options.connect ?? true;
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.silenceTimer = setInterval(() => {
      if (this.wsconnected && Date.now() - this.lastMessageAt > SILENCE_MS) this.drop(null);
    }, SILENCE_MS / 10);
    if (this.shouldConnect) this.connect();
  }

  /** The sync URL: `<serverUrl>/<room>?<params>`. */
  get url(): string {
    const query = new URLSearchParams(this.params).toString();
    return `${this.serverUrl}/${this.roomname}${query ? `?${query}` : ''}`;
  }

  /** True once the server's full answer arrived on the current connection. */
  get synced(): boolean {
    return this.synchronized;
  }

  private set synced(state: boolean) {
    if (this.synchronized === state) return;
    this.synchronized = state;
    // A connection that synced did useful work: the next drop starts the backoff afresh.
    if (state) this.failedAttempts = 0;
    this.emit('synced', [state]);
    this.emit('sync', [state]);
  }

  connect(): void {
    this.shouldConnect = true;
    if (this.reconnectTimer !== null) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    if (this.ws === null) this.open();
  }

  disconnect(): void {
    this.shouldConnect = false;
    if (this.reconnectTimer !== null) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    if (this.ws !== null) this.drop(null);
  }

  override destroy(): void {
    clearInterval(this.silenceTimer);
    this.disconnect();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.doc.off('update', this.onDocUpdate);
    super.destroy();
  }

  private open(): void {
    const ws = new this.WebSocketImpl(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.wsconnecting = true;
    this.wsconnected = false;
    this.synced = false;
    ws.onmessage = (event: MessageEvent) => {
      if (this.ws !== ws) return;
      this.lastMessageAt = Date.now();
      this.receive(new Uint8Array(event.data as ArrayBuffer));
    };
    ws.onerror = (event) => {
      if (this.ws === ws) this.emit('connection-error', [event, this]);
    };
    ws.onclose = (event) => {
      if (this.ws === ws) this.drop(event);
    };
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastMessageAt = Date.now();
      this.wsconnecting = false;
      this.wsconnected = true;
      this.emit('status', [{ status: 'connected' }]);
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MessageType.sync);
        syncProtocol.writeSyncStep1(encoder, this.doc);
      });
      this.sendOwnAwareness();
    };
    this.emit('status', [{ status: 'connecting' }]);
  }

  /** Forgets the socket (closing it if open) and schedules a reconnect unless told not to. */
  private drop(event: CloseEvent | null): void {
    const ws = this.ws;
    if (ws === null) return;
    this.emit('connection-close', [event, this]);
    this.ws = null;
    ws.onmessage = null;
    ws.onopen = null;
    ws.onclose = null;
    ws.onerror = () => undefined;
    ws.close();
    this.wsconnecting = false;
    if (this.wsconnected) {
      this.wsconnected = false;
      this.synced = false;
      // Everyone else is unknown until the next connection says otherwise.
      const others = [...this.awareness.getStates().keys()].filter(
        (id) => id !== this.doc.clientID,
      );
      awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
      this.emit('status', [{ status: 'disconnected' }]);
    }
    this.failedAttempts++;
    if (event !== null && isPermanentClose(event.code)) {
      this.shouldConnect = false;
      this.emit('closed', [{ code: event.code, reason: event.reason }, this]);
      return;
    }
    if (!this.shouldConnect) return;
    const ceiling = Math.min(BASE_BACKOFF_MS * 2 ** this.failedAttempts, this.maxBackoffMs);
    // Jitter: after a server restart, a room's clients do not all come back in the same instant.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.shouldConnect && this.ws === null) this.open();
    }, delay);
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.sync);
        const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (encoding.length(encoder) > 1) this.ws?.send(encoding.toUint8Array(encoder));
        if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
        break;
      }
      case MessageType.awareness:
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          this,
        );
        break;
      case MessageType.queryAwareness:
        // The server holds everyone else's state; only ours is ours to tell.
        this.sendOwnAwareness();
        break;
      // auth (permission denied) precedes a 44xx close, whose `closed` event carries the reason.
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
    });
  };

  /**
   * Sends this client's own entry when it changed (locally, or re-announced by y-protocols after
   * someone declared it gone); remote changes are never sent back.
   */
  private readonly onAwarenessUpdate = (change: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    const own = this.doc.clientID;
    if (
      change.added.includes(own) ||
      change.updated.includes(own) ||
      change.removed.includes(own)
    ) {
      this.sendAwareness([own]);
    }
  };

  private sendOwnAwareness(): void {
    if (this.awareness.getLocalState() !== null) this.sendAwareness([this.doc.clientID]);
  }

  private sendAwareness(clients: number[]): void {
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MessageType.awareness);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients),
      );
    });
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    const ws = this.ws;
    if (!this.wsconnected || ws === null || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    write(encoder);
    ws.send(encoding.toUint8Array(encoder));
  }
}
