import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { clearRound, readRound, readVote } from '@qi/model';
import type { Config } from '../src/env';
import { docFromStored } from '../src/sync/boardDoc';
import { startTestServer, tempDir, waitFor, type TestServer } from './helpers';
import {
  api,
  clientOf,
  participantKey,
  runCleanups,
  setup,
  STAFF,
  type Workshop,
} from './workshopFixtures';

/**
 * "One round (or vote) open at a time" and "that round is not open" across two server processes
 * on one storage. Without a fan-out between them (SQLite file, Postgres) each process's copy of
 * the document never learns what the other wrote: only the claims in storage can answer, which
 * is the worst a late fan-out can do. With Redis (Postgres + Redis) the copies catch up; the
 * answers must be the same.
 */

const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL) console.log('workshop claims on Postgres skipped: DATABASE_URL is not set');
if (!DATABASE_URL || !REDIS_URL) {
  console.log('workshop claims on Postgres + Redis skipped: DATABASE_URL or REDIS_URL not set');
}

const SECRET = 'workshop-claims-secret-of-at-least-32-characters';
const PATIENCE_MS = 15_000;
const ROUND_BUSY = 'a round is already open; reveal or cancel it first';

interface Backend {
  name: string;
  /** Whether the processes pass document updates to each other (Redis). */
  fanout: boolean;
  config(): Partial<Config>;
}

/** Undone after each test, in order, around the fixtures' own cleanups. */
const closeFirst: (() => Promise<void>)[] = [];
const removeLast: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closeFirst.splice(0)) await close();
  await runCleanups();
  for (const remove of removeLast.splice(0)) await remove();
});

const backends: Backend[] = [{ name: 'one SQLite file', fanout: false, config: () => ({}) }];
if (DATABASE_URL) {
  backends.push({
    name: 'Postgres',
    fanout: false,
    config: () => ({ databaseUrl: DATABASE_URL }),
  });
}
if (DATABASE_URL && REDIS_URL) {
  backends.push({
    name: 'Postgres + Redis',
    fanout: true,
    config: () => {
      const prefix = `qi-claims-${randomBytes(6).toString('hex')}:`;
      // The servers are closed before their keys go.
      removeLast.push(async () => {
        const redis = new Redis(REDIS_URL);
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      });
      return { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, redisKeyPrefix: prefix };
    },
  });
}

/** Process A (the fixtures' board, with its facilitator connected) and process B on its storage. */
async function twoProcesses(backend: Backend): Promise<{ w: Workshop; b: TestServer }> {
  const dir = tempDir();
  removeLast.push(dir.remove);
  const shared = { ...backend.config(), dataDir: dir.path, tokenSecret: SECRET };
  const w = await setup(shared);
  const b = await startTestServer(dir.path, shared);
  closeFirst.push(() => b.close());
  return { w, b };
}

