import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import {
  Board,
  clearVote,
  readVote,
  setVote,
  setVoteResults,
  tallyBallots,
  votableNodeIds,
  type WorkshopBallot,
  type WorkshopVote,
} from '@qi/model';
import {
  MAX_VOTES_PER_PERSON,
  type BallotResponse,
  type VoteInfo,
  type VoteProgress,
  type VoteResults,
} from '@qi/protocol';
import type { Links } from '../auth/Links';
import { boardToken, type BoardTokenEnv } from './boardToken';
import { limitBody, readBoolean, readJsonObject, readWholeNumber } from './jsonBody';
import {
  boardIdOf,
  conflict,
  readDiagramId,
  participantKeyHeader,
  readParticipantKey,
  readPerspective,
  requireFacilitator,
  requireParticipant,
  unprocessable,
  WORKSHOP_BODY_LIMIT,
  type Workshop,
  type WorkshopScope,
} from './workshop';

/** Dot votes, for the workshop's claims: one open per board. */
const VOTES: WorkshopScope = {
  kind: 'ballot',
  current: readVote,
  busy: 'a vote is already open; close or cancel it first',
  notOpen: 'this vote is not open',
};

/** The open vote with this id, or 409. */
function openVote(doc: Y.Doc, voteId: string): WorkshopVote {
  const vote = readVote(doc);
  if (!vote || vote.id !== voteId) throw conflict(VOTES.notOpen);
  return vote;
}

/** `nodeIds` of a ballot request: an array of strings, at most MAX_VOTES_PER_PERSON; 400 otherwise. */
function readNodeIds(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
    throw new HTTPException(400, { message: 'nodeIds must be an array of node ids' });
  }
  if (value.length > MAX_VOTES_PER_PERSON) {
    throw new HTTPException(400, {
      message: `nodeIds has ${value.length} dots; no vote gives more than ${MAX_VOTES_PER_PERSON}`,
    });
  }
  return value as string[];
}

/** 422 unless the ballot keeps the vote's rules: its dot count, stacking, votable items only. */
function checkBallot(doc: Y.Doc, vote: WorkshopVote, nodeIds: readonly string[]): void {
  if (nodeIds.length > vote.votesPerPerson) {
    throw unprocessable(`this vote gives each person ${vote.votesPerPerson} dots`);
  }
  if (!vote.allowStacking && new Set(nodeIds).size < nodeIds.length) {
    throw unprocessable('this vote allows one dot per item');
  }
  const votable = new Set(votableNodeIds(doc, vote.diagramId));
  if (nodeIds.some((id) => !votable.has(id))) {
    throw unprocessable('nodeIds may only name causes or change ideas of the vote’s diagram');
  }
}

/**
 * `/api/boards/:id/votes`: dot voting. Facilitators open a vote, see how many have voted and
 * close it; participants replace and read their own ballot. Ballots stay in storage until the
 * close writes only the totals into the document and deletes them.
 */
