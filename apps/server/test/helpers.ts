import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
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

export interface TestServer {
  server: QiServer;
  /** What the stock provider is given as its server URL: `ws://127.0.0.1:<port>/sync`. */
  syncUrl: string;
  createBoard(title?: string): Promise<string>;
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
    async createBoard(title) {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(title === undefined ? {} : { title }),
      });
      if (response.status !== 201) throw new Error(`create board: ${response.status}`);
      return ((await response.json()) as { id: string }).id;
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

/** Connects the stock y-websocket provider (BroadcastChannel off, so only the server links clients). */
export function connectClient(syncUrl: string, boardId: string, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
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

export function rawClient(syncUrl: string, boardId: string): RawClient {
  const ws = new WebSocket(`${syncUrl}/${boardId}`);
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
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
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
