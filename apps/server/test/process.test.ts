import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@qi/protocol';
import {
  connectClient,
  createBoardAt,
  exitOf,
  killChildren,
  spawnServer,
  tempDir,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  killChildren();
});

describe('the built server process', () => {
  it('refuses bad configuration with a message naming the variable', async () => {
    const main = fileURLToPath(new URL('../dist/test/main.js', import.meta.url));
    for (const [name, value] of [
      ['PORT', 'eighty'],
      ['ROOM_IDLE_MS', '-5'],
      ['PUBLIC_ORIGIN', 'not a url'],
      ['LOG_LEVEL', 'loud'],
    ] as const) {
      const child = spawn(process.execPath, [main], {
        env: { ...process.env, [name]: value },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      expect(await exitOf(child)).toBe(2);
      expect(stderr).toContain(name);
    }
  });

  it('shuts down gracefully on SIGTERM: closes sockets with 1001, keeps the data', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await spawnServer({ DATA_DIR: dir.path });
    const board = await createBoardAt(`http://127.0.0.1:${first.port}`);
    const client = connectClient(`ws://127.0.0.1:${first.port}/sync`, board);
    cleanups.push(() => client.destroy());
    await client.synced;
    client.doc.getArray<string>('items').push(['saved at shutdown']);
    const closeCode = new Promise<number>((resolve) =>
      client.provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    first.child.kill('SIGTERM');
    expect(await closeCode).toBe(CloseCode.goingAway);
    expect(await exitOf(first.child)).toBe(0);
    expect(first.output()).not.toContain('"level":"error"');
    client.destroy();

    const second = await spawnServer({ DATA_DIR: dir.path });
    const reader = connectClient(`ws://127.0.0.1:${second.port}/sync`, board);
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(reader.doc.getArray('items').toArray()).toEqual(['saved at shutdown']);
  });
});
