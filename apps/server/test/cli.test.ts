import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeBoardFile } from '../src/cli/boardFile';
import { SqliteStorage } from '../src/storage/SqliteStorage';
import { docFromStored } from '../src/sync/boardDoc';
import {
  connectClient,
  createBoardAt,
  exitOf,
  killChildren,
  spawnServer,
  startTestServer,
  tempDir,
  waitFor,
} from './helpers';

const CLI = fileURLToPath(new URL('../dist/test/cli.js', import.meta.url));
const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  console.log(
    'qi import into a running Postgres + Redis deployment skipped: DATABASE_URL and REDIS_URL must both be set',
  );
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  killChildren();
});

/** Runs the built CLI (`pnpm qi` runs the same file) with only the given service variables. */
function qi(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out })),
  );
}

function itemsIn(dataDir: string, board: string): Promise<unknown[]> {
  const storage = new SqliteStorage(dataDir);
  return storage.loadBoard(board).then((stored) => {
    void storage.close();
    return stored ? docFromStored(stored).getArray('items').toArray() : [];
  });
}

// Each test spawns the CLI several times: slow on a loaded machine.
describe('pnpm qi export | import', { timeout: 60_000 }, () => {
  it('moves every board between two deployments as files, and importing twice changes nothing', async () => {
    const [source, target, files] = [tempDir(), tempDir(), tempDir()];
    cleanups.push(source.remove, target.remove, files.remove);
    const server = await startTestServer(source.path);
    const board = await server.createBoard('Falls audit');
    const other = await server.createBoard('Sepsis bundle');
    const client = connectClient(server.syncUrl, board);
    await client.synced;
    client.doc.getArray<string>('items').push(['root cause', 'driver']);
    await waitFor(async () => (await itemsIn(source.path, board)).length === 2, 'stored');
    client.destroy();
    await server.close();

    const exported = await qi(['export', '--all', '--out', join(files.path, 'all')], {
      DATA_DIR: source.path,
    });
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toContain('2 board(s) exported');
    expect(readdirSync(join(files.path, 'all')).sort()).toEqual(
      [`${board}.qiboard.json`, `${other}.qiboard.json`].sort(),
    );

    const imported = await qi(['import', join(files.path, 'all')], { DATA_DIR: target.path });
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(`created ${board} "Falls audit"`);
    expect(await itemsIn(target.path, board)).toEqual(['root cause', 'driver']);
    const again = await qi(['import', join(files.path, 'all')], { DATA_DIR: target.path });
    expect(again.out).toContain(`merged into ${board}`);
    expect(await itemsIn(target.path, board)).toEqual(['root cause', 'driver']);

    const one = join(files.path, 'one.json');
    const single = await qi(['export', '--board', other, '--out', one], { DATA_DIR: source.path });
    expect(single.out).toContain(`exported ${other} "Sepsis bundle"`);
  });

  it('refuses bad usage (2) and reports bad files without stopping the others (1)', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    expect((await qi(['export'], { DATA_DIR: dir.path })).code).toBe(2);
    expect((await qi(['frobnicate'], { DATA_DIR: dir.path })).code).toBe(2);
    const missing = await qi(['export', '--board', 'nope'], { DATA_DIR: dir.path });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('board nope not found');
    // Board ids are base64url, so one may start with a dash: still a value, not an option.
    const dashed = await qi(['export', '--board', '-cVjMXK2o-Ao50FCum5ZwQ'], {
      DATA_DIR: dir.path,
    });
    expect(dashed.code).toBe(1);
    expect(dashed.out).toContain('board -cVjMXK2o-Ao50FCum5ZwQ not found');
    writeFileSync(join(dir.path, 'bad.qiboard.json'), '{"format":"qi-board","version":9}');
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'Good one');
    const id = randomBytes(16).toString('base64url');
    writeFileSync(
      join(dir.path, 'good.qiboard.json'),
      encodeBoardFile({ id, createdAt: 1, title: 'Good one', state: Y.encodeStateAsUpdate(doc) }),
    );
    const result = await qi(['import', dir.path], { DATA_DIR: join(dir.path, 'data') });
    expect(result.code).toBe(1);
    expect(result.out).toContain('version 9 is not supported');
    expect(result.out).toContain(`created ${id} "Good one"`);
  });

  it.skipIf(!DATABASE_URL || !REDIS_URL)(
    'an import into Postgres reaches clients of a running process through Redis at once',
    async () => {
      const prefix = `qi-test-${randomBytes(6).toString('hex')}:`;
      const dir = tempDir();
      cleanups.push(dir.remove, async () => {
        const redis = new Redis(REDIS_URL!);
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      });
      const env = {
        DATABASE_URL: DATABASE_URL!,
        REDIS_URL: REDIS_URL!,
        REDIS_KEY_PREFIX: prefix,
        DATA_DIR: dir.path,
      };
      const { port, child } = await spawnServer(env);
      // Stopped before its keys are dropped (cleanups run in reverse).
      cleanups.push(() => {
        const exited = exitOf(child);
        child.kill('SIGKILL');
        return exited.then(() => undefined);
      });
      const board = await createBoardAt(`http://127.0.0.1:${port}`, 'Live import');
      const client = connectClient(`ws://127.0.0.1:${port}/sync`, board);
      cleanups.push(() => client.destroy());
      await client.synced;

      const offline = new Y.Doc();
      offline.getArray<string>('items').push(['from another deployment']);
      const file = join(dir.path, 'merge.qiboard.json');
      writeFileSync(
        file,
        encodeBoardFile({
          id: board,
          createdAt: 1,
          title: 'x',
          state: Y.encodeStateAsUpdate(offline),
        }),
      );
      const result = await qi(['import', file], env);
      expect(result).toMatchObject({ code: 0 });
      await waitFor(
        () => client.doc.getArray('items').length === 1,
        'the connected client receives the import',
      );
      expect(client.doc.getMap('meta').get('title')).toBe('Live import');
    },
  );
});
