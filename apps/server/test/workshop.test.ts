import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import {
  ANONYMOUS_AUTHOR_ID,
  Board,
  facilitationMap,
  readRound,
  readVote,
  readVoteResults,
  staffPerspective,
} from '@qi/model';
import { MessageType, SyncStep, type Role } from '@qi/protocol';
import {
  connectClient,
  rawClient,
  startTestServer,
  tempDir,
  waitFor,
  type RawClient,
  type TestClient,
  type TestServer,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = 'workshop-suite-secret-of-at-least-32-characters';
const STAFF = staffPerspective('ward nurse');

/** A fresh participant key (what a browser makes once per board). */
const participantKey = () => randomBytes(16).toString('base64url');

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

/** Calls the board's API with `token` (none when null); JSON in, JSON out. */
async function api(
  server: TestServer,
  board: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${server.server.url}/api/boards/${board}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

interface Workshop {
  server: TestServer;
  /** `api` on this board. */
  call(token: string | null, method: string, path: string, body?: unknown): Promise<Answer>;
  board: string;
  facilitatorToken: string;
  facilitator: TestClient;
  diagramId: string;
  staffing: string;
  equipment: string;
  causes: string[];
}

/** A server (optionally with config overrides), a board with a fishbone, a connected facilitator. */
async function setup(overrides: Parameters<typeof startTestServer>[1] = {}): Promise<Workshop> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path, { tokenSecret: SECRET, ...overrides });
  cleanups.push(() => server.close());
  const board = await server.createBoard('Late discharges');
  const facilitatorToken = await server.mint(board, 'facilitator');
  const facilitator = clientOf(server, board, facilitatorToken);
  await facilitator.synced;
  const model = Board.open(facilitator.doc);
  const who = { authorId: 'facilitator-1', perspective: STAFF };
  const { diagramId, rootId } = model.addDiagram({ kind: 'fishbone', text: 'Late', ...who });
  const add = (parentId: string, text: string) =>
    model.addNode({ diagramId, parentId, text, ...who });
  const staffing = add(rootId, 'Staffing');
  const equipment = add(rootId, 'Equipment');
  const causes = [add(staffing, 'Rota gaps'), add(staffing, 'Agency'), add(equipment, 'Hoists')];
  const watcher = clientOf(server, board, await server.mint(board, 'observer'));
  await waitFor(() => Board.open(watcher.doc).getDiagram(diagramId)?.nodes.length === 6, 'tree');
  const call: Workshop['call'] = (token, method, path, body) =>
    api(server, board, token, method, path, body);
  return {
    server,
    call,
    board,
    facilitatorToken,
    facilitator,
    diagramId,
    staffing,
    equipment,
    causes,
  };
}

function clientOf(server: TestServer, board: string, token: string): TestClient {
  const c = connectClient(server.syncUrl, board, new Y.Doc(), { token });
  cleanups.push(() => c.destroy());
  return c;
}

/** A raw socket of `token` capturing every frame the server sends it. */
async function capture(server: TestServer, board: string, token: string): Promise<RawClient> {
  const socket = rawClient(server.syncUrl, board, { token });
  cleanups.push(() => socket.ws.terminate());
  await socket.opened;
  return socket;
}

const text = new TextDecoder();
/** Every captured frame as text (Yjs writes strings as UTF-8, so document text shows through). */
const bytesOf = (frames: Uint8Array[]) => frames.map((f) => text.decode(f)).join('\n');

/** The captured document updates (sync step 2 and update frames). */
function syncUpdates(frames: Uint8Array[]): Uint8Array[] {
  return frames.filter((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return false;
    return decoding.readVarUint(decoder) !== SyncStep.step1;
  });
}

/** A change everyone receives after whatever was sent before it (ordering on one socket). */
async function marker(w: Workshop, socket: RawClient, label: string): Promise<void> {
  w.facilitator.doc.getMap('markers').set(label, true);
  await waitFor(() => bytesOf(socket.frames).includes(label), `marker ${label}`);
}

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
    const mine = await w.call(writer, 'GET', `/rounds/${roundId}/ideas?participantKey=${key}`);
    expect((mine.body.ideas as { text: string }[]).map((i) => i.text)).toEqual(texts);
    const stranger = participantKey();
    const theirs = await w.call(
      other,
      'GET',
      `/rounds/${roundId}/ideas?participantKey=${stranger}`,
    );
    expect(theirs.body.ideas).toEqual([]);
    const stolen = await w.call(
      other,
      'DELETE',
      `/rounds/${roundId}/ideas/${ids[0]}?participantKey=${stranger}`,
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
    const everything = text.decode(Y.encodeStateAsUpdate(doc));
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
      `/votes/${voteId}/ballot?participantKey=${voters[0]!.key}`,
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
