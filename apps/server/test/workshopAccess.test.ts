import { afterEach, describe, expect, it } from 'vitest';
import { facilitationMap, readRound, readVote, readVoteResults } from '@qi/model';
import { waitFor } from './helpers';
import { clientOf, keyHeader, participantKey, runCleanups, setup, STAFF } from './workshopFixtures';

afterEach(runCleanups);

describe('rate limit', () => {
  it('answers 429 with Retry-After once one participant has spent 120 writes', async () => {
    const w = await setup();
    const staff = await w.server.mint(w.board, 'contributor');
    const opened = await w.call(w.facilitatorToken, 'POST', '/votes', {
      diagramId: w.diagramId,
      votesPerPerson: 1,
      allowStacking: false,
    });
    const key = participantKey();
    const put = () =>
      fetch(`${w.server.server.url}/api/boards/${w.board}/votes/${opened.body.id}/ballot`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
        body: JSON.stringify({ participantKey: key, perspective: STAFF, nodeIds: [w.causes[0]] }),
      });
    // The bucket refills at two a second while the loop runs, so count until the refusal.
    let accepted = 0;
    let limited = await put();
    while (limited.status === 200 && accepted < 200) {
      accepted++;
      limited = await put();
    }
    expect(accepted).toBeGreaterThanOrEqual(120);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another participant is not held back.
    const other = await w.call(staff, 'PUT', `/votes/${opened.body.id}/ballot`, {
      participantKey: participantKey(),
      perspective: STAFF,
      nodeIds: [w.causes[1]],
    });
    expect(other.status).toBe(200);
  });
});

describe('who may do what', () => {
  it('refuses missing, forged and other boards’ tokens, and roles that may not act', async () => {
    const w = await setup({ patientDataMode: 'block' });
    const contributor = await w.server.mint(w.board, 'contributor');
    const observer = await w.server.mint(w.board, 'observer');
    const patient = await w.server.mint(w.board, 'patient');
    const elsewhere = await w.server.mint(await w.server.createBoard('Other'), 'facilitator');
    const open = { diagramId: w.diagramId, parentNodeId: w.staffing, anonymous: false };

    expect((await w.call(null, 'POST', '/rounds', open)).status).toBe(401);
    expect((await w.call(`${contributor}x`, 'POST', '/rounds', open)).status).toBe(401);
    expect((await w.call(elsewhere, 'POST', '/rounds', open)).status).toBe(403);
    const refused = await w.call(contributor, 'POST', '/rounds', open);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await w.call(contributor, 'POST', '/votes', {})).status).toBe(403);

    const bad = await w.call(w.facilitatorToken, 'POST', '/rounds', '{"diagramId":');
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { message: 'body is not valid JSON' } },
    });
    const noFlag = await w.call(w.facilitatorToken, 'POST', '/rounds', {
      ...open,
      anonymous: 'no',
    });
    expect(noFlag.body.error?.message).toBe('anonymous must be true or false');
    const wrongDiagram = await w.call(w.facilitatorToken, 'POST', '/rounds', {
      ...open,
      diagramId: 'nope',
    });
    expect(wrongDiagram.status).toBe(422);

    const roundId = (await w.call(w.facilitatorToken, 'POST', '/rounds', open)).body.id as string;
    expect((await w.call(w.facilitatorToken, 'POST', '/rounds', open)).status).toBe(409);
    const idea = (token: string, fields: Record<string, unknown> = {}) =>
      w.call(token, 'POST', `/rounds/${roundId}/ideas`, {
        participantKey: participantKey(),
        parentNodeId: w.staffing,
        text: 'Too few porters',
        authorId: 'someone',
        perspective: STAFF,
        ...fields,
      });
    expect((await idea(observer)).status).toBe(403);
    expect((await idea(patient)).body.error?.message).toBe(
      'a patient link speaks as patient or carer',
    );
    expect((await idea(contributor, { perspective: 'patient' })).status).toBe(403);
    expect((await idea(contributor, { participantKey: 'short' })).body.error?.message).toMatch(
      /participantKey/,
    );
    expect((await idea(contributor, { text: ' ' })).body.error?.message).toBe(
      'text must be a non-empty string',
    );
    expect((await idea(contributor, { text: 'x'.repeat(501) })).status).toBe(400);
    expect((await idea(contributor, { parentNodeId: w.equipment })).status).toBe(422);
    const identifier = await idea(contributor, { text: 'Mr Smith NHS 943 476 5919 waited' });
    expect(identifier.status).toBe(422);
    expect(identifier.body.error?.message).not.toContain('943');
    expect((await idea(contributor)).status).toBe(201);
    // Reads and deletes carry the key in a header: never in the URL, where access logs keep it.
    const key = participantKey();
    const inUrl = await w.call(
      contributor,
      'GET',
      `/rounds/${roundId}/ideas?participantKey=${key}`,
    );
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.error?.message).toMatch(/X-Participant-Key header, never in the URL/);
    const bare = await w.call(contributor, 'DELETE', `/rounds/${roundId}/ideas/x`);
    expect(bare.body.error?.message).toMatch(/^X-Participant-Key header must be 22/);
    expect(
      (await w.call(contributor, 'GET', `/rounds/${roundId}/ideas`, undefined, keyHeader(key)))
        .body,
    ).toEqual({ ideas: [] });
    expect((await w.call(contributor, 'GET', `/rounds/${roundId}/progress`)).status).toBe(403);
    expect((await w.call(contributor, 'POST', `/rounds/${roundId}/reveal`)).status).toBe(403);
    expect((await w.call(w.facilitatorToken, 'POST', `/rounds/other/reveal`)).status).toBe(409);
  });
});

