import { Board } from '@qi/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaMinutes } from './AgendaStep';
import {
  MODEL_FOR_IMPROVEMENT_AGENDA,
  MODEL_FOR_IMPROVEMENT_QUESTIONS,
  modelForImprovementStarter,
} from './modelForImprovementStarter';

describe('Model for Improvement board starter', () => {
  it('creates a driver diagram for the aim, the three question frames and a timed agenda', () => {
    const board = Board.open(new Y.Doc());
    const result = modelForImprovementStarter.build(board, {
      authorId: 'f',
      perspective: 'patient',
    });
    expect(board.getDiagram(result.diagramId)!.root.text).toBe(MODEL_FOR_IMPROVEMENT_QUESTIONS[0]);
    expect(result.canvas.frames.map((f) => f.title)).toEqual([...MODEL_FOR_IMPROVEMENT_QUESTIONS]);
    expect(result.agenda).toEqual(MODEL_FOR_IMPROVEMENT_AGENDA);
    expect(result.agenda).not.toBe(MODEL_FOR_IMPROVEMENT_AGENDA);
  });

  it('has a realistic agenda with the classic steps', () => {
    const byTitle = new Map(MODEL_FOR_IMPROVEMENT_AGENDA.map((s) => [s.title, s]));
    expect(byTitle.get('Agree the problem')?.minutes).toBe(5);
    expect(byTitle.get('Silent brainstorm')).toMatchObject({ minutes: 8, mode: 'silent' });
    expect(byTitle.get('Group and vote')).toMatchObject({ minutes: 10, mode: 'vote' });
    expect(agendaMinutes(MODEL_FOR_IMPROVEMENT_AGENDA)).toBe(83);
    expect(new Set(MODEL_FOR_IMPROVEMENT_AGENDA.map((s) => s.id)).size).toBe(
      MODEL_FOR_IMPROVEMENT_AGENDA.length,
    );
  });
});
