import * as Y from 'yjs';
import { diagramsMap } from '../boardSchema';
import { deriveDiagram } from '../deriveDiagram';
import type { DiagramSnapshot } from '../DiagramSnapshot';
import type { NodeKind } from '../NodeKind';
import { facilitationMap } from './Facilitation';

/**
 * The public side of silent brainstorming rounds and dot votes, kept in the facilitation map
 * (keys `round`, `vote`, `voteResults`). Only the server writes these (but a facilitator may clear
 * `voteResults`, `clearVoteResults`); the private parts (ideas
 * during a round, ballots) never enter the document. Shapes match @qi/protocol's RoundInfo,
 * VoteInfo and VoteResults, which the model may not import.
 */

/** An open silent brainstorming round (facilitation key `round`). */
export interface WorkshopRound {
  id: string;
  diagramId: string;
  /** Scope node ideas go under (or below); null: anywhere in the diagram. */
  parentNodeId: string | null;
  /** True: revealed ideas carry no author. */
  anonymous: boolean;
  openedAt: number;
}

/** An open dot vote (facilitation key `vote`): settings only, never ballots or counts. */
export interface WorkshopVote {
  id: string;
  diagramId: string;
  votesPerPerson: number;
  allowStacking: boolean;
  openedAt: number;
}

/** Dots on one item of a closed vote, in all and by perspective group. */
export interface WorkshopVoteTally {
  nodeId: string;
  total: number;
  patientCarer: number;
  staff: number;
}

/** A closed vote's totals (facilitation key `voteResults`); the board keeps these, not ballots. */
export interface WorkshopVoteResults {
  id: string;
  diagramId: string;
  closedAt: number;
  voters: { patientCarer: number; staff: number };
  /** Most dots first, ties by node id. */
  tallies: WorkshopVoteTally[];
}

/** Author id of every idea revealed from an anonymous round: no person's id is ever recorded. */
export const ANONYMOUS_AUTHOR_ID = 'anonymous';

/** One person's dots in a dot vote (server side only; never in the document). */
export interface WorkshopBallot {
  perspective: string;
  /** One entry per dot. */
  nodeIds: readonly string[];
}

const ROUND_KEY = 'round';
const VOTE_KEY = 'vote';
const VOTE_RESULTS_KEY = 'voteResults';

type Fields = Record<string, unknown>;

