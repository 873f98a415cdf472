import { Board } from '@qi/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fourBoneFishbone, londonProtocolFishbone, sixMsFishbone } from './fishboneTemplates';

const who = { authorId: 'facilitator', perspective: 'staff:QI lead' } as const;

describe('fishbone presets', () => {
  it.each([
    [
      sixMsFishbone,
      ['Methods', 'Machines (equipment)', 'People', 'Materials', 'Measurement', 'Environment'],
    ],
    [
      londonProtocolFishbone,
      [
        'Patient factors',
        'Individual (staff) factors',
        'Task and technology factors',
        'Team factors',
        'Work environment factors',
        'Organisational and management factors',
      ],
    ],
    [fourBoneFishbone, ['People', 'Methods', 'Equipment', 'Environment']],
  ])('%s builds a fishbone with its categories, each with a hint', (template, categories) => {
    const board = Board.open(new Y.Doc());
    const { diagramId } = template.build(board, who);
    const d = board.getDiagram(diagramId)!;
    expect(d.kind).toBe('fishbone');
    expect(d.root.children.map((c) => c.text)).toEqual(categories);
    expect(d.root.children.every((c) => c.kind === 'category' && c.notes.length > 0)).toBe(true);
    expect(
      d.nodes.every((n) => n.authorId === 'facilitator' && n.perspective === 'staff:QI lead'),
    ).toBe(true);
  });

  it('uses the given problem statement and one undo step', () => {
    const board = Board.open(new Y.Doc());
    const mine = Symbol('mine');
    const undo = new Y.UndoManager(board.undoScope, { trackedOrigins: new Set([mine]) });
    const { diagramId } = londonProtocolFishbone.build(
      board,
      { ...who, headText: 'Wrong dose given' },
      mine,
    );
    expect(board.getDiagram(diagramId)!.root.text).toBe('Wrong dose given');
    undo.undo();
    expect(board.listDiagrams()).toEqual([]);
  });
});
