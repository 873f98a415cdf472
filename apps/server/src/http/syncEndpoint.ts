import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode, isBoardId, RefusalReason } from '@qi/protocol';
import type { LinkGuard } from '../auth/LinkGuard';
import { ConnectionCounter, type ConnectionLimits } from '../limits/ConnectionCounter';
import { SyncRateLimiter, type SyncRateLimits } from '../limits/SyncRateLimiter';
import type { Logger } from '../log';
import { clientAddress } from './clientAddress';
import type { Counter } from '../metrics/Metrics';
import type { Connection, ConnectionOptions } from '../sync/Connection';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { SyncSocket } from '../sync/SyncSocket';
import { encodePermissionDenied } from '../sync/wire';
import { FrameWriter } from './FrameWriter';
import { ServerWebSocket, type WebSocketEvents } from './ServerWebSocket';

/** How often sockets are pinged; one that missed the previous pong is terminated. */
const HEARTBEAT_MS = 30_000;

/** How long a refused socket may take to finish its close handshake before it is cut. */
const REFUSAL_GRACE_MS = 5_000;

/**
 * The outcome of admission: what the connection may do (and the link it came through, so
 * revoking that link closes it), or the close code and reason it is refused with.
 */
export type Admission =
  | { ok: true; options: ConnectionOptions; linkId?: string }
  | { ok: false; code: number; reason: string };

/**
 * Decides, at the upgrade and before anything is read from the socket, what a connection may
 * do (`auth/tokenAdmit` checks the capability token).
 */
export type Admit = (request: IncomingMessage, boardId: string) => Promise<Admission>;

/** The WebSocket side of `/sync/<boardId>`: upgrades, adapts accepted sockets to SyncSocket. */
export interface SyncEndpoint {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, boardId: string): void;
  /** Terminates whatever sockets remain (after the registry closed them gracefully). */
  close(): void;
}

/** Counters of sync traffic (`/metrics`): messages and bytes each way, connections accepted. */
export interface SyncTraffic {
  messagesIn: Counter;
  bytesIn: Counter;
  messagesOut: Counter;
  bytesOut: Counter;
  connections: Counter;
}

export function createSyncEndpoint(options: {
  registry: RoomRegistry;
  maxMessageBytes: number;
  log: Logger;
  admit: Admit;
  limits: SyncRateLimits & ConnectionLimits;
  /** Closes connections whose link is revoked or expires. */
  guard?: LinkGuard;
  traffic?: SyncTraffic;
  /** Per-address limits take the address from X-Forwarded-For (TRUST_PROXY). */
  trustProxy?: boolean;
}): SyncEndpoint {
  const { registry, log, admit, limits, guard, traffic, trustProxy = false } = options;
  const counter = new ConnectionCounter(limits);
  // Refused sockets get the permission-denied message and a close frame, nothing else: frames
  // they send meanwhile are read by a server that accepts only tiny ones, and dropped unread.
  const refuser = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    perMessageDeflate: false,
  });
  // The sync core closes messages over maxMessageBytes with 4413; the transport refuses
  // frames over twice that with 1009 before buffering them.
  const maxPayload = 2 * options.maxMessageBytes;
  const live = new Set<ServerWebSocket>();
  const writer = new FrameWriter();
  registry.afterBroadcast = writer.flushAll;
  const heartbeat = setInterval(() => {
    for (const ws of live) {
      if (ws.awaitingPong) ws.terminate();
      else ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  // A client that stops reading is cut off rather than buffered without bound.
  const maxBufferedBytes = 4 * options.maxMessageBytes;
  const context: SessionContext = { log, limits, traffic, maxBufferedBytes, live };

  function refuse(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    code: number,
    reason: string,
  ): void {
    log.debug('sync.refused', { code, reason, remote: (socket as Partial<Socket>).remoteAddress });
    refuser.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (error) => log.debug('ws.error', { error }));
      ws.send(encodePermissionDenied(reason));
      ws.close(code, reason);
      setTimeout(() => ws.terminate(), REFUSAL_GRACE_MS).unref();
    });
  }

  function accept(
    request: IncomingMessage,
    socket: Socket,
    head: Buffer,
    boardId: string,
    admitted: ConnectionOptions,
    linkId: string | undefined,
  ): void {
    const ws = ServerWebSocket.accept(request, socket, writer, maxPayload);
    if (!ws) return;
    live.add(ws);
    const session = new SyncSession(ws, boardId, context);
    const connection = registry.connect(boardId, session, admitted);
    if (!connection) {
      live.delete(ws);
      return;
    }
    session.connection = connection;
    if (linkId && guard) {
      session.untrack = guard.track(linkId, (code, reason) => {
        session.send(encodePermissionDenied(reason));
        connection.close(code, reason);
      });
    }
    log.debug('sync.open', {
      board: boardId,
      connection: connection.id,
      remote: socket.remoteAddress,
    });
    traffic?.connections.inc();
    ws.start(session, head);
  }

  // One listener for every socket: a closure made in handleUpgrade would share its scope and
  // keep each connection's upgrade request (headers and all) alive as long as the socket.
  const onSocketError = (error: Error) => log.debug('ws.socket_error', { error });

  return {
    handleUpgrade(request, socket, head, boardId) {
      socket.on('error', onSocketError);
      if (!isBoardId(boardId)) {
        return refuse(request, socket, head, CloseCode.boardNotFound, 'board not found');
      }
      const address = clientAddress(
        (socket as Partial<Socket>).remoteAddress,
        request.headers['x-forwarded-for'],
        trustProxy,
      );
      const release = counter.acquire(boardId, address);
      if (!release) {
        log.warn('sync.too_many_connections', { board: boardId, remote: address });
        return refuse(
          request,
          socket,
          head,
          CloseCode.rateLimited,
          RefusalReason.tooManyConnections,
        );
      }
      socket.once('close', release);
      admit(request, boardId).then(
        (admission) => {
          if (!admission.ok) {
            release();
            return refuse(request, socket, head, admission.code, admission.reason);
          }
          if (socket.destroyed) return;
          accept(request, socket as Socket, head, boardId, admission.options, admission.linkId);
        },
        (error: unknown) => {
          release();
          log.error('ws.admit_failed', { error });
          socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n');
        },
      );
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of live) ws.terminate();
      for (const ws of refuser.clients) ws.terminate();
      refuser.close();
    },
  };
}

