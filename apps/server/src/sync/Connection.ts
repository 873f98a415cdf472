import type { Role } from '@qi/protocol';
import type { AwarenessBinding } from './AwarenessBinding';
import type { Room } from './Room';
import type { SyncSocket } from './SyncSocket';

/** What the transport knows about a connection when it hands it to the sync core. */
export interface ConnectionOptions {
  /** False for read-only connections (observers, issue 5): their document changes are dropped. */
  canWrite: boolean;
  /**
   * The role from the token. Non-facilitators' updates pass `FacilitationGuard` (lock,
   * facilitation state); absent (unit tests), no facilitation rule applies.
   */
  role?: Role;
  /**
   * The awareness-binding rule for this connection (own client id only, server-bound `user`).
   * The sync endpoint always sets it; absent (unit tests), awareness is taken as sent.
   */
  awareness?: AwarenessBinding;
  /** Free-form context for logs: remote address, user agent... */
  context?: Record<string, unknown>;
}

let nextConnectionId = 1;

/**
 * One client on one board. Owns its socket and the awareness client ids it published;
 * the Room decides what its messages do.
 */
export class Connection {
  readonly id = nextConnectionId++;
  /** Awareness client ids this connection published and still owns; removed when it closes. */
  readonly awarenessIds = new Set<number>();
  /** Frames received while the room was loading, handled in order once it is ready. */
  queued: Uint8Array[] = [];
  queuedBytes = 0;
  /** Set when anything was sent since the last keep-alive tick. */
  sentSinceTick = false;
  private closed = false;

  constructor(
    private readonly socket: SyncSocket,
    readonly room: Room,
    readonly options: ConnectionOptions,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one frame (the transport writes a socket's frames of one turn together). */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    this.sentSinceTick = true;
    this.socket.send(frame);
  }

  /** A frame arrived from the client. */
  receive(frame: Uint8Array): void {
    if (!this.closed) this.room.receive(this, frame);
  }

  /** Closes from the server side (bad message, shutdown, board gone); idempotent. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } finally {
      this.room.leave(this);
    }
  }

  /** The transport reports the socket closed (client left, network dropped); idempotent. */
  closedByTransport(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.leave(this);
  }
}