describe.each(backends)('workshop claims across two processes ($name)', (backend) => {
  it('lets exactly one of two simultaneous "open a round" requests through, whichever process each reaches', async () => {
    const { w, b } = await twoProcesses(backend);
    const onB = clientOf(b, w.board, w.facilitatorToken);
    await onB.synced;
    const body = { diagramId: w.diagramId, parentNodeId: null, anonymous: false };
    const answers = await Promise.all([
      w.call(w.facilitatorToken, 'POST', '/rounds', body),
      api(b, w.board, w.facilitatorToken, 'POST', '/rounds', body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.error?.message).toBe(ROUND_BUSY);

    // Opened on A: B's copy may not show it yet, and B still refuses a second one.
    const round = answers.find((a) => a.status === 201)!.body.id as string;
    const again = await api(b, w.board, w.facilitatorToken, 'POST', '/rounds', body);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toBe(ROUND_BUSY);
    if (!backend.fanout) expect(readRound(onB.doc)?.id).not.toBe(round);
  });

  it('refuses a ballot through one process once the other has closed the vote, and an idea once the other has revealed', async () => {
    const { w, b } = await twoProcesses(backend);
    const voter = await w.server.mint(w.board, 'contributor');
    const key = participantKey();
    const ballot = { participantKey: key, perspective: STAFF, nodeIds: [w.causes[0]] };
    const idea = (text: string) => ({
      participantKey: key,
      parentNodeId: w.staffing,
      text,
      authorId: 'voter-1',
      perspective: STAFF,
    });

    const opened = await w.call(w.facilitatorToken, 'POST', '/votes', {
      diagramId: w.diagramId,
      votesPerPerson: 3,
      allowStacking: false,
    });
    expect(opened.status).toBe(201);
    const vote = opened.body.id as string;
    const round = await w.call(w.facilitatorToken, 'POST', '/rounds', {
      diagramId: w.diagramId,
      parentNodeId: w.staffing,
      anonymous: false,
    });
    expect(round.status).toBe(201);
    const roundId = round.body.id as string;
    // B's room loads now, from storage, so its copy shows both open.
    const onB = clientOf(b, w.board, w.facilitatorToken);
    await waitFor(
      () => readVote(onB.doc)?.id === vote && readRound(onB.doc)?.id === roundId,
      'vote and round on B',
      PATIENCE_MS,
    );
    const voted = await api(b, w.board, voter, 'PUT', `/votes/${vote}/ballot`, ballot);
    expect(voted.status).toBe(200);
    const added = await api(b, w.board, voter, 'POST', `/rounds/${roundId}/ideas`, idea('Nights'));
    expect(added.status).toBe(201);

    const closed = await w.call(w.facilitatorToken, 'POST', `/votes/${vote}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ tallies: [{ nodeId: w.causes[0], total: 1 }] });
    const late = await api(b, w.board, voter, 'PUT', `/votes/${vote}/ballot`, {
      ...ballot,
      nodeIds: [w.causes[1]],
    });
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toBe('this vote is not open');
    const withdrawn = await api(b, w.board, voter, 'PUT', `/votes/${vote}/ballot`, {
      ...ballot,
      nodeIds: [],
    });
    expect(withdrawn.status).toBe(409);

    const revealed = await w.call(w.facilitatorToken, 'POST', `/rounds/${roundId}/reveal`);
    expect(revealed.body).toEqual({ added: 1 });
    const after = await api(b, w.board, voter, 'POST', `/rounds/${roundId}/ideas`, idea('Late'));
    expect(after.status).toBe(409);
    expect(after.body.error?.message).toBe('this round is not open');
    // Without a fan-out B's copy still shows both open: storage alone refused.
    if (!backend.fanout) {
      expect(readVote(onB.doc)?.id).toBe(vote);
      expect(readRound(onB.doc)?.id).toBe(roundId);
    }
    expect(await b.server.storage.listWorkshopItems(w.board, 'idea', roundId)).toEqual([]);
  });

  it('takes over a round that ended without a reveal, and adopts one that holds no claim', async () => {
    const { w, b } = await twoProcesses(backend);
    const body = { diagramId: w.diagramId, parentNodeId: null, anonymous: false };
    const first = await w.call(w.facilitatorToken, 'POST', '/rounds', body);
    expect(first.status).toBe(201);
    // The facilitator's client clears the round in the document: no reveal, the claim stays.
    clearRound(w.facilitator.doc);
    await waitFor(
      async () => readRound(docFromStored((await b.server.storage.loadBoard(w.board))!)) === null,
      'cleared round stored',
      PATIENCE_MS,
    );
    const second = await api(b, w.board, w.facilitatorToken, 'POST', '/rounds', body);
    expect(second.status).toBe(201);
    const roundId = second.body.id as string;

    // A round the document shows but no claim holds (opened before claims were stored); B's
    // copy shows it.
    expect(await b.server.storage.releaseWorkshopScope(w.board, 'idea', roundId)).toBe(true);
    const contributor = await w.server.mint(w.board, 'contributor');
    const added = await api(b, w.board, contributor, 'POST', `/rounds/${roundId}/ideas`, {
      participantKey: participantKey(),
      parentNodeId: w.staffing,
      text: 'Handover',
      authorId: 'c-1',
      perspective: STAFF,
    });
    expect(added.status).toBe(201);
    expect(await w.server.server.storage.getWorkshopScope(w.board, 'idea')).toMatchObject({
      scopeId: roundId,
      phase: 'open',
    });
    const revealed = await api(b, w.board, w.facilitatorToken, 'POST', `/rounds/${roundId}/reveal`);
    expect(revealed.body).toEqual({ added: 1 });
    expect(await w.server.server.storage.getWorkshopScope(w.board, 'idea')).toBeNull();
  });
});
