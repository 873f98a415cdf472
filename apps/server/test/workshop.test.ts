import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ANONYMOUS_AUTHOR_ID,
  Board,
  facilitationMap,
  readRound,
  readVote,
  readVoteResults,
} from '@qi/model';
import type { Role } from '@qi/protocol';
import { waitFor } from './helpers';
import {
  bytesOf,
  capture,
  clientOf,
  marker,
  keyHeader,
  participantKey,
  runCleanups,
  setup,
  STAFF,
  syncUpdates,
} from './workshopFixtures';

afterEach(runCleanups);

describe('silent brainstorming', () => {
  it('sends nobody else a word of a person’s ideas during the round; reveal adds them in one change', async () => {
    const w = await setup();
    const writer = await w.server.mint(w.board, 'contributor');
    const other = await w.server.mint(w.board, 'contributor');
    const otherSocket = await capture(w.server, w.board, other);
    const otherClient = clientOf(w.server, w.board, other);
    await otherClient.synced;

    const opened = await w.call(w.facilitatorToken, 'POST', '/rounds', {
      diagramId: w.diagramId,
      parentNodeId: w.staffing,
      anonymous: false,
    });
    expect(opened.status).toBe(201);
    const roundId = opened.body.id as string;
    await waitFor(() => readRound(otherClient.doc)?.id === roundId, 'round seen by others');
    expect(readRound(otherClient.doc)).toMatchObject({
      parentNodeId: w.staffing,
      anonymous: false,
    });

    const key = participantKey();
    const texts = [
      'Night shift handover zebra',
      'Bleep overload quokka',
      'Discharge letters narwhal',
    ];
    const ids: string[] = [];
    for (const [i, t] of texts.entries()) {
      const added = await w.call(writer, 'POST', `/rounds/${roundId}/ideas`, {
        participantKey: key,
        parentNodeId: i === 2 ? w.causes[0] : w.staffing,
        text: t,
        authorId: 'writer-author-id',
        authorName: 'Wren',
        perspective: STAFF,
      });
      expect(added.status).toBe(201);
      ids.push(added.body.id as string);
    }
    const edited = await w.call(writer, 'PATCH', `/rounds/${roundId}/ideas/${ids[1]}`, {
      participantKey: key,
      text: 'Bleep overload wombat',
    });
    expect(edited.body).toMatchObject({ id: ids[1], text: 'Bleep overload wombat' });
    texts[1] = 'Bleep overload wombat';

    // Only the owner's key lists them; another key sees none and cannot touch them.
    const mine = await w.call(writer, 'GET', `/rounds/${roundId}/ideas`, undefined, keyHeader(key));
    expect((mine.body.ideas as { text: string }[]).map((i) => i.text)).toEqual(texts);
    const stranger = participantKey();
    const theirs = await w.call(
      other,
      'GET',
      `/rounds/${roundId}/ideas`,
      undefined,
      keyHeader(stranger),
    );
    expect(theirs.body.ideas).toEqual([]);
    const stolen = await w.call(
      other,
      'DELETE',
      `/rounds/${roundId}/ideas/${ids[0]}`,
      undefined,
      keyHeader(stranger),
    );
    expect(stolen.status).toBe(404);

    // The facilitator sees counts and names, never text.
    const progress = await w.call(w.facilitatorToken, 'GET', `/rounds/${roundId}/progress`);
    expect(progress.body).toEqual({
      total: 3,
      people: [{ label: 'Wren', perspective: STAFF, count: 3 }],
    });

    // Whatever was sent before the marker has arrived; none of it carries the ideas.
    await marker(w, otherSocket, 'marker-before-reveal');
    const during = bytesOf(otherSocket.frames);
    for (const t of [...texts, 'quokka', 'writer-author-id', 'Wren', key]) {
      expect(during).not.toContain(t);
    }

    const before = otherSocket.frames.length;
    const revealed = await w.call(w.facilitatorToken, 'POST', `/rounds/${roundId}/reveal`);
    expect(revealed).toEqual({ status: 200, body: { added: 3 } });
    await waitFor(() => readRound(otherClient.doc) === null, 'round ended for others');
    const carrying = syncUpdates(otherSocket.frames.slice(before)).filter((f) =>
      texts.some((t) => bytesOf([f]).includes(t)),
    );
    expect(carrying).toHaveLength(1);
    for (const t of texts) expect(bytesOf(carrying)).toContain(t);

    const nodes = Board.open(otherClient.doc).getDiagram(w.diagramId)!.nodes;
    const revealedNodes = nodes.filter((n) => texts.includes(n.text));
    expect(revealedNodes.map((n) => [n.text, n.authorId, n.perspective, n.parentId])).toEqual(
      expect.arrayContaining([
        [texts[0], 'writer-author-id', STAFF, w.staffing],
        [texts[1], 'writer-author-id', STAFF, w.staffing],
        [texts[2], 'writer-author-id', STAFF, w.causes[0]],
      ]),
    );
    expect(await w.server.server.storage.listWorkshopItems(w.board, 'idea', roundId)).toEqual([]);
    // A progress poll that was on its way meets a plain 404: there is no open round by that id.
    expect(await w.call(w.facilitatorToken, 'GET', `/rounds/${roundId}/progress`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'this round is not open' } },
    });
    const again = await w.call(writer, 'POST', `/rounds/${roundId}/ideas`, {
      participantKey: key,
      parentNodeId: w.staffing,
      text: 'too late',
      authorId: 'x',
      perspective: STAFF,
    });
    expect(again.status).toBe(409);
  });

  it('an anonymous round leaves no trace of its writers in the board, and numbers them in progress', async () => {
    const w = await setup();
    const patient = await w.server.mint(w.board, 'patient');
    const opened = await w.call(w.facilitatorToken, 'POST', '/rounds', {
      diagramId: w.diagramId,
      parentNodeId: null,
      anonymous: true,
    });
    const roundId = opened.body.id as string;
    for (const [i, perspective] of (['patient', 'carer'] as const).entries()) {
      const added = await w.call(patient, 'POST', `/rounds/${roundId}/ideas`, {
        participantKey: participantKey(),
        parentNodeId: i === 0 ? w.equipment : w.causes[2],
        text: `Hoist slings missing ${i}`,
        authorId: `patient-secret-author-${i}`,
        authorName: `Pat ${i}`,
        perspective,
      });
      expect(added.status).toBe(201);
    }
    const progress = await w.call(w.facilitatorToken, 'GET', `/rounds/${roundId}/progress`);
    expect(progress.body).toEqual({
      total: 2,
      people: [
        { label: 'Person 1', perspective: 'patient', count: 1 },
        { label: 'Person 2', perspective: 'carer', count: 1 },
      ],
    });
    expect(
      JSON.stringify(await w.server.server.storage.listWorkshopItems(w.board, 'idea', roundId)),
    ).not.toContain('patient-secret-author');
    // The cause the carer's idea went under is deleted during the round: it goes under the head.
    const facilitatorBoard = Board.open(w.facilitator.doc);
    facilitatorBoard.deleteNode(w.diagramId, w.causes[2]!);
    const watcher = clientOf(w.server, w.board, patient);
    await waitFor(
      () => Board.open(watcher.doc).getDiagram(w.diagramId)?.nodes.length === 5,
      'deletion reached the server',
    );
    const revealed = await w.call(w.facilitatorToken, 'POST', `/rounds/${roundId}/reveal`);
    expect(revealed.body).toEqual({ added: 2 });

    const stored = await w.server.server.storage.loadBoard(w.board);
    const doc = new Y.Doc();
    for (const part of [stored!.snapshot!, ...stored!.updates]) Y.applyUpdate(doc, part);
    const everything = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
    expect(everything).toContain('Hoist slings missing 0');
    expect(everything).not.toContain('patient-secret-author');
    expect(everything).not.toContain('Pat 0');
    const ideas = Board.open(doc)
      .getDiagram(w.diagramId)!
      .nodes.filter((n) => n.text.startsWith('Hoist slings'));
    const rootId = Board.open(doc).getDiagram(w.diagramId)!.root.id;
    expect(ideas.map((n) => [n.authorId, n.perspective, n.parentId]).sort()).toEqual([
      [ANONYMOUS_AUTHOR_ID, 'carer', rootId],
      [ANONYMOUS_AUTHOR_ID, 'patient', w.equipment],
    ]);
  });
});

