import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board } from '@qi/model';
import type { VoteResults } from '@qi/protocol';
import { addDot, canAddDot, dotsLeft, removeDot } from './ballot';
import { equalVoice, percent } from './equalVoice';
import { ideaParents } from './ideaParents';
import { loadParticipantKey, newParticipantKey } from './participantKey';
import { groupsSummary, rankedResults, totalsByNode } from './rankedResults';

function fishbone() {
  const board = Board.open(new Y.Doc());
  const who = { authorId: 'a', perspective: 'staff:nurse' as const };
  const { diagramId, rootId } = board.addDiagram({
    kind: 'fishbone',
    text: 'Late discharge',
    ...who,
  });
  const staffing = board.addNode({ diagramId, parentId: rootId, text: 'Staffing', ...who });
  const place = board.addNode({ diagramId, parentId: rootId, text: 'Place', ...who });
  const cause = board.addNode({ diagramId, parentId: staffing, text: 'No pharmacist', ...who });
  const add = (text: string, perspective: 'patient' | 'carer' | 'staff:nurse') =>
    board.addNode({ diagramId, parentId: cause, text, authorId: 'x', perspective });
  return { board, diagramId, rootId, staffing, place, cause, add };
}

describe('participant key', () => {
  it('is 22 base64url characters, made once per board and kept', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
    const key = loadParticipantKey(storage, 'b1');
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(loadParticipantKey(storage, 'b1')).toBe(key);
    expect(loadParticipantKey(storage, 'b2')).not.toBe(key);
    expect(newParticipantKey((bytes) => bytes.fill(255))).toBe('_____________________w');
  });
});

describe('ballot', () => {
  it('counts dots left and refuses a second dot on one item unless stacking is allowed', () => {
    const single = { votesPerPerson: 2, allowStacking: false };
    expect(addDot(['a'], 'a', single)).toEqual(['a']);
    expect(addDot(['a'], 'b', single)).toEqual(['a', 'b']);
    expect(canAddDot(['a', 'b'], 'c', single)).toBe(false);
    expect(dotsLeft(['a'], single)).toBe(1);
    const stacked = { votesPerPerson: 3, allowStacking: true };
    expect(addDot(['a', 'a'], 'a', stacked)).toEqual(['a', 'a', 'a']);
    expect(removeDot(['a', 'b', 'a'], 'a')).toEqual(['a', 'b']);
    expect(removeDot(['b'], 'a')).toEqual(['b']);
  });
});

describe('rankedResults', () => {
  const results: VoteResults = {
    id: 'v',
    diagramId: 'd',
    closedAt: 1,
    voters: { patientCarer: 2, staff: 3 },
    tallies: [
      { nodeId: 'n3', total: 4, patientCarer: 0, staff: 4 },
      { nodeId: 'n1', total: 4, patientCarer: 3, staff: 1 },
      { nodeId: 'gone', total: 1, patientCarer: 1, staff: 0 },
    ],
  };

  it('ranks by total with shared ranks for ties, and by one group', () => {
    const { board, diagramId } = fishbone();
    const diagram = board.getDiagram(diagramId)!;
    const texts = new Map(diagram.nodes.map((n, i) => [`n${i}`, n.id]));
    const named: VoteResults = {
      ...results,
      tallies: results.tallies.map((t) => ({ ...t, nodeId: texts.get(t.nodeId) ?? t.nodeId })),
    };
    const all = rankedResults(named, diagram);
    expect(all.map((r) => [r.rank, r.total, r.text])).toEqual([
      [1, 4, expect.any(String)],
      [1, 4, expect.any(String)],
      [3, 1, '(removed item)'],
    ]);
    expect(rankedResults(named, diagram, 'patientCarer').map((r) => [r.rank, r.text])).toEqual([
      [1, 'Staffing'],
      [2, '(removed item)'],
    ]);
    expect(rankedResults(named, diagram, 'staff').map((r) => [r.text, r.staff])).toEqual([
      ['Place', 4],
      ['Staffing', 1],
    ]);
    expect(groupsSummary(named, diagram)).toBe(
      'Patients and carers put ‘Staffing’ first; staff put ‘Place’ first.',
    );
    const agreed: VoteResults = {
      ...named,
      tallies: [{ nodeId: texts.get('n1')!, total: 2, patientCarer: 1, staff: 1 }],
    };
    expect(groupsSummary(agreed, diagram)).toBe(
      'Patients and carers and staff both put ‘Staffing’ first.',
    );
    expect(groupsSummary({ ...named, tallies: [] }, diagram)).toBe('');
    expect(totalsByNode(results).get('n1')).toBe(4);
    expect(totalsByNode(null).size).toBe(0);
  });
});

