import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import {
  ANONYMOUS_AUTHOR_ID,
  Board,
  clearRound,
  defaultChildKind,
  LIMITS,
  readRound,
  setRound,
  type Perspective,
  type WorkshopRound,
} from '@qi/model';
import {
  MAX_DISPLAY_NAME_LENGTH,
  type ListIdeasResponse,
  type PrivateIdea,
  type RevealResponse,
  type RoundInfo,
  type RoundProgress,
} from '@qi/protocol';
import type { Links } from '../auth/Links';
import type { WorkshopItemRecord } from '../storage/Storage';
import { boardToken, type BoardTokenEnv } from './boardToken';
import { limitBody, readBoolean, readJsonObject } from './jsonBody';
import {
  boardIdOf,
  conflict,
  MAX_IDEAS_PER_PERSON,
  MAX_IDEAS_PER_ROUND,
  newWorkshopId,
  readIdeaText,
  readDiagramId,
  participantKeyHeader,
  readParticipantKey,
  readPerspective,
  readText,
  refusePatientIdentifiers,
  requireFacilitator,
  requireParticipant,
  unprocessable,
  WORKSHOP_BODY_LIMIT,
  type Workshop,
  type WorkshopScope,
} from './workshop';

/**
 * A stored idea's body (JSON). In an anonymous round the author's id and name are never
 * stored, so they cannot leak later.
 */
interface IdeaBody {
  parentNodeId: string;
  text: string;
  authorId: string | null;
  authorName: string | null;
  perspective: string;
}

const ideaOf = (item: WorkshopItemRecord) => JSON.parse(item.body) as IdeaBody;

function toPrivateIdea(item: WorkshopItemRecord): PrivateIdea {
  const { parentNodeId, text } = ideaOf(item);
  return { id: item.id, parentNodeId, text, createdAt: item.createdAt };
}

/** Silent rounds, for the workshop's claims: one open per board. */
const ROUNDS: WorkshopScope = {
  kind: 'idea',
  current: readRound,
  busy: 'a round is already open; reveal or cancel it first',
  notOpen: 'this round is not open',
};

/** The open round with this id, or 409. */
function openRound(doc: Y.Doc, roundId: string): WorkshopRound {
  const round = readRound(doc);
  if (!round || round.id !== roundId) throw conflict(ROUNDS.notOpen);
  return round;
}

/** 422 unless `parentNodeId` is a node of the round's scope that can take an idea under it. */
function checkParent(doc: Y.Doc, round: WorkshopRound, parentNodeId: string): void {
  const nodes = new Map(
    Board.open(doc)
      .getDiagram(round.diagramId)
      ?.nodes.map((n) => [n.id, n]),
  );
  const parent = nodes.get(parentNodeId);
  let inScope = round.parentNodeId === null && parent !== undefined;
  for (let n = parent; n && !inScope; n = nodes.get(n.parentId ?? '')) {
    inScope = n.id === round.parentNodeId;
  }
  if (!parent || !inScope) {
    throw unprocessable('parentNodeId is not a node in this round’s part of the diagram');
  }
  if (!defaultChildKind(parent.kind)) throw unprocessable('nothing can be added under that box');
}

/**
 * `/api/boards/:id/rounds`: silent brainstorming. Facilitators open a round, see progress (counts
 * only) and reveal; participants add, edit, delete and list their own ideas, which stay in
 * storage (never in the document) until the reveal adds them all in one change.
 */