/** What every session of one endpoint shares. */
interface SessionContext {
  log: Logger;
  limits: SyncRateLimits;
  traffic: SyncTraffic | undefined;
  maxBufferedBytes: number;
  live: Set<ServerWebSocket>;
}

/**
 * One accepted sync connection on the transport side: the sync core's `SyncSocket` and the
 * socket's events in one object (methods, not per-connection closures: memory per idle
 * connection), with the connection's rate limits.
 */
class SyncSession implements SyncSocket, WebSocketEvents {
  connection: Connection | null = null;
  untrack: (() => void) | null = null;
  private readonly rate: SyncRateLimiter;

  constructor(
    private readonly ws: ServerWebSocket,
    private readonly boardId: string,
    private readonly context: SessionContext,
  ) {
    this.rate = new SyncRateLimiter(context.limits);
  }

  send(frame: Uint8Array): void {
    const { ws, context } = this;
    if (!ws.isOpen()) return;
    const buffered = ws.bufferedAmount;
    if (buffered > context.maxBufferedBytes) {
      context.log.warn('ws.slow_consumer', { board: this.boardId, buffered });
      ws.terminate();
      return;
    }
    ws.send(frame);
    context.traffic?.messagesOut.inc();
    context.traffic?.bytesOut.inc(frame.byteLength);
  }

  close(code: number, reason: string): void {
    // What was sent before (a permission-denied message) goes out ahead of the close frame.
    this.ws.close(code, reason);
  }

  message(data: Buffer, isBinary: boolean): void {
    const connection = this.connection!;
    const { traffic, log } = this.context;
    traffic?.messagesIn.inc();
    traffic?.bytesIn.inc(data.byteLength);
    if (!this.rate.take(data.byteLength)) {
      log.warn('sync.rate_limited', { board: this.boardId, connection: connection.id });
      connection.close(CloseCode.rateLimited, RefusalReason.rateLimited);
      return;
    }
    if (!isBinary) {
      connection.close(CloseCode.badMessage, 'text frames are not part of the protocol');
      return;
    }
    connection.receive(data);
  }

  closed(code: number): void {
    this.context.live.delete(this.ws);
    this.untrack?.();
    const connection = this.connection!;
    this.context.log.debug('sync.close', { board: this.boardId, connection: connection.id, code });
    connection.closedByTransport();
  }
}