describe('ideaParents', () => {
  it('offers the scope and what takes children under it; unscoped, all but the head', () => {
    const { board, diagramId, staffing, place, cause } = fishbone();
    const diagram = board.getDiagram(diagramId)!;
    expect(ideaParents({ parentNodeId: staffing }, diagram).map((n) => n.id)).toEqual([
      staffing,
      cause,
    ]);
    expect(ideaParents({ parentNodeId: null }, diagram).map((n) => n.id)).toEqual([
      staffing,
      cause,
      place,
    ]);
    expect(ideaParents({ parentNodeId: 'gone' }, diagram)).toEqual([]);
  });

  it('in a driver diagram offers drivers, never change ideas (they take nothing under them)', () => {
    const board = Board.open(new Y.Doc());
    const who = { authorId: 'a', perspective: 'carer' as const };
    const { diagramId, rootId } = board.addDiagram({ kind: 'driver', text: 'Aim', ...who });
    const primary = board.addNode({ diagramId, parentId: rootId, text: 'Safe', ...who });
    const secondary = board.addNode({ diagramId, parentId: primary, text: 'Checks', ...who });
    board.addNode({ diagramId, parentId: secondary, text: 'Checklist', ...who });
    const diagram = board.getDiagram(diagramId)!;
    expect(ideaParents({ parentNodeId: null }, diagram).map((n) => n.id)).toEqual([
      primary,
      secondary,
    ]);
    expect(ideaParents({ parentNodeId: secondary }, diagram).map((n) => n.id)).toEqual([secondary]);
  });
});

describe('equalVoice', () => {
  it('prompts when patients and carers write under half their share of the people here', () => {
    const { board, diagramId, add } = fishbone();
    add('Nobody told me', 'patient');
    for (let i = 0; i < 10; i++) add(`Staff idea ${i}`, 'staff:nurse');
    const diagrams = [board.getDiagram(diagramId)!];
    const roles = [
      'facilitator',
      'contributor',
      'contributor',
      'contributor',
      'contributor',
      'patient',
      'patient',
      'patient',
      'observer',
    ] as const;
    const voice = equalVoice({ diagrams, results: null, roles: [...roles] });
    // Categories are the frame, not contributions: one cause by staff + 10 + 1 patient idea.
    expect(voice.contributions).toEqual({ patientCarer: 1, staff: 11 });
    expect(voice.people).toEqual({ patientCarer: 3, staff: 5 });
    expect(voice.prompt).toBe(
      'Patients and carers have written 1 of 12 ideas though they are 3 of 8 people here. ' +
        'You could invite them to add theirs.',
    );
    expect(percent(1, 12)).toBe(8);
  });

  it('says nothing with few contributions, no patients, or a fair share', () => {
    const { board, diagramId, add } = fishbone();
    add('Carer view', 'carer');
    add('Another', 'patient');
    const diagrams = () => [board.getDiagram(diagramId)!];
    expect(equalVoice({ diagrams: diagrams(), results: null, roles: ['patient'] }).prompt).toBe(
      null,
    );
    for (let i = 0; i < 4; i++) add(`Staff ${i}`, 'staff:nurse');
    expect(
      equalVoice({ diagrams: diagrams(), results: null, roles: ['patient', 'contributor'] }).prompt,
    ).toBeNull();
    expect(
      equalVoice({ diagrams: diagrams(), results: null, roles: ['contributor'] }).prompt,
    ).toBeNull();
    const results: VoteResults = {
      id: 'v',
      diagramId,
      closedAt: 1,
      voters: { patientCarer: 1, staff: 1 },
      tallies: [{ nodeId: 'x', total: 5, patientCarer: 2, staff: 3 }],
    };
    expect(equalVoice({ diagrams: [], results, roles: [] }).votes).toEqual({
      patientCarer: 2,
      staff: 3,
    });
  });
});
