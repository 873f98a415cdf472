import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './Board';
import { NotFoundError, ValidationError } from './ModelError';
import { testSources } from './testing/seededRandom';

const who = { authorId: 'user-1', perspective: 'staff:ward nurse' } as const;

function driverBoard() {
  const board = Board.open(new Y.Doc(), testSources('t'));
  const { diagramId, rootId } = board.addDiagram({ kind: 'driver', text: 'Fewer falls', ...who });
  const primary = board.addNode({ diagramId, parentId: rootId, text: 'Safe environment', ...who });
  const primary2 = board.addNode({
    diagramId,
    parentId: rootId,
    text: 'Reliable assessment',
    ...who,
  });
  const secondary = board.addNode({
    diagramId,
    parentId: primary,
    text: 'Clutter-free bays',
    ...who,
  });
  const idea = board.addNode({ diagramId, parentId: secondary, text: 'Bay checklist', ...who });
  return { board, diagramId, rootId, primary, primary2, secondary, idea };
}

describe('Board operations', () => {
  it('builds a driver diagram snapshot in sibling order', () => {
    const { board, diagramId, rootId, primary } = driverBoard();
    const first = board.addNode({
      diagramId,
      parentId: rootId,
      text: 'Staff confidence',
      after: null,
      ...who,
    });
    const d = board.getDiagram(diagramId)!;
    expect(d.root.children.map((c) => c.text)).toEqual([
      'Staff confidence',
      'Safe environment',
      'Reliable assessment',
    ]);
    expect(d.nodes.map((n) => n.kind)).toEqual([
      'aim',
      'primary',
      'primary',
      'secondary',
      'change',
      'primary',
    ]);
    expect(Object.isFrozen(d.root)).toBe(true);
    board.moveNode({ diagramId, nodeId: first, parentId: rootId, after: primary });
    expect(board.getDiagram(diagramId)!.root.children[1]!.id).toBe(first);
    expect(board.listDiagrams()).toEqual([
      expect.objectContaining({ id: diagramId, kind: 'driver', title: 'Fewer falls' }),
    ]);
  });

  it('validates text length, kinds per level and perspective with typed errors naming the field', () => {
    const { board, diagramId, rootId, idea, secondary } = driverBoard();
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error('expected a throw');
    };
    const long = err(() =>
      board.addNode({ diagramId, parentId: rootId, text: 'x'.repeat(501), ...who }),
    );
    expect(long).toBeInstanceOf(ValidationError);
    expect((long as ValidationError).field).toBe('text');
    const kind = err(() =>
      board.addNode({ diagramId, parentId: rootId, kind: 'change', text: 'x', ...who }),
    );
    expect((kind as ValidationError).field).toBe('kind');
    expect(
      (
        err(() =>
          board.addNode({ diagramId, parentId: idea, text: 'x', ...who }),
        ) as ValidationError
      ).field,
    ).toBe('kind');
    const persp = err(() =>
      board.addNode({
        diagramId,
        parentId: rootId,
        text: 'x',
        authorId: 'u',
        perspective: 'doctor' as never,
      }),
    );
    expect((persp as ValidationError).field).toBe('perspective');
    expect(
      (err(() => board.moveNode({ diagramId, nodeId: idea, parentId: rootId })) as ValidationError)
        .field,
    ).toBe('parentId');
    expect(err(() => board.setText(diagramId, 'nope', 'x'))).toBeInstanceOf(NotFoundError);
    expect((err(() => board.deleteNode(diagramId, rootId)) as ValidationError).field).toBe(
      'nodeId',
    );
    expect(
      (err(() => board.link({ diagramId, from: idea, to: rootId })) as ValidationError).field,
    ).toBe('to');
    expect(
      (
        err(() =>
          board.setMeasure({ diagramId, type: 'outcome', name: '', definition: '' }),
        ) as ValidationError
      ).field,
    ).toBe('name');
    expect(
      (
        err(() =>
          board.setMeasure({
            diagramId,
            type: 'balancing',
            name: 'b',
            definition: '',
            attachedTo: secondary,
          }),
        ) as ValidationError
      ).field,
    ).toBe('attachedTo');
  });

  it('adds many nodes in one update, each after its parent’s last child, or none when one is refused', () => {
    const board = Board.open(new Y.Doc(), testSources('t'));
    const { diagramId, rootId } = board.addDiagram({ kind: 'fishbone', text: 'Delays', ...who });
    const staffing = board.addNode({ diagramId, parentId: rootId, text: 'Staffing', ...who });
    const first = board.addNode({ diagramId, parentId: staffing, text: 'Rota', ...who });
    let updates = 0;
    board.doc.on('update', () => updates++);
    const ids = board.addNodes(diagramId, [
      { parentId: staffing, text: 'Agency', ...who },
      { parentId: rootId, text: 'Equipment', ...who },
      { parentId: staffing, text: 'Handover', ...who, perspective: 'carer' },
    ]);
    expect(updates).toBe(1);
    const d = board.getDiagram(diagramId)!;
    const texts = (id: string) => d.nodes.find((n) => n.id === id)!.children.map((c) => c.text);
    expect(texts(staffing)).toEqual(['Rota', 'Agency', 'Handover']);
    expect(texts(rootId)).toEqual(['Staffing', 'Equipment']);
    expect(d.nodes.find((n) => n.id === ids[2])).toMatchObject({
      kind: 'cause',
      perspective: 'carer',
    });
    expect(() =>
      board.addNodes(diagramId, [
        { parentId: first, text: 'Fine', ...who },
        { parentId: staffing, text: 'x'.repeat(501), ...who },
      ]),
    ).toThrow(ValidationError);
    expect(() => board.addNodes(diagramId, [{ parentId: 'gone', text: 'Fine', ...who }])).toThrow(
      NotFoundError,
    );
    expect(updates).toBe(1);
  });

  it('refuses to move a node under its own descendant', () => {
    const board = Board.open(new Y.Doc(), testSources('t'));
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: 'Late discharges',
      ...who,
    });
    const cat = board.addNode({ diagramId, parentId: rootId, text: 'Methods', ...who });
    const a = board.addNode({ diagramId, parentId: cat, text: 'a', ...who });
    const b = board.addNode({ diagramId, parentId: a, text: 'b', ...who });
    expect(() => board.moveNode({ diagramId, nodeId: a, parentId: b })).toThrow(ValidationError);
    expect(() => board.moveNode({ diagramId, nodeId: a, parentId: a })).toThrow(ValidationError);
  });

  it('keeps both people’s characters when they type in one node at once', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const boardA = Board.open(a, testSources('a'));
    const { diagramId, rootId } = boardA.addDiagram({
      kind: 'fishbone',
      text: 'Falls at night',
      ...who,
    });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const boardB = Board.open(b, testSources('b'));
    boardA.setText(diagramId, rootId, 'More falls at night');
    boardB.editText(diagramId, rootId, { index: 14, deleteCount: 0, insert: ' on ward 7' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(boardA.getDiagram(diagramId)!.root.text).toBe('More falls at night on ward 7');
    expect(boardB.getDiagram(diagramId)!.root.text).toBe('More falls at night on ward 7');
  });

  it('keeps concurrent inserts at one spot in one stable order, with room between them', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const boardA = Board.open(a, testSources('a'));
    const { diagramId, rootId } = boardA.addDiagram({ kind: 'fishbone', text: 'Delays', ...who });
    const first = boardA.addNode({ diagramId, parentId: rootId, text: 'first', ...who });
    boardA.addNode({ diagramId, parentId: rootId, text: 'last', ...who });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const boardB = Board.open(b, testSources('b'));
    boardA.addNode({ diagramId, parentId: rootId, text: 'from A', after: first, ...who });
    boardB.addNode({ diagramId, parentId: rootId, text: 'from B', after: first, ...who });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const texts = (board: Board) => board.getDiagram(diagramId)!.root.children.map((c) => c.text);
    expect(texts(boardA)).toEqual(texts(boardB));
    expect(texts(boardA)[0]).toBe('first');
    expect(texts(boardA)[3]).toBe('last');
    const middle = boardA.getDiagram(diagramId)!.root.children[1]!;
    boardA.addNode({ diagramId, parentId: rootId, text: 'between', after: middle.id, ...who });
    expect(texts(boardA)[2]).toBe('between');
  });

  it('links, measures, aim parts and PDSA cycles are filtered to live nodes', () => {
    const { board, diagramId, primary2, secondary, idea } = driverBoard();
    board.link({ diagramId, from: secondary, to: primary2, strength: 'weak' });
    board.setAimPart(diagramId, 'howMuch', 'by 30%');
    const outcome = board.setMeasure({
      diagramId,
      type: 'outcome',
      name: 'Falls per 1,000 bed days',
      definition: 'Monthly',
    });
    board.setMeasure({
      diagramId,
      type: 'process',
      name: 'Checklist use',
      definition: 'Weekly audit',
      attachedTo: idea,
    });
    board.setMeasure({
      diagramId,
      id: outcome,
      type: 'outcome',
      name: 'Falls per 1,000 occupied bed days',
      definition: 'Monthly',
    });
    const pdsa = board.addPdsaCycle({
      diagramId,
      changeIdeaId: idea,
      authorId: 'u',
      fields: { objective: 'Try on bay A' },
    });
    board.setPdsaDecision(diagramId, pdsa, 'adapt');
    const second = board.addPdsaCycle({ diagramId, changeIdeaId: idea, authorId: 'u' });
    let d = board.getDiagram(diagramId)!;
    expect(d.links).toEqual([{ from: secondary, to: primary2, strength: 'weak' }]);
    expect(d.aim).toEqual({ what: '', howMuch: 'by 30%', forWhom: '', byWhen: '' });
    expect(d.measures.map((m) => m.name)).toEqual([
      'Falls per 1,000 occupied bed days',
      'Checklist use',
    ]);
    expect(d.pdsaCycles.map((c) => [c.id, c.cycle, c.decision])).toEqual([
      [pdsa, 1, 'adapt'],
      [second, 2, null],
    ]);
    expect(d.pdsaCycles[0]!.fields.objective).toBe('Try on bay A');
    board.deleteNode(diagramId, secondary);
    d = board.getDiagram(diagramId)!;
    expect(d.links).toEqual([]);
    expect(d.measures.map((m) => m.type)).toEqual(['outcome']);
    expect(d.pdsaCycles).toEqual([]);
    expect(() => board.unlink(diagramId, secondary, primary2)).toThrow(NotFoundError);
  });

  it('lets the app undo only its own origin with Y.UndoManager', () => {
    const { board, diagramId, rootId } = driverBoard();
    const mine = Symbol('me');
    const undo = new Y.UndoManager(board.undoScope, { trackedOrigins: new Set([mine]) });
    const before = board.getDiagram(diagramId)!;
    const added = board.addNode({ diagramId, parentId: rootId, text: 'Mine', ...who }, mine);
    board.addNode({ diagramId, parentId: rootId, text: 'Not mine', ...who }, 'someone-else');
    undo.undo();
    const texts = board.getDiagram(diagramId)!.root.children.map((c) => c.text);
    expect(texts).toContain('Not mine');
    expect(texts).not.toContain('Mine');
    undo.redo();
    expect(board.getDiagram(diagramId)!.nodes.some((n) => n.id === added)).toBe(true);
    const primary = before.root.children[0]!;
    board.deleteNode(diagramId, primary.id, mine);
    undo.undo();
    const restored = board.getDiagram(diagramId)!;
    expect(restored.nodes.find((n) => n.id === primary.id)?.children[0]?.text).toBe(
      'Clutter-free bays',
    );
  });

  it('reports which diagrams changed, with the origin, and unsubscribes', () => {
    const { board, diagramId, rootId } = driverBoard();
    const seen: unknown[] = [];
    const stop = board.observe((c) => seen.push([[...c.diagramIds], c.origin, c.local]));
    board.setText(diagramId, rootId, 'Fewer falls with harm', 'me');
    const { diagramId: other } = board.addDiagram({ kind: 'fishbone', text: 'x', ...who }, 'me');
    stop();
    board.setText(diagramId, rootId, 'ignored');
    expect(seen).toEqual([
      [[diagramId], 'me', true],
      [[other], 'me', true],
    ]);
  });
});
