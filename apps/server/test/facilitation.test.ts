import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import {
  Board,
  diagramBoxId,
  extendTimer,
  facilitationMap,
  readFacilitation,
  setBoardLock,
  isDiagramFrozen,
  setDiagramFrozen,
  startTimer,
  type Perspective,
} from '@qi/model';
import { AUTH_PERMISSION_DENIED, CloseCode, MessageType, RefusalReason } from '@qi/protocol';
import { encodeSyncUpdate } from '../src/sync/wire';
import {
  connectClient,
  rawClient,
  startTestServer,
  tempDir,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = 'facilitation-suite-secret-of-at-least-32-chars';

async function setup(dir = tempDir()): Promise<{ server: TestServer; dir: string }> {
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path, { tokenSecret: SECRET });
  cleanups.push(() => server.close());
  return { server, dir: dir.path };
}

function client(server: TestServer, board: string, token?: string): TestClient {
  const c = connectClient(server.syncUrl, board, new Y.Doc(), token ? { token } : {});
  cleanups.push(() => c.destroy());
  return c;
}

/** The document storage holds for `board`. */
async function storedDoc(server: TestServer, board: string): Promise<Y.Doc> {
  const stored = await server.server.storage.loadBoard(board);
  const doc = new Y.Doc();
  if (stored!.snapshot) Y.applyUpdate(doc, stored!.snapshot);
  for (const u of stored!.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** The reason of the first auth permission-denied frame, if any. */
function deniedReason(frames: Uint8Array[]): string | null {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.auth) continue;
    if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) continue;
    return decoding.readVarString(decoder);
  }
  return null;
}

/** A raw socket with `token` sends one update; resolves with how it was closed and why. */
async function sendAs(server: TestServer, board: string, token: string, update: Uint8Array) {
  const socket = rawClient(server.syncUrl, board, { token });
  await socket.opened;
  socket.ws.send(encodeSyncUpdate(update));
  const closed = await socket.closed;
  return { ...closed, denied: deniedReason(socket.frames) };
}

/** A document holding exactly what storage holds for the board now. */
async function replica(server: TestServer, board: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(await storedDoc(server, board)));
  return doc;
}