export function votesRoutes(links: Links, workshop: Workshop): Hono<BoardTokenEnv> {
  const { storage } = workshop;
  const app = new Hono<BoardTokenEnv>();
  app.use('*', boardToken(links));

  app.post('/', limitBody(WORKSHOP_BODY_LIMIT), async (c) => {
    requireFacilitator(c, 'start a vote');
    const body = await readJsonObject(c);
    const diagramId = readDiagramId(body.diagramId);
    const votesPerPerson = readWholeNumber(
      'votesPerPerson',
      body.votesPerPerson,
      MAX_VOTES_PER_PERSON,
    );
    const allowStacking = readBoolean('allowStacking', body.allowStacking);
    const boardId = boardIdOf(c);
    const vote: VoteInfo = await workshop.begin(boardId, VOTES, (doc, id) => {
      if (readVote(doc)) throw conflict(VOTES.busy);
      if (!Board.open(doc).getDiagram(diagramId)) {
        throw unprocessable('diagramId names no diagram on this board');
      }
      if (votableNodeIds(doc, diagramId).length === 0) {
        throw unprocessable('that diagram has no causes or change ideas to vote on yet');
      }
      const opened = {
        id,
        diagramId,
        votesPerPerson,
        allowStacking,
        openedAt: Date.now(),
      };
      setVote(doc, opened);
      return opened;
    });
    return c.json(vote, 201);
  });

  app.delete('/:voteId', async (c) => {
    requireFacilitator(c, 'cancel a vote');
    const boardId = boardIdOf(c);
    const voteId = c.req.param('voteId');
    await workshop.finish(boardId, VOTES, voteId, (doc) => {
      openVote(doc, voteId);
      clearVote(doc);
    });
    return c.body(null, 204);
  });

  app.put('/:voteId/ballot', limitBody(WORKSHOP_BODY_LIMIT), async (c) => {
    requireParticipant(c);
    const body = await readJsonObject(c);
    const participantKey = readParticipantKey(body.participantKey);
    const perspective = readPerspective(c, body.perspective);
    const nodeIds = readNodeIds(body.nodeIds);
    workshop.takeWrite(c, participantKey);
    const boardId = boardIdOf(c);
    const voteId = c.req.param('voteId');
    await workshop.serial(boardId, async () => {
      await workshop.change(boardId, (doc) => checkBallot(doc, openVote(doc, voteId), nodeIds));
      if (nodeIds.length === 0) {
        await workshop.requireOpen(VOTES, boardId, voteId);
        await storage.deleteWorkshopItem(boardId, 'ballot', voteId, participantKey, participantKey);
        return;
      }
      const ballot: WorkshopBallot = { perspective, nodeIds };
      await workshop.store(VOTES, {
        boardId,
        kind: 'ballot',
        scopeId: voteId,
        id: participantKey,
        participantKey,
        body: JSON.stringify(ballot),
        createdAt: Date.now(),
      });
    });
    const answer: BallotResponse = { nodeIds };
    return c.json(answer);
  });

  app.get('/:voteId/ballot', async (c) => {
    const participantKey = participantKeyHeader(c);
    const [own] = await storage.listWorkshopItems(
      boardIdOf(c),
      'ballot',
      c.req.param('voteId'),
      participantKey,
    );
    const answer: BallotResponse = {
      nodeIds: own ? [...(JSON.parse(own.body) as WorkshopBallot).nodeIds] : [],
    };
    return c.json(answer);
  });

  app.get('/:voteId/progress', async (c) => {
    requireFacilitator(c, 'see a vote’s progress');
    const boardId = boardIdOf(c);
    // A poll on its way as the vote closes is normal: no open vote by that id is a 404.
    const vote = await workshop.change(boardId, (doc) => {
      const open = readVote(doc);
      if (!open || open.id !== c.req.param('voteId')) {
        throw new HTTPException(404, { message: VOTES.notOpen });
      }
      return open;
    });
    const ballots = await storage.listWorkshopItems(boardId, 'ballot', vote.id);
    const body: VoteProgress = { ballots: ballots.length };
    return c.json(body);
  });

  app.post('/:voteId/close', async (c) => {
    requireFacilitator(c, 'close a vote');
    const boardId = boardIdOf(c);
    const voteId = c.req.param('voteId');
    // The board keeps the totals only: the ballots are deleted once they are written.
    const results: VoteResults = await workshop.finish(boardId, VOTES, voteId, (doc, ballots) => {
      const vote = openVote(doc, voteId);
      const votable = new Set(votableNodeIds(doc, vote.diagramId));
      const totals = tallyBallots(
        { id: vote.id, diagramId: vote.diagramId, closedAt: Date.now() },
        ballots.map((b) => JSON.parse(b.body) as WorkshopBallot),
        votable,
      );
      setVoteResults(doc, totals);
      clearVote(doc);
      return totals;
    });
    return c.json(results);
  });

  return app;
}
