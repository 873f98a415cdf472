import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board, readRound, staffPerspective } from '@qi/model';
import { PARTICIPANT_KEY_HEADER } from '@qi/protocol';
import { connectClient, rawClient, startTestServer, tempDir, waitFor } from './helpers';

const { DATABASE_URL, REDIS_URL } = process.env;
const missing = [!DATABASE_URL && 'DATABASE_URL', !REDIS_URL && 'REDIS_URL'].filter(Boolean);
if (missing.length > 0) {
  console.log(`workshop scale-out test skipped: ${missing.join(' and ')} not set`);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const STAFF = staffPerspective('porter');

describe.skipIf(missing.length > 0)('workshop across two processes (Postgres + Redis)', () => {
  it('a round opened through one process reaches clients of the other; ideas stay private across both; reveal from the other', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const prefix = `qi-workshop-${randomBytes(6).toString('hex')}:`;
    // Run last: the servers are closed before their keys go.
    cleanups.push(async () => {
      const redis = new Redis(REDIS_URL!);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    const shared = {
      databaseUrl: DATABASE_URL!,
      redisUrl: REDIS_URL!,
      redisKeyPrefix: prefix,
      tokenSecret: 'workshop-scaleout-secret-of-at-least-32-chars',
    };
    const a = await startTestServer(dir.path, shared);
    cleanups.push(() => a.close());
    const b = await startTestServer(dir.path, shared);
    cleanups.push(() => b.close());
    const board = await a.createBoard('Two processes');
    const facilitatorToken = await a.mint(board, 'facilitator');
    const contributor = await a.mint(board, 'contributor');
    const call = async (
      base: string,
      token: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${base}/api/boards/${board}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    // The facilitator and a watching contributor are on B; requests go to A first.
    const facilitator = connectClient(b.syncUrl, board, new Y.Doc(), { token: facilitatorToken });
    cleanups.push(() => facilitator.destroy());
    await facilitator.synced;
    const model = Board.open(facilitator.doc);
    const { diagramId, rootId } = model.addDiagram({
      kind: 'fishbone',
      text: 'Delays',
      authorId: 'f',
      perspective: STAFF,
    });
    const category = model.addNode({
      diagramId,
      parentId: rootId,
      text: 'Transport',
      authorId: 'f',
      perspective: STAFF,
    });
    const watcher = rawClient(b.syncUrl, board, { token: contributor });
    const watcherOnA = rawClient(a.syncUrl, board, { token: contributor });
    cleanups.push(
      () => watcher.ws.terminate(),
      () => watcherOnA.ws.terminate(),
    );
    await Promise.all([watcher.opened, watcherOnA.opened]);
    await waitFor(async () => {
      const stored = await a.server.storage.loadBoard(board);
      const doc = new Y.Doc();
      for (const part of [stored!.snapshot!, ...stored!.updates]) Y.applyUpdate(doc, part);
      return Board.open(doc).getDiagram(diagramId) !== undefined;
    }, 'diagram stored');

    const opened = await call(a.server.url, facilitatorToken, 'POST', '/rounds', {
      diagramId,
      parentNodeId: category,
      anonymous: false,
    });
    expect(opened.status).toBe(201);
    const roundId = opened.body.id as string;
    await waitFor(() => readRound(facilitator.doc)?.id === roundId, 'round reached process B');

    const key = randomBytes(16).toString('base64url');
    const added = await call(a.server.url, contributor, 'POST', `/rounds/${roundId}/ideas`, {
      participantKey: key,
      parentNodeId: category,
      text: 'No porter after 8pm pangolin',
      authorId: 'contrib-1',
      perspective: STAFF,
    });
    expect(added.status).toBe(201);
    const listed = await call(
      b.server.url,
      contributor,
      'GET',
      `/rounds/${roundId}/ideas`,
      undefined,
      { [PARTICIPANT_KEY_HEADER]: key },
    );
    expect((listed.body.ideas as { text: string }[]).map((i) => i.text)).toEqual([
      'No porter after 8pm pangolin',
    ]);
    facilitator.doc.getMap('markers').set('after-idea', true);
    const text = (frames: Uint8Array[]) =>
      frames.map((f) => new TextDecoder().decode(f)).join('\n');
    const seen = () => text(watcher.frames);
    await waitFor(() => seen().includes('after-idea'), 'marker');
    expect(seen()).not.toContain('pangolin');
    expect(text(watcherOnA.frames)).not.toContain('pangolin');

    const revealed = await call(
      b.server.url,
      facilitatorToken,
      'POST',
      `/rounds/${roundId}/reveal`,
    );
    expect(revealed.body).toEqual({ added: 1 });
    await waitFor(() => seen().includes('pangolin'), 'revealed idea on B');
    await waitFor(
      () => text(watcherOnA.frames).includes('pangolin'),
      'revealed idea fanned out to A',
    );
    const onA = await call(a.server.url, facilitatorToken, 'POST', '/rounds', {
      diagramId,
      parentNodeId: null,
      anonymous: true,
    });
    // A's room learned through Redis that the round ended, so a new one may open there.
    expect(onA.status).toBe(201);
  });
});
