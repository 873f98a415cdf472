import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framing } from './BenchClient';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/** A sync server under test, running in its own process pinned to core 0. */
export interface Target {
  name: string;
  framing: Framing;
  pid: number;
  /** Base WebSocket URL given to clients. */
  wsUrl: string;
  /** Ours: the idle grace period after which a board nobody is on is unloaded, in ms. */
  unloadMs?: number;
  /** Ours: boards loaded in memory now (from /metrics). */
  roomsLoaded?(): Promise<number>;
  /**
   * Makes a room that clients may join (ours refuses unknown boards) and returns how clients
   * address it: the room name, for ours followed by the `?token=` that admits them.
   */
  createRoom(title: string): Promise<string>;
  stop(): Promise<void>;
}

export type TargetName = 'qi-board' | 'reference' | 'hocuspocus';

/** Starts a target server and resolves when it listens. */
export async function startTarget(name: TargetName): Promise<Target> {
  switch (name) {
    case 'qi-board':
      return startQiBoard();
    case 'reference':
      return startPeer(name, path.join(here, 'peers/reference.mjs'), 'y-websocket', '');
    case 'hocuspocus':
      return startPeer(name, path.join(here, 'peers/hocuspocus.mjs'), 'hocuspocus', '');
  }
}

/** Grace period our server is given before unloading an idle board (the default is 30 s). */
const UNLOAD_MS = 2_000;

async function startQiBoard(): Promise<Target> {
  // BENCH_QI_SERVER=<path to a main.js> compares another build (e.g. a worktree at an older commit).
  const main = process.env.BENCH_QI_SERVER ?? path.join(repoRoot, 'apps/server/dist/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run pnpm build first`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qi-bench-'));
  const { child, port } = await spawnPinned(main, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ROOM_IDLE_MS: String(UNLOAD_MS),
    // Abuse limits (issue 5) out of the way: every client comes from 127.0.0.1, and the
    // stock-provider clients re-send every remote cursor, so a workshop exceeds per-client rates.
    RATE_MESSAGES_PER_SECOND: '1000000',
    RATE_BYTES_PER_SECOND: String(1024 ** 3),
    MAX_CONNECTIONS_PER_BOARD: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    BOARDS_PER_MINUTE: '100000',
  });
  const httpBase = `http://127.0.0.1:${port}`;
  return {
    name: 'qi-board',
    framing: 'y-websocket',
    pid: child.pid!,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    unloadMs: UNLOAD_MS,
    async roomsLoaded() {
      const text = await (await fetch(`${httpBase}/metrics`)).text();
      const match = /^qi_rooms_loaded (\d+)/m.exec(text);
      if (!match) throw new Error('/metrics has no qi_rooms_loaded');
      return Number(match[1]);
    },
    async createRoom(title) {
      const res = await fetch(`${httpBase}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: httpBase },
        body: JSON.stringify({ title }),
      });
      if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}`);
      // The facilitator link's token admits the bench clients (issue 5's capability tokens).
      const body = (await res.json()) as { id: string; facilitatorUrl?: string };
      const token = body.facilitatorUrl
        ? new URL(body.facilitatorUrl).searchParams.get('token')
        : null;
      return token ? `${body.id}?token=${encodeURIComponent(token)}` : body.id;
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startPeer(
  name: TargetName,
  script: string,
  framing: Framing,
  wsPath: string,
): Promise<Target> {
  const { child, port } = await spawnPinned(script, { PORT: '0' });
  let rooms = 0;
  return {
    name,
    framing,
    pid: child.pid!,
    wsUrl: `ws://127.0.0.1:${port}${wsPath}`,
    async createRoom() {
      rooms++;
      return `room-${rooms}-${Math.random().toString(36).slice(2)}`;
    },
    stop: () => stopChild(child),
  };
}

/** Spawns `node script` on core 0 and waits for its `{"event":"listening","port":N}` line. */
function spawnPinned(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  // e.g. BENCH_NODE_ARGS=--cpu-prof to profile the servers under load
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs, script], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        if (!line.includes('"listening"')) continue;
        const port = (JSON.parse(line) as { port?: number }).port;
        if (typeof port === 'number') {
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve({ child, port });
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before listening`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