function record(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : null;
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The open round, or null when there is none or the entry is malformed. */
export function readRound(doc: Y.Doc): WorkshopRound | null {
  const r = record(facilitationMap(doc).get(ROUND_KEY));
  if (
    !r ||
    !isText(r.id) ||
    !isText(r.diagramId) ||
    !(r.parentNodeId === null || isText(r.parentNodeId)) ||
    typeof r.anonymous !== 'boolean' ||
    !isTime(r.openedAt)
  ) {
    return null;
  }
  return {
    id: r.id,
    diagramId: r.diagramId,
    parentNodeId: r.parentNodeId,
    anonymous: r.anonymous,
    openedAt: r.openedAt,
  };
}

/** The open vote, or null when there is none or the entry is malformed. */
export function readVote(doc: Y.Doc): WorkshopVote | null {
  const v = record(facilitationMap(doc).get(VOTE_KEY));
  if (
    !v ||
    !isText(v.id) ||
    !isText(v.diagramId) ||
    !isCount(v.votesPerPerson) ||
    v.votesPerPerson < 1 ||
    typeof v.allowStacking !== 'boolean' ||
    !isTime(v.openedAt)
  ) {
    return null;
  }
  return {
    id: v.id,
    diagramId: v.diagramId,
    votesPerPerson: v.votesPerPerson,
    allowStacking: v.allowStacking,
    openedAt: v.openedAt,
  };
}

function readTally(value: unknown): WorkshopVoteTally | null {
  const t = record(value);
  if (!t || !isText(t.nodeId) || !isCount(t.total)) return null;
  if (!isCount(t.patientCarer) || !isCount(t.staff)) return null;
  return { nodeId: t.nodeId, total: t.total, patientCarer: t.patientCarer, staff: t.staff };
}

/** The last closed vote's results, or null when there are none or the entry is malformed. */
export function readVoteResults(doc: Y.Doc): WorkshopVoteResults | null {
  const r = record(facilitationMap(doc).get(VOTE_RESULTS_KEY));
  const voters = record(r?.voters);
  if (!r || !voters || !isText(r.id) || !isText(r.diagramId) || !isTime(r.closedAt)) return null;
  if (!isCount(voters.patientCarer) || !isCount(voters.staff) || !Array.isArray(r.tallies)) {
    return null;
  }
  const tallies = r.tallies.map(readTally);
  if (tallies.some((t) => t === null)) return null;
  return {
    id: r.id,
    diagramId: r.diagramId,
    closedAt: r.closedAt,
    voters: { patientCarer: voters.patientCarer, staff: voters.staff },
    tallies: tallies as WorkshopVoteTally[],
  };
}

/** Records `round` as the open round (the caller checks none is open). */
export function setRound(doc: Y.Doc, round: WorkshopRound): void {
  const { id, diagramId, parentNodeId, anonymous, openedAt } = round;
  facilitationMap(doc).set(ROUND_KEY, { id, diagramId, parentNodeId, anonymous, openedAt });
}

/** Ends the open round (after its reveal). */
export function clearRound(doc: Y.Doc): void {
  facilitationMap(doc).delete(ROUND_KEY);
}

/** Records `vote` as the open vote (the caller checks none is open). */
export function setVote(doc: Y.Doc, vote: WorkshopVote): void {
  const { id, diagramId, votesPerPerson, allowStacking, openedAt } = vote;
  facilitationMap(doc).set(VOTE_KEY, { id, diagramId, votesPerPerson, allowStacking, openedAt });
}

/** Ends the open vote. */
export function clearVote(doc: Y.Doc): void {
  facilitationMap(doc).delete(VOTE_KEY);
}

/**
 * Removes the last closed vote's results from every view (a facilitator's choice, written from
 * their browser: the server lets only facilitators change the facilitation map).
 */
export function clearVoteResults(doc: Y.Doc): void {
  facilitationMap(doc).delete(VOTE_RESULTS_KEY);
}

/** Replaces the shown vote results. */
export function setVoteResults(doc: Y.Doc, results: WorkshopVoteResults): void {
  const { id, diagramId, closedAt, voters, tallies } = results;
  facilitationMap(doc).set(VOTE_RESULTS_KEY, {
    id,
    diagramId,
    closedAt,
    voters: { patientCarer: voters.patientCarer, staff: voters.staff },
    tallies: tallies.map(({ nodeId, total, patientCarer, staff }) => ({
      nodeId,
      total,
      patientCarer,
      staff,
    })),
  });
}

/** Kinds a dot vote is about: a fishbone's causes, a driver diagram's change ideas. */
const VOTABLE_KIND: Record<DiagramSnapshot['kind'], NodeKind> = {
  fishbone: 'cause',
  driver: 'change',
};

/** Ids of the items of `diagram` a vote may choose, in outline order. */
function votableIn(diagram: DiagramSnapshot): string[] {
  const kind = VOTABLE_KIND[diagram.kind];
  return diagram.nodes.filter((n) => n.kind === kind).map((n) => n.id);
}

function snapshotOf(doc: Y.Doc, diagramId: string): DiagramSnapshot | undefined {
  const r = diagramsMap(doc).get(diagramId);
  return r instanceof Y.Map ? deriveDiagram(r) : undefined;
}

/** Ids of the items a vote on `diagramId` may choose, in outline order ([] without the diagram). */
export function votableNodeIds(doc: Y.Doc, diagramId: string): string[] {
  const d = snapshotOf(doc, diagramId);
  return d ? votableIn(d) : [];
}

/**
 * Boxes of `diagram` that hold a dot-vote control or total, for the layout's vote strips: each
 * votable item while a vote on it is open, else the items with dots in its last closed vote. Read
 * from the document, so every tab lays the diagram out alike.
 */
export function voteRoomIds(doc: Y.Doc, diagram: DiagramSnapshot): ReadonlySet<string> {
  if (readVote(doc)?.diagramId === diagram.id) return new Set(votableIn(diagram));
  const results = readVoteResults(doc);
  if (results?.diagramId !== diagram.id) return new Set();
  return new Set(results.tallies.filter((t) => t.total > 0).map((t) => t.nodeId));
}

/**
 * True when live node `nodeId` of `diagramId` is `scopeNodeId` or below it (any live node of the
 * diagram when `scopeNodeId` is null): where a round's ideas may go.
 */
export function isInRoundScope(
  doc: Y.Doc,
  diagramId: string,
  scopeNodeId: string | null,
  nodeId: string,
): boolean {
  const d = snapshotOf(doc, diagramId);
  const byId = new Map(d?.nodes.map((n) => [n.id, n]));
  for (let n = byId.get(nodeId); n; n = n.parentId ? byId.get(n.parentId) : undefined) {
    if (scopeNodeId === null || n.id === scopeNodeId) return true;
  }
  return false;
}

/**
 * Totals of a closed vote: dots per item overall and by perspective group (patients and carers,
 * staff), voters per group, items with dots most first (ties by node id). Dots on items no longer
 * `votable` (deleted during the vote) are dropped; a ballot left with none is not a voter.
 */
export function tallyBallots(
  vote: { id: string; diagramId: string; closedAt: number },
  ballots: readonly WorkshopBallot[],
  votable: ReadonlySet<string>,
): WorkshopVoteResults {
  const tallies = new Map<string, WorkshopVoteTally>();
  const voters = { patientCarer: 0, staff: 0 };
  for (const ballot of ballots) {
    const group =
      ballot.perspective === 'patient' || ballot.perspective === 'carer'
        ? 'patientCarer'
        : ballot.perspective.startsWith('staff:')
          ? 'staff'
          : null;
    const dots = ballot.nodeIds.filter((id) => votable.has(id));
    if (!group || dots.length === 0) continue;
    voters[group]++;
    for (const nodeId of dots) {
      let tally = tallies.get(nodeId);
      if (!tally) tallies.set(nodeId, (tally = { nodeId, total: 0, patientCarer: 0, staff: 0 }));
      tally.total++;
      tally[group]++;
    }
  }
  return {
    id: vote.id,
    diagramId: vote.diagramId,
    closedAt: vote.closedAt,
    voters,
    tallies: [...tallies.values()].sort(
      (a, b) => b.total - a.total || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0),
    ),
  };
}
