import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board } from '@qi/model';
import {
  boardTitle,
  createDiagram,
  keepPendingDiagram,
  NewDiagramState,
  takePendingDiagram,
} from './NewDiagramState.svelte';

const author = { authorId: 'asha', perspective: 'patient' } as const;

describe('NewDiagramState', () => {
  it('asks a fishbone for the problem and a blank driver diagram for the aim, with hints', () => {
    const state = new NewDiagramState();
    expect(state.templates.map((t) => t.kind)).toEqual([
      'fishbone',
      'fishbone',
      'fishbone',
      'driver',
      'driver',
    ]);
    state.templateId = 'driver-blank';
    expect(state.asksForAim).toBe(true);
    expect(state.asksForProblem).toBe(false);
    state.aim = { what: 'Fewer falls', howMuch: 'a lot', forWhom: 'on Ward 7', byWhen: 'soon' };
    expect(state.hints).toHaveLength(2);
    state.aim = {
      what: 'Fewer falls',
      howMuch: 'by 30%',
      forWhom: 'on Ward 7',
      byWhen: 'by June 2027',
    };
    expect(state.hints).toEqual([]);
    state.templateId = state.templates[0]!.id;
    expect(state.asksForProblem).toBe(true);
    expect(state.hints).toEqual([]);
  });
});

describe('createDiagram', () => {
  it('puts the problem in the head of a fishbone', () => {
    const board = Board.open(new Y.Doc());
    const none = { what: '', howMuch: '', forWhom: '', byWhen: '' };
    const id = createDiagram(
      board,
      { templateId: 'fishbone-four-bone', problem: 'Late discharges', aim: none },
      author,
      'me',
    );
    expect(board.getDiagram(id!)!.nodes.map((n) => n.kind)).toContain('category');
    expect(board.getDiagram(id!)!.root.text).toBe('Late discharges');
  });

  it('writes the aim parts and the aim sentence of a driver diagram', () => {
    const board = Board.open(new Y.Doc());
    const aim = {
      what: 'Reduce falls',
      howMuch: 'by 30%',
      forWhom: 'on Ward 7',
      byWhen: 'by June 2027',
    };
    const id = createDiagram(
      board,
      { templateId: 'driver-blank', problem: '', aim },
      author,
      'me',
    )!;
    const d = board.getDiagram(id)!;
    expect(d.aim).toEqual(aim);
    expect(d.root.text).toBe('Reduce falls by 30% on Ward 7 by June 2027');
    expect(d.root.perspective).toBe('patient');
  });

  it('keeps a choice for the new board once', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    } as unknown as Storage;
    const choice = {
      templateId: 'driver-blank',
      problem: '',
      aim: { what: 'a', howMuch: '1', forWhom: 'b', byWhen: '2027' },
    };
    keepPendingDiagram(storage, 'b1', choice);
    expect(takePendingDiagram(storage, 'b1')).toEqual(choice);
    expect(takePendingDiagram(storage, 'b1')).toBeUndefined();
  });
});

describe('boardTitle', () => {
  it('names a new board after the problem, the aim or the template', () => {
    const none = { what: '', howMuch: '', forWhom: '', byWhen: '' };
    expect(
      boardTitle({ templateId: 'fishbone-six-ms', problem: ' Late  meds ', aim: none }, 80),
    ).toBe('Late meds');
    const aim = { what: 'Fewer falls', howMuch: 'by 30%', forWhom: '', byWhen: 'by 2027' };
    expect(boardTitle({ templateId: 'driver-blank', problem: '', aim }, 80)).toBe(
      'Fewer falls by 30% by 2027',
    );
    expect(boardTitle({ templateId: 'driver-blank', problem: '', aim: none }, 5)).toBe('Drive');
  });
});
