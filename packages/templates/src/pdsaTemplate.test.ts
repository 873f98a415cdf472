import { Board, PDSA_FIELDS } from '@qi/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fallsDriverDiagram } from './driverTemplates';
import { pdsaCycleTemplate } from './pdsaTemplate';

describe('PDSA cycle template', () => {
  it('has a prompt for every field, in plan-do-study-act order', () => {
    expect(pdsaCycleTemplate.prompts.map((p) => p.field)).toEqual(PDSA_FIELDS);
    const stages = pdsaCycleTemplate.prompts.map((p) => p.stage);
    expect([...new Set(stages)]).toEqual(['plan', 'do', 'study', 'act']);
  });

  it('adds numbered cycles linked to a change idea', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId } = fallsDriverDiagram.build(board, { authorId: 'a', perspective: 'carer' });
    const idea = board.getDiagram(diagramId)!.nodes.find((n) => n.kind === 'change')!;
    const first = pdsaCycleTemplate.build(board, {
      diagramId,
      changeIdeaId: idea.id,
      authorId: 'a',
      fields: { objective: 'Test on one bay for a week' },
    });
    board.setPdsaDecision(diagramId, first, 'adapt');
    const second = pdsaCycleTemplate.build(board, {
      diagramId,
      changeIdeaId: idea.id,
      authorId: 'a',
    });
    const cycles = board.getDiagram(diagramId)!.pdsaCycles;
    expect(cycles.map((c) => [c.id, c.changeIdeaId, c.cycle, c.decision])).toEqual([
      [first, idea.id, 1, 'adapt'],
      [second, idea.id, 2, null],
    ]);
    expect(cycles[0]!.fields.objective).toBe('Test on one bay for a week');
  });

  it('refuses a target that is not a change idea', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = fallsDriverDiagram.build(board, {
      authorId: 'a',
      perspective: 'carer',
    });
    expect(() =>
      pdsaCycleTemplate.build(board, { diagramId, changeIdeaId: rootId, authorId: 'a' }),
    ).toThrow(/changeIdeaId/);
  });
});