describe('dot voting', () => {
  it('three participants: no connection receives a ballot or a running total before close; the split is right after', async () => {
    const w = await setup();
    const people: { role: Role; perspective: string; dots: string[] }[] = [
      { role: 'patient', perspective: 'patient', dots: [w.causes[0]!, w.causes[0]!] },
      { role: 'patient', perspective: 'carer', dots: [w.causes[0]!, w.causes[2]!] },
      { role: 'contributor', perspective: STAFF, dots: [w.causes[1]!, w.causes[2]!] },
    ];
    const voters = [];
    for (const person of people) {
      const token = await w.server.mint(w.board, person.role);
      voters.push({
        ...person,
        token,
        key: participantKey(),
        socket: await capture(w.server, w.board, token),
      });
    }
    const facilitatorSocket = await capture(w.server, w.board, w.facilitatorToken);
    const sockets = [...voters.map((v) => v.socket), facilitatorSocket];

    const opened = await w.call(w.facilitatorToken, 'POST', '/votes', {
      diagramId: w.diagramId,
      votesPerPerson: 2,
      allowStacking: true,
    });
    expect(opened.status).toBe(201);
    const voteId = opened.body.id as string;
    await waitFor(() => readVote(w.facilitator.doc)?.id === voteId, 'vote seen');
    const windowStart = sockets.map((s) => s.frames.length);

    for (const v of voters) {
      const put = await w.call(v.token, 'PUT', `/votes/${voteId}/ballot`, {
        participantKey: v.key,
        perspective: v.perspective,
        nodeIds: v.dots,
      });
      expect(put).toEqual({ status: 200, body: { nodeIds: v.dots } });
    }
    const own = await w.call(
      voters[0]!.token,
      'GET',
      `/votes/${voteId}/ballot`,
      undefined,
      keyHeader(voters[0]!.key),
    );
    expect(own.body).toEqual({ nodeIds: people[0]!.dots });
    const progress = await w.call(w.facilitatorToken, 'GET', `/votes/${voteId}/progress`);
    expect(progress.body).toEqual({ ballots: 3 });

    // Balloting changed nothing anyone receives: the only document change in the window is the marker.
    for (const socket of sockets) await marker(w, socket, 'marker-before-close');
    for (const [i, socket] of sockets.entries()) {
      const window = syncUpdates(socket.frames.slice(windowStart[i]));
      expect(window.every((f) => bytesOf([f]).includes('marker-before-close'))).toBe(true);
      for (const v of voters) expect(bytesOf(socket.frames)).not.toContain(v.key);
    }
    const vote = facilitationMap(w.facilitator.doc).get('vote') as Record<string, unknown>;
    expect(Object.keys(vote).sort()).toEqual([
      'allowStacking',
      'diagramId',
      'id',
      'openedAt',
      'votesPerPerson',
    ]);
    expect(readVoteResults(w.facilitator.doc)).toBeNull();

    const early = await w.call(voters[2]!.token, 'POST', `/votes/${voteId}/close`);
    expect(early.status).toBe(403);
    const closed = await w.call(w.facilitatorToken, 'POST', `/votes/${voteId}/close`);
    expect(closed.status).toBe(200);
    expect(await w.call(w.facilitatorToken, 'GET', `/votes/${voteId}/progress`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'this vote is not open' } },
    });
    const [rota, agency, hoists] = w.causes;
    const expected = {
      id: voteId,
      diagramId: w.diagramId,
      voters: { patientCarer: 2, staff: 1 },
      tallies: [
        { nodeId: rota, total: 3, patientCarer: 3, staff: 0 },
        { nodeId: hoists, total: 2, patientCarer: 1, staff: 1 },
        { nodeId: agency, total: 1, patientCarer: 0, staff: 1 },
      ],
    };
    expect(closed.body).toMatchObject(expected);
    await waitFor(() => readVoteResults(w.facilitator.doc) !== null, 'results broadcast');
    expect(readVoteResults(w.facilitator.doc)).toMatchObject(expected);
    expect(readVote(w.facilitator.doc)).toBeNull();
    expect(await w.server.server.storage.listWorkshopItems(w.board, 'ballot', voteId)).toEqual([]);
  });

  it('holds each ballot to the vote’s rules', async () => {
    const w = await setup();
    const staff = await w.server.mint(w.board, 'contributor');
    const opened = await w.call(w.facilitatorToken, 'POST', '/votes', {
      diagramId: w.diagramId,
      votesPerPerson: 2,
      allowStacking: false,
    });
    const voteId = opened.body.id as string;
    const ballot = (nodeIds: unknown) =>
      w.call(staff, 'PUT', `/votes/${voteId}/ballot`, {
        participantKey: participantKey(),
        perspective: STAFF,
        nodeIds,
      });
    expect((await ballot([w.causes[0], w.causes[0]])).status).toBe(422);
    expect((await ballot([w.causes[0], w.causes[1], w.causes[2]])).status).toBe(422);
    expect((await ballot([w.staffing])).body.error?.message).toMatch(/causes or change ideas/);
    expect((await ballot('all of them')).status).toBe(400);
    expect((await ballot([w.causes[0], w.causes[1]])).status).toBe(200);
    expect(
      (
        await w.call(w.facilitatorToken, 'POST', '/votes', {
          diagramId: w.diagramId,
          votesPerPerson: 3,
          allowStacking: true,
        })
      ).status,
    ).toBe(409);
  });
});