export function roundsRoutes(links: Links, workshop: Workshop): Hono<BoardTokenEnv> {
  const { storage } = workshop;
  const app = new Hono<BoardTokenEnv>();
  app.use('*', boardToken(links));

  app.post('/', limitBody(WORKSHOP_BODY_LIMIT), async (c) => {
    requireFacilitator(c, 'open a round');
    const body = await readJsonObject(c);
    const diagramId = readDiagramId(body.diagramId);
    const { parentNodeId } = body;
    if (parentNodeId !== null && (typeof parentNodeId !== 'string' || parentNodeId === '')) {
      throw new HTTPException(400, { message: 'parentNodeId must be a node id or null' });
    }
    const anonymous = readBoolean('anonymous', body.anonymous);
    const boardId = boardIdOf(c);
    const round: RoundInfo = await workshop.begin(boardId, ROUNDS, (doc, id) => {
      if (readRound(doc)) throw conflict(ROUNDS.busy);
      const diagram = Board.open(doc).getDiagram(diagramId);
      if (!diagram) throw unprocessable('diagramId names no diagram on this board');
      if (parentNodeId !== null) {
        const scope = diagram.nodes.find((n) => n.id === parentNodeId);
        if (!scope) throw unprocessable('parentNodeId names no box of that diagram');
        if (!defaultChildKind(scope.kind)) {
          throw unprocessable('nothing can be added under that box');
        }
      }
      const opened = {
        id,
        diagramId,
        parentNodeId,
        anonymous,
        openedAt: Date.now(),
      };
      setRound(doc, opened);
      return opened;
    });
    return c.json(round, 201);
  });

  app.delete('/:roundId', async (c) => {
    requireFacilitator(c, 'cancel a round');
    const boardId = boardIdOf(c);
    const roundId = c.req.param('roundId');
    await workshop.finish(boardId, ROUNDS, roundId, (doc) => {
      openRound(doc, roundId);
      clearRound(doc);
    });
    return c.body(null, 204);
  });

  /** Reads an open round of the request and checks an idea's parent, without changing anything. */
  const withOpenRound = <T>(
    c: Context<BoardTokenEnv>,
    check: (doc: Y.Doc, r: WorkshopRound) => T,
  ) => workshop.change(boardIdOf(c), (doc) => check(doc, openRound(doc, c.req.param('roundId')!)));

  app.post('/:roundId/ideas', limitBody(WORKSHOP_BODY_LIMIT), async (c) => {
    requireParticipant(c);
    const body = await readJsonObject(c);
    const participantKey = readParticipantKey(body.participantKey);
    const parentNodeId = readText('parentNodeId', body.parentNodeId, 200);
    const text = readIdeaText(body.text);
    const authorId = readText('authorId', body.authorId, LIMITS.authorId);
    const perspective = readPerspective(c, body.perspective);
    const authorName =
      body.authorName === undefined || body.authorName === null
        ? null
        : readText('authorName', body.authorName, MAX_DISPLAY_NAME_LENGTH);
    workshop.takeWrite(c, participantKey);
    const boardId = boardIdOf(c);
    const roundId = c.req.param('roundId');
    const item = await workshop.serial(boardId, async () => {
      const round = await withOpenRound(c, (doc, r) => {
        checkParent(doc, r, parentNodeId);
        refusePatientIdentifiers(workshop.registry, doc, text);
        return r;
      });
      const ideas = await storage.listWorkshopItems(boardId, 'idea', roundId);
      if (ideas.length >= MAX_IDEAS_PER_ROUND) {
        throw conflict(`this round already holds ${MAX_IDEAS_PER_ROUND} ideas`);
      }
      if (ideas.filter((i) => i.participantKey === participantKey).length >= MAX_IDEAS_PER_PERSON) {
        throw conflict(`you already have ${MAX_IDEAS_PER_PERSON} ideas in this round`);
      }
      const idea: IdeaBody = {
        parentNodeId,
        text,
        authorId: round.anonymous ? null : authorId,
        authorName: round.anonymous ? null : authorName,
        perspective,
      };
      const record: WorkshopItemRecord = {
        boardId,
        kind: 'idea',
        scopeId: roundId,
        id: newWorkshopId(),
        participantKey,
        body: JSON.stringify(idea),
        createdAt: Date.now(),
      };
      await workshop.store(ROUNDS, record);
      return record;
    });
    return c.json(toPrivateIdea(item), 201);
  });

  app.patch('/:roundId/ideas/:ideaId', limitBody(WORKSHOP_BODY_LIMIT), async (c) => {
    requireParticipant(c);
    const body = await readJsonObject(c);
    const participantKey = readParticipantKey(body.participantKey);
    const text = readIdeaText(body.text);
    workshop.takeWrite(c, participantKey);
    const boardId = boardIdOf(c);
    const roundId = c.req.param('roundId');
    const ideaId = c.req.param('ideaId');
    const item = await workshop.serial(boardId, async () => {
      await withOpenRound(c, (doc) => refusePatientIdentifiers(workshop.registry, doc, text));
      const own = await storage.listWorkshopItems(boardId, 'idea', roundId, participantKey);
      const found = own.find((i) => i.id === ideaId);
      if (!found) throw new HTTPException(404, { message: 'no such idea of yours in this round' });
      const edited = { ...found, body: JSON.stringify({ ...ideaOf(found), text }) };
      await workshop.store(ROUNDS, edited);
      return edited;
    });
    return c.json(toPrivateIdea(item));
  });

  app.delete('/:roundId/ideas/:ideaId', async (c) => {
    requireParticipant(c);
    const participantKey = participantKeyHeader(c);
    const boardId = boardIdOf(c);
    const deleted = await workshop.serial(boardId, () =>
      storage.deleteWorkshopItem(
        boardId,
        'idea',
        c.req.param('roundId'),
        c.req.param('ideaId'),
        participantKey,
      ),
    );
    if (!deleted) throw new HTTPException(404, { message: 'no such idea of yours in this round' });
    return c.body(null, 204);
  });

  app.get('/:roundId/ideas', async (c) => {
    const participantKey = participantKeyHeader(c);
    const own = await storage.listWorkshopItems(
      boardIdOf(c),
      'idea',
      c.req.param('roundId'),
      participantKey,
    );
    const body: ListIdeasResponse = { ideas: own.map(toPrivateIdea) };
    return c.json(body);
  });

  app.get('/:roundId/progress', async (c) => {
    requireFacilitator(c, 'see a round’s progress');
    // A poll on its way as the round is revealed is normal: no open round by that id is a 404.
    const round = await workshop.change(boardIdOf(c), (doc) => {
      const open = readRound(doc);
      if (!open || open.id !== c.req.param('roundId')) {
        throw new HTTPException(404, { message: ROUNDS.notOpen });
      }
      return open;
    });
    const ideas = await storage.listWorkshopItems(boardIdOf(c), 'idea', round.id);
    // People in the order of their first idea; each one's latest name and perspective.
    const people = new Map<string, RoundProgress['people'][number]>();
    for (const item of ideas) {
      const idea = ideaOf(item);
      let person = people.get(item.participantKey);
      if (!person) {
        person = { label: `Person ${people.size + 1}`, perspective: idea.perspective, count: 0 };
        people.set(item.participantKey, person);
      }
      person.count++;
      person.perspective = idea.perspective;
      if (!round.anonymous && idea.authorName) person.label = idea.authorName;
    }
    const body: RoundProgress = { total: ideas.length, people: [...people.values()] };
    return c.json(body);
  });

  app.post('/:roundId/reveal', async (c) => {
    requireFacilitator(c, 'reveal a round');
    const boardId = boardIdOf(c);
    const roundId = c.req.param('roundId');
    const added = await workshop.finish(boardId, ROUNDS, roundId, (doc, ideas) => {
      const round = openRound(doc, roundId);
      const board = Board.open(doc);
      const diagram = board.getDiagram(round.diagramId);
      // The scope as it is now (nodes come parents first); an idea whose parent was deleted
      // during the round goes under the scope, or under the head if the scope went too.
      const inScope = new Set<string>();
      for (const node of diagram?.nodes ?? []) {
        const under = round.parentNodeId === null || node.id === round.parentNodeId;
        if (under || inScope.has(node.parentId ?? '')) inScope.add(node.id);
      }
      const fallback = inScope.has(round.parentNodeId ?? '')
        ? round.parentNodeId
        : (diagram?.root.id ?? null);
      const kinds = new Map(diagram?.nodes.map((node) => [node.id, node.kind]));
      const nodes = [];
      for (const item of ideas) {
        const idea = ideaOf(item);
        const parentId = inScope.has(idea.parentNodeId) ? idea.parentNodeId : fallback;
        const parentKind = parentId === null ? undefined : kinds.get(parentId);
        // Left out only if the diagram is gone or the box can take no child.
        if (!parentId || !parentKind || !defaultChildKind(parentKind)) continue;
        nodes.push({
          parentId,
          text: idea.text,
          authorId: (!round.anonymous && idea.authorId) || ANONYMOUS_AUTHOR_ID,
          perspective: idea.perspective as Perspective,
        });
      }
      // Validated before anything is written: a refusal leaves the round open, nothing added.
      if (nodes.length > 0) board.addNodes(round.diagramId, nodes);
      clearRound(doc);
      return nodes.length;
    });
    const body: RevealResponse = { added };
    return c.json(body);
  });

  return app;
}
