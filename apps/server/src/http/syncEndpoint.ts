import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, isBoardId } from '@qi/protocol';
import type { Logger } from '../log';
import type { ConnectionOptions } from '../sync/Connection';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { SyncSocket } from '../sync/SyncSocket';
import { encodePermissionDenied } from '../sync/wire';

/** How often sockets are pinged; one that missed the previous pong is terminated. */
const HEARTBEAT_MS = 30_000;

/** Decides, at the upgrade, what a connection may do (issue 5 checks the token here). */
export type Admit = (request: IncomingMessage, boardId: string) => Promise<ConnectionOptions>;

/** Everyone may read and write: the skeleton has no roles yet. */
export const admitEveryone: Admit = async () => ({ canWrite: true });

/** The WebSocket side of `/sync/<boardId>`: upgrades, adapts `ws` sockets to SyncSocket. */
export interface SyncEndpoint {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, boardId: string): void;
  /** Terminates whatever sockets remain (after the registry closed them gracefully). */
  close(): void;
}

export function createSyncEndpoint(options: {
  registry: RoomRegistry;
  maxMessageBytes: number;
  log: Logger;
  admit?: Admit;
}): SyncEndpoint {
  const { registry, log, admit = admitEveryone } = options;
  // The sync core closes messages over maxMessageBytes with 4413; the transport refuses
  // frames over twice that with 1009 before buffering them.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 2 * options.maxMessageBytes,
    perMessageDeflate: false,
  });
  const awaitingPong = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      awaitingPong.add(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  // A client that stops reading is cut off rather than buffered without bound.
  const maxBufferedBytes = 4 * options.maxMessageBytes;

  function accept(ws: WebSocket, socket: Duplex, boardId: string, admitted: ConnectionOptions) {
    // Before anything else: an 'error' event without a listener would be thrown.
    ws.on('error', (error) => log.debug('ws.error', { board: boardId, error }));
    ws.on('pong', () => awaitingPong.delete(ws));
    const adapter: SyncSocket = {
      send: (frame) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > maxBufferedBytes) {
          log.warn('ws.slow_consumer', { board: boardId, buffered: ws.bufferedAmount });
          ws.terminate();
          return;
        }
        ws.send(frame);
      },
      close: (code, reason) => ws.close(code, reason),
      // ws writes each frame to this very stream, so corking it batches a turn's frames.
      cork: () => socket.cork(),
      uncork: () => socket.uncork(),
    };
    if (!isBoardId(boardId)) {
      adapter.send(encodePermissionDenied('board not found'));
      adapter.close(CloseCode.boardNotFound, 'board not found');
      return;
    }
    const connection = registry.connect(boardId, adapter, admitted);
    if (!connection) return;
    const remote = (socket as Partial<Socket>).remoteAddress;
    log.debug('sync.open', { board: boardId, connection: connection.id, remote });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        connection.close(CloseCode.badMessage, 'text frames are not part of the protocol');
        return;
      }
      connection.receive(data as Buffer);
    });
    ws.on('close', (code) => {
      log.debug('sync.close', { board: boardId, connection: connection.id, code });
      connection.closedByTransport();
    });
  }

  return {
    handleUpgrade(request, socket, head, boardId) {
      socket.on('error', (error) => log.debug('ws.socket_error', { error }));
      admit(request, boardId).then(
        (admitted) =>
          wss.handleUpgrade(request, socket, head, (ws) => accept(ws, socket, boardId, admitted)),
        (error: unknown) => {
          log.error('ws.admit_failed', { error });
          socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n');
        },
      );
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