describe('facilitation state is the facilitator’s', () => {
  it('refuses a contributor’s raw edit of the facilitation map; stored and broadcast doc unchanged', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Workshop');
    const contributor = await server.mint(board, 'contributor');
    const facilitator = client(server, board);
    await facilitator.synced;
    startTimer(facilitator.doc, 300_000, Date.now());
    await waitFor(
      async () => readFacilitation(await storedDoc(server, board)).timer !== null,
      'timer stored',
    );
    const watcher = client(server, board, contributor);
    await watcher.synced;
    await waitFor(() => readFacilitation(watcher.doc).timer !== null, 'watcher sees the timer');
    const before = readFacilitation(watcher.doc).timer;

    // A new key, a changed key, and a nested type: each refused on its own socket.
    const attempts: ((doc: Y.Doc) => void)[] = [
      (doc) => facilitationMap(doc).set('lock', { board: true }),
      (doc) => extendTimer(doc, 3_600_000, Date.now()),
      (doc) => facilitationMap(doc).delete('timer'),
      (doc) => {
        const nested = new Y.Map<number>();
        facilitationMap(doc).set('sneaky', nested);
        nested.set('x', 1);
      },
    ];
    for (const attempt of attempts) {
      const doc = await replica(server, board);
      const vector = Y.encodeStateVector(doc);
      attempt(doc);
      const result = await sendAs(server, board, contributor, Y.encodeStateAsUpdate(doc, vector));
      expect(result.code).toBe(CloseCode.refusedChange);
      expect(result.denied).toBe(RefusalReason.facilitatorOnly);
    }

    // The stock provider too: its edit of the map is refused and it stops.
    const stock = client(server, board, contributor);
    await stock.synced;
    const stockClosed = new Promise<number>((resolve) =>
      stock.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    facilitationMap(stock.doc).set('follow', { leaderClientId: 1, since: 0 });
    expect(await stockClosed).toBe(CloseCode.refusedChange);

    // Contributors still edit the board.
    const ok = client(server, board, contributor);
    await ok.synced;
    ok.doc.getArray<string>('items').push(['a sticky note']);
    await waitFor(() => watcher.doc.getArray('items').length === 1, 'ordinary edit broadcast');

    const stored = await storedDoc(server, board);
    expect(readFacilitation(stored).timer).toEqual(before);
    expect(readFacilitation(stored).lock.board).toBe(false);
    expect(readFacilitation(stored).follow).toBeNull();
    expect(facilitationMap(stored).has('sneaky')).toBe(false);
    expect(readFacilitation(watcher.doc).timer).toEqual(before);
    expect(facilitationMap(watcher.doc).has('sneaky')).toBe(false);
    expect(facilitationMap(facilitator.doc).has('follow')).toBe(false);
  });

  it('while locked refuses a contributor’s change and applies the facilitator’s', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Locked');
    const contributor = await server.mint(board, 'contributor');
    const patient = await server.mint(board, 'patient');
    const facilitator = client(server, board);
    await facilitator.synced;
    facilitator.doc.getArray<string>('items').push(['before lock']);
    facilitator.doc.getArray<string>('items').delete(0, 1);
    facilitator.doc.getArray<string>('items').push(['kept']);
    setBoardLock(facilitator.doc, true);
    await waitFor(
      async () => readFacilitation(await storedDoc(server, board)).lock.board,
      'lock stored',
    );

    // Joining a locked board works: a step 2 with nothing new (deletions included) is no change.
    const reader = client(server, board, patient);
    await reader.synced;
    await waitFor(() => readFacilitation(reader.doc).lock.board, 'reader sees the lock');
    expect(reader.provider.wsconnected).toBe(true);

    for (const token of [contributor, patient]) {
      const doc = await replica(server, board);
      const vector = Y.encodeStateVector(doc);
      doc.getArray<string>('items').push(['while locked']);
      const result = await sendAs(server, board, token, Y.encodeStateAsUpdate(doc, vector));
      expect(result.code).toBe(CloseCode.refusedChange);
      expect(result.denied).toBe(RefusalReason.boardLocked);
    }
    // A deletion alone is a change too.
    const doc = await replica(server, board);
    const vector = Y.encodeStateVector(doc);
    doc.getArray<string>('items').delete(0, 1);
    const deletion = await sendAs(server, board, contributor, Y.encodeStateAsUpdate(doc, vector));
    expect(deletion.denied).toBe(RefusalReason.boardLocked);

    facilitator.doc.getArray<string>('items').push(['facilitator while locked']);
    await waitFor(() => reader.doc.getArray('items').length === 2, 'facilitator edit broadcast');
    const stored = await storedDoc(server, board);
    expect(stored.getArray('items').toJSON()).toEqual(['kept', 'facilitator while locked']);

    setBoardLock(facilitator.doc, false);
    await waitFor(() => !readFacilitation(reader.doc).lock.board, 'unlocked');
    reader.doc.getArray<string>('items').push(['after unlock']);
    await waitFor(() => facilitator.doc.getArray('items').length === 3, 'edit after unlock');
  });

  it('refuses a contributor’s structural change to a frozen diagram, accepts wording and other diagrams', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Frozen');
    const contributor = await server.mint(board, 'contributor');
    const facilitator = client(server, board);
    await facilitator.synced;
    const who = { authorId: 'f', perspective: 'staff:' as const };
    const model = Board.open(facilitator.doc);
    const fish = model.addDiagram({ kind: 'fishbone', text: 'Falls', ...who });
    const people = model.addNode({ ...fish, parentId: fish.rootId, text: 'People', ...who });
    const other = model.addDiagram({ kind: 'fishbone', text: 'Delays', ...who });
    setDiagramFrozen(facilitator.doc, fish.diagramId, true);
    await waitFor(
      async () => isDiagramFrozen(await storedDoc(server, board), fish.diagramId),
      'freeze stored',
    );

    /** Sends what `change` adds to the stored board over a raw contributor socket. */
    async function attempt(change: (b: Board) => void) {
      const doc = await replica(server, board);
      const vector = Y.encodeStateVector(doc);
      change(Board.open(doc));
      const socket = rawClient(server.syncUrl, board, { token: contributor });
      await socket.opened;
      socket.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc, vector)));
      return socket;
    }

    const refused = await attempt((b) =>
      b.addNode({ ...fish, parentId: people, text: 'Tired', ...who }),
    );
    const closed = await refused.closed;
    expect(closed.code).toBe(CloseCode.refusedChange);
    expect(deniedReason(refused.frames)).toBe(RefusalReason.diagramFrozen);
    const moved = await attempt((b) =>
      b.moveNode({ diagramId: fish.diagramId, nodeId: people, parentId: fish.rootId, after: null }),
    );
    expect((await moved.closed).code).toBe(CloseCode.refusedChange);
    expect(deniedReason(moved.frames)).toBe(RefusalReason.diagramFrozen);

    // Wording in the frozen diagram and structure elsewhere go through.
    const stock = client(server, board, contributor);
    await stock.synced;
    const theirs = Board.open(stock.doc);
    theirs.setText(fish.diagramId, people, 'People and staffing');
    theirs.addNode({ ...other, parentId: other.rootId, text: 'Staff', ...who });
    await waitFor(
      () => (model.getDiagram(other.diagramId)?.nodes.length ?? 0) === 2,
      'other diagram edit broadcast',
    );
    await waitFor(
      () => model.getDiagram(fish.diagramId)?.nodes[1]?.text === 'People and staffing',
      'wording broadcast',
    );
    expect(stock.provider.wsconnected).toBe(true);

    // The facilitator may still change the frozen structure.
    model.addNode({ ...fish, parentId: people, text: 'Agency staff', ...who });
    await waitFor(
      () => (Board.open(stock.doc).getDiagram(fish.diagramId)?.nodes.length ?? 0) === 3,
      'facilitator edit broadcast',
    );
    const stored = Board.open(await storedDoc(server, board)).getDiagram(fish.diagramId)!;
    expect(stored.nodes.map((n) => n.text)).toEqual([
      'Falls',
      'People and staffing',
      'Agency staff',
    ]);
  });

  it('refuses a contributor deleting a frozen diagram’s box; nothing stored, others stay, moves pass', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Frozen box');
    const contributor = await server.mint(board, 'contributor');
    const facilitator = client(server, board);
    const staff = client(server, board, contributor);
    await Promise.all([facilitator.synced, staff.synced]);
    const who = { authorId: 'f', perspective: 'staff:' as const };
    const fish = Board.open(facilitator.doc).addDiagram({
      kind: 'fishbone',
      text: 'Falls',
      ...who,
    });
    const boxId = diagramBoxId(fish.diagramId);
    const box = (x: number) => ({
      id: boxId,
      typeName: 'shape',
      type: 'qi-diagram',
      parentId: 'page:page',
      x,
      y: 0,
      props: { diagramId: fish.diagramId, w: 300, h: 200 },
    });
    const records = (doc: Y.Doc) => doc.getMap<ReturnType<typeof box>>('tldraw');
    records(facilitator.doc).set(boxId, box(0));
    setDiagramFrozen(facilitator.doc, fish.diagramId, true);
    await waitFor(async () => {
      const stored = await storedDoc(server, board);
      return isDiagramFrozen(stored, fish.diagramId) && records(stored).has(boxId);
    }, 'frozen diagram and its box stored');
    await waitFor(() => isDiagramFrozen(staff.doc, fish.diagramId), 'staff see the freeze');

    // Deleting the box, or writing a sticky note over it: refused on the sender's socket.
    for (const change of [
      (doc: Y.Doc) => records(doc).delete(boxId),
      (doc: Y.Doc) => records(doc).set(boxId, { ...box(0), type: 'note' }),
    ]) {
      const doc = await replica(server, board);
      const vector = Y.encodeStateVector(doc);
      change(doc);
      const result = await sendAs(server, board, contributor, Y.encodeStateAsUpdate(doc, vector));
      expect(result.code).toBe(CloseCode.refusedChange);
      expect(result.denied).toBe(RefusalReason.diagramFrozen);
    }

    // The other connections go on; a colleague still moves the box.
    records(staff.doc).set(boxId, box(240));
    await waitFor(() => records(facilitator.doc).get(boxId)?.x === 240, 'move broadcast');
    expect(staff.provider.wsconnected && facilitator.provider.wsconnected).toBe(true);
    const stored = await storedDoc(server, board);
    expect(records(stored).get(boxId)).toEqual(box(240));
    expect(Board.open(stored).getDiagram(fish.diagramId)?.root.text).toBe('Falls');

    // The facilitator may take it away.
    records(facilitator.doc).delete(boxId);
    await waitFor(() => !records(staff.doc).has(boxId), 'facilitator’s deletion broadcast');
  });

  it('refuses a node perspective the writer’s role does not speak for; facilitators transcribe', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Voices');
    const contributor = await server.mint(board, 'contributor');
    const patient = await server.mint(board, 'patient');
    const facilitator = client(server, board);
    await facilitator.synced;
    const model = Board.open(facilitator.doc);
    const fish = model.addDiagram({
      kind: 'fishbone',
      text: 'Falls',
      authorId: 'f',
      perspective: 'staff:QI lead',
    });
    // The facilitator writes down a patient's words as the patient's.
    const heard = model.addNode({
      ...fish,
      parentId: fish.rootId,
      text: 'Nobody answers the bell',
      authorId: 'f',
      perspective: 'patient',
    });
    await waitFor(
      async () =>
        (Board.open(await storedDoc(server, board)).getDiagram(fish.diagramId)?.nodes.length ??
          0) === 2,
      'transcribed node stored',
    );

    /** What `change` adds to the stored board, sent over a raw socket with `token`. */
    async function attempt(token: string, change: (b: Board) => void) {
      const doc = await replica(server, board);
      const vector = Y.encodeStateVector(doc);
      change(Board.open(doc));
      return sendAs(server, board, token, Y.encodeStateAsUpdate(doc, vector));
    }
    const cause = (perspective: Perspective) => (b: Board) =>
      b.addNode({
        ...fish,
        parentId: fish.rootId,
        text: 'Night staffing',
        authorId: 'x',
        perspective,
      });

    for (const [token, change] of [
      [contributor, cause('patient')],
      [contributor, (b: Board) => b.setPerspective(fish.diagramId, heard, 'carer')],
      [patient, cause('staff:consultant')],
    ] as const) {
      const result = await attempt(token, change);
      expect(result.code).toBe(CloseCode.refusedChange);
      expect(result.denied).toBe(RefusalReason.perspectiveNotYours);
    }

    // Each role's own perspectives go through, over the stock provider.
    const staff = client(server, board, contributor);
    const partner = client(server, board, patient);
    await Promise.all([staff.synced, partner.synced]);
    cause('staff:ward nurse')(Board.open(staff.doc));
    cause('carer')(Board.open(partner.doc));
    Board.open(staff.doc).setText(fish.diagramId, heard, 'Nobody answers the call bell');
    await waitFor(
      () => (model.getDiagram(fish.diagramId)?.nodes.length ?? 0) === 4,
      'own perspectives broadcast',
    );
    expect(staff.provider.wsconnected && partner.provider.wsconnected).toBe(true);
    const stored = Board.open(await storedDoc(server, board)).getDiagram(fish.diagramId)!;
    expect(stored.nodes.map((n) => [n.text, n.perspective]).sort()).toEqual(
      [
        ['Falls', 'staff:QI lead'],
        ['Night staffing', 'carer'],
        ['Night staffing', 'staff:ward nurse'],
        ['Nobody answers the call bell', 'patient'],
      ].sort(),
    );
  });

  it('refuses a sticky note labelled with a perspective not the writer’s; nothing stored, others stay', async () => {
    const { server } = await setup();
    const board = await server.createBoard('Notes');
    const contributor = await server.mint(board, 'contributor');
    const patient = await server.mint(board, 'patient');
    const facilitator = client(server, board);
    const staff = client(server, board, contributor);
    const partner = client(server, board, patient);
    await Promise.all([facilitator.synced, staff.synced, partner.synced]);
    const note = (id: string, perspective: string, x = 0) => ({
      id,
      typeName: 'shape',
      type: 'note',
      x,
      y: 0,
      meta: { perspective },
    });
    const notes = (doc: Y.Doc) => doc.getMap<ReturnType<typeof note>>('tldraw');
    // The facilitator transcribes what a patient said as the patient's.
    notes(facilitator.doc).set('shape:heard', note('shape:heard', 'patient'));
    await waitFor(async () => notes(await storedDoc(server, board)).has('shape:heard'), 'stored');

    const doc = await replica(server, board);
    const vector = Y.encodeStateVector(doc);
    notes(doc).set('shape:posing', note('shape:posing', 'patient'));
    const refused = await sendAs(server, board, contributor, Y.encodeStateAsUpdate(doc, vector));
    expect(refused.code).toBe(CloseCode.refusedChange);
    expect(refused.denied).toBe(RefusalReason.perspectiveNotYours);

    // The other connections go on: own notes, and a colleague moving the patient's note.
    notes(staff.doc).set('shape:mine', note('shape:mine', 'staff:ward nurse'));
    notes(staff.doc).set('shape:heard', note('shape:heard', 'patient', 80));
    notes(partner.doc).set('shape:carer', note('shape:carer', 'carer'));
    await waitFor(
      () => notes(facilitator.doc).has('shape:mine') && notes(facilitator.doc).has('shape:carer'),
      'own notes broadcast',
    );
    await waitFor(() => notes(facilitator.doc).get('shape:heard')?.x === 80, 'move broadcast');
    expect(staff.provider.wsconnected && partner.provider.wsconnected).toBe(true);
    const fresh = client(server, board, contributor);
    await fresh.synced;
    expect([...notes(fresh.doc).keys()].sort()).toEqual([
      'shape:carer',
      'shape:heard',
      'shape:mine',
    ]);
    expect(notes(await storedDoc(server, board)).has('shape:posing')).toBe(false);
  });

  it('survives a restart and reaches late joiners', async () => {
    const dir = tempDir();
    const { server } = await setup(dir);
    const board = await server.createBoard('Restart');
    const facilitator = client(server, board);
    await facilitator.synced;
    startTimer(facilitator.doc, 600_000, 1_000);
    setBoardLock(facilitator.doc, true);
    await waitFor(
      async () => readFacilitation(await storedDoc(server, board)).lock.board,
      'lock stored',
    );
    facilitator.destroy();
    await server.close();

    const again = await startTestServer(dir.path, { tokenSecret: SECRET });
    cleanups.push(() => again.close());
    const contributor = await again.mint(board, 'contributor');
    const late = client(again, board, contributor);
    await late.synced;
    const state = readFacilitation(late.doc);
    expect(state.lock.board).toBe(true);
    expect(state.timer).toEqual({ startedAt: 1_000, durationMs: 600_000, pausedRemainingMs: null });
    // Still enforced after the restart.
    const doc = await replica(again, board);
    const vector = Y.encodeStateVector(doc);
    doc.getArray<string>('items').push(['x']);
    const result = await sendAs(again, board, contributor, Y.encodeStateAsUpdate(doc, vector));
    expect(result.denied).toBe(RefusalReason.boardLocked);
  });

  it('tells clients the server time', async () => {
    const { server } = await setup();
    const before = Date.now();
    const response = await fetch(`${server.server.url}/api/time`);
    expect(response.status).toBe(200);
    const { now } = (await response.json()) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
