import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../Board';
import { facilitationMap } from './Facilitation';
import {
  clearRound,
  clearVote,
  clearVoteResults,
  isInRoundScope,
  readRound,
  readVote,
  readVoteResults,
  setRound,
  setVote,
  setVoteResults,
  tallyBallots,
  votableNodeIds,
  voteRoomIds,
  type WorkshopVoteResults,
} from './workshop';

const staff = 'staff:nurse' as const;

function fishbone() {
  const board = Board.open(new Y.Doc());
  const { diagramId, rootId } = board.addDiagram({
    kind: 'fishbone',
    text: 'Late discharges',
    authorId: 'a',
    perspective: staff,
  });
  const add = (parentId: string, text: string) =>
    board.addNode({ diagramId, parentId, text, authorId: 'a', perspective: staff });
  const staffing = add(rootId, 'Staffing');
  const rota = add(staffing, 'Rota gaps');
  const agency = add(rota, 'Agency cover');
  const equipment = add(rootId, 'Equipment');
  return { board, diagramId, rootId, staffing, rota, agency, equipment };
}

describe('workshop state in the facilitation map', () => {
  it('reads nothing from an empty document', () => {
    const doc = new Y.Doc();
    expect(readRound(doc)).toBeNull();
    expect(readVote(doc)).toBeNull();
    expect(readVoteResults(doc)).toBeNull();
  });

  it('writes, reads and clears a round and a vote', () => {
    const doc = new Y.Doc();
    const round = { id: 'r1', diagramId: 'd', parentNodeId: null, anonymous: true, openedAt: 5 };
    setRound(doc, round);
    expect(readRound(doc)).toEqual(round);
    clearRound(doc);
    expect(readRound(doc)).toBeNull();

    const vote = { id: 'v1', diagramId: 'd', votesPerPerson: 3, allowStacking: false, openedAt: 9 };
    setVote(doc, vote);
    expect(readVote(doc)).toEqual(vote);
    clearVote(doc);
    expect(readVote(doc)).toBeNull();
  });

  it('keeps vote results and syncs them to another document', () => {
    const doc = new Y.Doc();
    const results: WorkshopVoteResults = {
      id: 'v1',
      diagramId: 'd',
      closedAt: 10,
      voters: { patientCarer: 2, staff: 1 },
      tallies: [
        { nodeId: 'n2', total: 3, patientCarer: 2, staff: 1 },
        { nodeId: 'n1', total: 1, patientCarer: 0, staff: 1 },
      ],
    };
    setVoteResults(doc, results);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(readVoteResults(other)).toEqual(results);
    clearVoteResults(doc);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(readVoteResults(other)).toBeNull();
  });

  it('reads malformed entries as null', () => {
    const doc = new Y.Doc();
    const map = facilitationMap(doc);
    map.set('round', { id: 'r', diagramId: 'd', parentNodeId: 7, anonymous: true, openedAt: 1 });
    map.set('vote', {
      id: 'v',
      diagramId: 'd',
      votesPerPerson: 0,
      allowStacking: true,
      openedAt: 1,
    });
    map.set('voteResults', {
      id: 'v',
      diagramId: 'd',
      closedAt: 1,
      voters: { patientCarer: 0, staff: 0 },
      tallies: [{ nodeId: 'n', total: -1, patientCarer: 0, staff: 0 }],
    });
    expect(readRound(doc)).toBeNull();
    expect(readVote(doc)).toBeNull();
    expect(readVoteResults(doc)).toBeNull();
    map.set('round', 'open');
    map.set('voteResults', { id: 'v', diagramId: 'd', closedAt: 1, tallies: [] });
    expect(readRound(doc)).toBeNull();
    expect(readVoteResults(doc)).toBeNull();
  });
});

