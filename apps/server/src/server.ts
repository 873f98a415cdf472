import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { SYNC_PATH } from '@qi/protocol';
import { createApp } from './app';
import { CapabilityTokens } from './auth/CapabilityTokens';
import { LinkGuard } from './auth/LinkGuard';
import { Links } from './auth/Links';
import { loadTokenSecret } from './auth/tokenSecret';
import { tokenAdmit } from './auth/tokenAdmit';
import type { Config } from './env';
import { createSyncEndpoint, type Admit } from './http/syncEndpoint';
import { COMMON_SECURITY_HEADERS } from './http/securityHeaders';
import { loadWebHandler, webMissing } from './http/web';
import { createLogger, type Logger } from './log';
import { Metrics } from './metrics/Metrics';
import { RedisFanout } from './scaleout/RedisFanout';
import { PostgresStorage } from './storage/PostgresStorage';
import { SqliteStorage } from './storage/SqliteStorage';
import type { Storage } from './storage/Storage';
import { timedStorage } from './storage/timedStorage';
import { LocalFanout, type Fanout } from './sync/Fanout';
import { RoomRegistry } from './sync/RoomRegistry';

/** A running QI Board server. */
export interface QiServer {
  readonly port: number;
  /** `http://host:port`, with 127.0.0.1 for a wildcard host. */
  readonly url: string;
  readonly storage: Storage;
  readonly registry: RoomRegistry;
  readonly fanout: Fanout;
  readonly metrics: Metrics;
  /** Invite links and capability tokens (tests mint tokens through it). */
  readonly links: Links;
  /** Graceful shutdown: stop accepting, store everything, close sockets with 1001, close storage. */
  close(): Promise<void>;
}

export interface ServerOptions {
  log?: Logger;
  /** Storage to use instead of the configured one (tests); closed with the server either way. */
  storage?: Storage;
  /** Fan-out to use instead of the configured one (tests); closed with the server. */
  fanout?: Fanout;
  /** Admission at the sync upgrade instead of the capability-token check (tests). */
  admit?: Admit;
}

/** Paths the Hono app answers (exactly, or as a prefix followed by `/`); all else is a page. */
const API_ROOTS = ['/api', '/health', '/ready', '/metrics'];

function isApiPath(path: string): boolean {
  return API_ROOTS.some(
    (root) => path === root || (path.startsWith(root) && path.charCodeAt(root.length) === 47),
  );
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Starts QI Board on one port: /api, /health, /ready (Hono), WebSocket upgrades on
 * /sync/<boardId> (sync core), every other request to the SvelteKit handler.
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<QiServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const storage = options.storage ?? (await openStorage(config));
  let fanout: Fanout;
  try {
    fanout =
      options.fanout ??
      (config.redisUrl
        ? await RedisFanout.connect({
            url: config.redisUrl,
            keyPrefix: config.redisKeyPrefix,
            peerTtlMs: config.fanoutPeerTtlMs,
            streamMaxLen: config.fanoutStreamMaxLen,
            log: log.child({ component: 'fanout' }),
            metrics,
          })
        : new LocalFanout());
  } catch (error) {
    await storage.close();
    throw error;
  }
  const registry = new RoomRegistry(timedStorage(storage, metrics), config, log, fanout);
  let draining = false;
  const links = new Links(
    storage,
    new CapabilityTokens(loadTokenSecret(config.tokenSecret, config.dataDir)),
  );
  const guard = new LinkGuard(links, config.linkRecheckMs, log);
  metrics.gauge('qi_rooms_loaded', 'Boards loaded in memory.', () => registry.stats.rooms);
  metrics.gauge('qi_connections', 'Open sync connections.', () => registry.stats.connections);
  const pace = registry.awarenessPace;
  metrics.gauge(
    'qi_awareness_tick_ms',
    'Awareness tick now: 20 ms while idle, up to 60 ms while the event loop is busy.',
    () => pace.tickMs,
  );
  const app = createApp({
    fanout,
    metrics,
    links,
    guard,
    linksPerMinute: config.linksPerMinute,
    boardsPerMinute: config.boardsPerMinute,
    trustProxy: config.trustProxy,
    patientData: {
      mode: config.patientDataMode,
      hospitalNumberPatterns: config.hospitalNumberPatterns,
    },
    storage,
    registry,
    publicOrigin: config.publicOrigin,
    isDraining: () => draining,
    log,
  });
  const api = getRequestListener(app.fetch);
  const web = (await loadWebHandler(config.webBuildDir, log)) ?? webMissing;
  const sync = createSyncEndpoint({
    registry,
    maxMessageBytes: config.maxMessageBytes,
    log,
    admit: options.admit ?? tokenAdmit(links),
    limits: config,
    trustProxy: config.trustProxy,
    guard,
    traffic: {
      messagesIn: metrics.counter('qi_sync_messages_in_total', 'Sync messages received.'),
      bytesIn: metrics.counter('qi_sync_bytes_in_total', 'Bytes of sync messages received.'),
      messagesOut: metrics.counter('qi_sync_messages_out_total', 'Sync messages sent.'),
      bytesOut: metrics.counter('qi_sync_bytes_out_total', 'Bytes of sync messages sent.'),
      connections: metrics.counter('qi_sync_connections_total', 'Sync connections accepted.'),
    },
  });

  const server: Server = createServer((request, response) => {
    if (isApiPath(pathOf(request))) {
      void api(request, response);
      return;
    }
    // The page CSP itself is SvelteKit's (apps/web/svelte.config.js).
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
      response.setHeader(name, value);
    }
    try {
      web(request, response);
    } catch (error) {
      log.error('web.handler_failed', { path: pathOf(request), error });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error\n');
    }
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = pathOf(request);
    const prefix = `${SYNC_PATH}/`;
    if (draining) return refuseUpgrade(socket, '503 Service Unavailable');
    if (!path.startsWith(prefix) || path.indexOf('/', prefix.length) !== -1) {
      return refuseUpgrade(socket, '404 Not Found');
    }
    let boardId: string;
    try {
      boardId = decodeURIComponent(path.slice(prefix.length));
    } catch {
      return refuseUpgrade(socket, '400 Bad Request');
    }
    sync.handleUpgrade(request, socket, head, boardId);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.announce('listening', { port, host: config.host, url });

  let closing: Promise<void> | null = null;
  return {
    port,
    url,
    storage,
    registry,
    links,
    fanout,
    metrics,
    close() {
      closing ??= (async () => {
        draining = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        guard.stop();
        await registry.close();
        sync.close();
        server.closeAllConnections();
        await stopped;
        // After the rooms: their last awareness removals and compactions still use Redis.
        await fanout.close();
        await storage.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}

/** Postgres when DATABASE_URL is set, else SQLite in DATA_DIR. */
async function openStorage(config: Config): Promise<Storage> {
  return config.databaseUrl
    ? PostgresStorage.open(config.databaseUrl, config.databasePoolSize)
    : new SqliteStorage(config.dataDir);
}