describe('ending without a reveal or close', () => {
  it('a cancelled round or vote, or one whose state was removed, leaves nothing private behind', async () => {
    const w = await setup();
    const contributor = await w.server.mint(w.board, 'contributor');
    const storage = w.server.server.storage;
    const openRound = async () =>
      (
        await w.call(w.facilitatorToken, 'POST', '/rounds', {
          diagramId: w.diagramId,
          parentNodeId: null,
          anonymous: false,
        })
      ).body.id as string;
    const addIdea = (roundId: string) =>
      w.call(contributor, 'POST', `/rounds/${roundId}/ideas`, {
        participantKey: participantKey(),
        parentNodeId: w.staffing,
        text: 'Left behind?',
        authorId: 'c',
        perspective: STAFF,
      });

    const cancelled = await openRound();
    expect((await addIdea(cancelled)).status).toBe(201);
    expect((await w.call(contributor, 'DELETE', `/rounds/${cancelled}`)).status).toBe(403);
    expect((await w.call(w.facilitatorToken, 'DELETE', `/rounds/${cancelled}`)).status).toBe(204);
    await waitFor(() => readRound(w.facilitator.doc) === null, 'round cleared');
    expect(await storage.listWorkshopItems(w.board, 'idea', cancelled)).toEqual([]);
    expect((await w.call(w.facilitatorToken, 'DELETE', `/rounds/${cancelled}`)).status).toBe(409);

    // The facilitator's own client removes the round from the map: the next round purges its ideas.
    const dropped = await openRound();
    expect((await addIdea(dropped)).status).toBe(201);
    await waitFor(() => readRound(w.facilitator.doc)?.id === dropped, 'round seen');
    facilitationMap(w.facilitator.doc).delete('round');
    const other = clientOf(w.server, w.board, contributor);
    await other.synced;
    await waitFor(() => readRound(other.doc) === null, 'removal reached the server');
    await openRound();
    expect(await storage.listWorkshopItems(w.board, 'idea', dropped)).toEqual([]);

    const vote = await w.call(w.facilitatorToken, 'POST', '/votes', {
      diagramId: w.diagramId,
      votesPerPerson: 1,
      allowStacking: false,
    });
    const voteId = vote.body.id as string;
    const ballot = await w.call(contributor, 'PUT', `/votes/${voteId}/ballot`, {
      participantKey: participantKey(),
      perspective: STAFF,
      nodeIds: [w.causes[0]],
    });
    expect(ballot.status).toBe(200);
    expect((await w.call(w.facilitatorToken, 'DELETE', `/votes/${voteId}`)).status).toBe(204);
    expect(await storage.listWorkshopItems(w.board, 'ballot', voteId)).toEqual([]);
    await waitFor(() => readVote(w.facilitator.doc) === null, 'vote cleared');
    expect(readVoteResults(w.facilitator.doc)).toBeNull();
  });
});