describe('votable items and round scope', () => {
  it('votes on a fishbone’s causes, at any depth', () => {
    const f = fishbone();
    expect(votableNodeIds(f.board.doc, f.diagramId)).toEqual([f.rota, f.agency]);
    expect(votableNodeIds(f.board.doc, 'missing')).toEqual([]);
  });

  it('votes on a driver diagram’s change ideas', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = board.addDiagram({
      kind: 'driver',
      text: 'Aim',
      authorId: 'a',
      perspective: 'patient',
    });
    const add = (parentId: string, text: string) =>
      board.addNode({ diagramId, parentId, text, authorId: 'a', perspective: 'patient' });
    const primary = add(rootId, 'Primary');
    const secondary = add(primary, 'Secondary');
    const change = add(secondary, 'Change idea');
    expect(votableNodeIds(board.doc, diagramId)).toEqual([change]);
  });

  it('keeps vote room in every votable item while a vote is open, then in those with dots', () => {
    const f = fishbone();
    const doc = f.board.doc;
    const diagram = () => f.board.getDiagram(f.diagramId)!;
    expect([...voteRoomIds(doc, diagram())]).toEqual([]);
    const vote = { id: 'v1', diagramId: f.diagramId, votesPerPerson: 2, allowStacking: false };
    setVote(doc, { ...vote, diagramId: 'other', openedAt: 1 });
    expect([...voteRoomIds(doc, diagram())]).toEqual([]);
    setVote(doc, { ...vote, openedAt: 1 });
    expect([...voteRoomIds(doc, diagram())]).toEqual([f.rota, f.agency]);
    clearVote(doc);
    setVoteResults(doc, {
      id: 'v1',
      diagramId: f.diagramId,
      closedAt: 2,
      voters: { patientCarer: 0, staff: 1 },
      tallies: [
        { nodeId: f.agency, total: 2, patientCarer: 0, staff: 2 },
        { nodeId: f.rota, total: 0, patientCarer: 0, staff: 0 },
      ],
    });
    expect([...voteRoomIds(doc, diagram())]).toEqual([f.agency]);
  });

  it('scopes a round to a node and what is below it', () => {
    const f = fishbone();
    const doc = f.board.doc;
    expect(isInRoundScope(doc, f.diagramId, f.staffing, f.staffing)).toBe(true);
    expect(isInRoundScope(doc, f.diagramId, f.staffing, f.agency)).toBe(true);
    expect(isInRoundScope(doc, f.diagramId, f.staffing, f.equipment)).toBe(false);
    expect(isInRoundScope(doc, f.diagramId, f.staffing, f.rootId)).toBe(false);
    expect(isInRoundScope(doc, f.diagramId, null, f.equipment)).toBe(true);
    expect(isInRoundScope(doc, f.diagramId, null, 'missing')).toBe(false);
    f.board.deleteNode(f.diagramId, f.rota);
    expect(isInRoundScope(doc, f.diagramId, f.staffing, f.agency)).toBe(false);
  });
});

describe('tallying a dot vote', () => {
  it('totals dots overall and by perspective group, most first, dropping deleted items', () => {
    const results = tallyBallots(
      { id: 'v', diagramId: 'd', closedAt: 7 },
      [
        { perspective: 'patient', nodeIds: ['b', 'b', 'a'] },
        { perspective: 'carer', nodeIds: ['a'] },
        { perspective: 'staff:ward nurse', nodeIds: ['c', 'gone'] },
        { perspective: 'staff:', nodeIds: ['gone'] },
      ],
      new Set(['a', 'b', 'c']),
    );
    expect(results).toEqual({
      id: 'v',
      diagramId: 'd',
      closedAt: 7,
      voters: { patientCarer: 2, staff: 1 },
      tallies: [
        { nodeId: 'a', total: 2, patientCarer: 2, staff: 0 },
        { nodeId: 'b', total: 2, patientCarer: 2, staff: 0 },
        { nodeId: 'c', total: 1, patientCarer: 0, staff: 1 },
      ],
    });
  });
});
