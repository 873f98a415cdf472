import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Role } from '@qi/protocol';
import { parseConfig, type Config } from '../src/env';
import { createLogger } from '../src/log';
import { startServer, type QiServer, type ServerOptions } from '../src/server';

// Each stock provider adds a process 'exit' listener; tests open dozens.
process.setMaxListeners(200);

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'qi-server-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Configuration for tests: port 0 on loopback, no web build, quiet unless TEST_LOG is set. */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...parseConfig({}, dataDir),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webBuildDir: join(dataDir, 'no-web-build'),
    logLevel: (process.env.TEST_LOG as Config['logLevel'] | undefined) ?? 'silent',
    ...overrides,
  };
}

/**
 * Facilitator tokens of the boards tests created, by board id. Board ids are random, so one map
 * serves every server a test file starts; `connectClient` and `rawClient` use it by default.
 */
const boardTokens = new Map<string, string>();

/** The facilitator token of a board a test created, if any. */
export function tokenOf(boardId: string): string | undefined {
  return boardTokens.get(boardId);
}

/** Creates a board through `POST <baseUrl>/api/boards`, remembers its facilitator token, returns its id. */
export async function createBoardAt(baseUrl: string, title?: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(title === undefined ? {} : { title }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status}`);
  const body = (await response.json()) as { id: string; facilitatorUrl: string };
  boardTokens.set(body.id, new URL(body.facilitatorUrl).searchParams.get('token')!);
  return body.id;
}

export interface TestServer {
  server: QiServer;
  /** What the stock provider is given as its server URL: `ws://127.0.0.1:<port>/sync`. */
  syncUrl: string;
  createBoard(title?: string): Promise<string>;
  /** Mints a link of `boardId` (which may have been created through storage) and returns its token. */
  mint(boardId: string, role?: Role, expiresInSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

/** Starts the real server (app factory) on port 0. */
export async function startTestServer(
  dataDir: string,
  overrides: Partial<Config> = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const config = testConfig(dataDir, overrides);
  const server = await startServer(config, { log: createLogger(config.logLevel), ...options });
  return {
    server,
    syncUrl: `ws://127.0.0.1:${server.port}/sync`,
    createBoard: (title) => createBoardAt(server.url, title),
    async mint(boardId, role = 'facilitator', expiresInSeconds) {
      const { token } = await server.links.mint(server.url, boardId, role, expiresInSeconds);
      if (role === 'facilitator' && !boardTokens.has(boardId)) boardTokens.set(boardId, token);
      return token;
    },
    close: () => server.close(),
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the provider has received the server's step 2. */
  synced: Promise<void>;
  destroy(): void;
}

/**
 * Connects the stock y-websocket provider (BroadcastChannel off, so only the server links
 * clients). `params` go on the upgrade URL; the board's facilitator token is the default `token`.
 */
export function connectClient(
  syncUrl: string,
  boardId: string,
  doc = new Y.Doc(),
  params: Record<string, string> = {},
): TestClient {
  const token = tokenOf(boardId);
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    params: { ...(token ? { token } : {}), ...params },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `check` until it is true; fails with `what` after `timeoutMs`. Never a fixed sleep. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw WebSocket client recording what the server sends and how it closes. */
export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A raw socket on `boardId`; `query` defaults to the board's facilitator token. */
export function rawClient(
  syncUrl: string,
  boardId: string,
  query: Record<string, string> = tokenOf(boardId) ? { token: tokenOf(boardId)! } : {},
): RawClient {
  const search = new URLSearchParams(query).toString();
  const ws = new WebSocket(`${syncUrl}/${boardId}${search ? `?${search}` : ''}`);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, frames, opened, closed };
}

const MAIN = fileURLToPath(new URL('../dist/test/main.js', import.meta.url));
const children: ChildProcess[] = [];

/** SIGKILLs every child `spawnServer` started that is still running (call in afterEach). */
export function killChildren(): void {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * Runs the built server (test/globalSetup builds it) as a child process and resolves with its
 * port, read from the `"event":"listening"` log line.
 */
export function spawnServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  // Postgres and Redis only when a test asks for them: the others keep SQLite in their DATA_DIR.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const output = () => stdout + stderr;
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((l) => l.includes('"event":"listening"'));
      if (line) resolve({ child, port: (JSON.parse(line) as { port: number }).port, output });
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening:\n${output()}`)),
    );
  });
}

/** Resolves with the exit code once `child` exits. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
