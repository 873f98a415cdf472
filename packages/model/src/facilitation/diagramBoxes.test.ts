import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../Board';
import { boxedDiagramId, diagramBoxId, frozenBoxDiagram } from './diagramBoxes';
import { frozenDiagramIds, setDiagramFrozen } from './frozenDiagrams';

const box = (diagramId: unknown) => ({
  id: `shape:qi-diagram-${String(diagramId)}`,
  typeName: 'shape',
  type: 'qi-diagram',
  x: 0,
  y: 0,
  props: { diagramId, w: 200, h: 100 },
});

describe('diagram boxes', () => {
  it('names a diagram’s box and reads which diagram a canvas record draws', () => {
    expect(diagramBoxId('d1')).toBe('shape:qi-diagram-d1');
    expect(boxedDiagramId(box('d1'))).toBe('d1');
    for (const other of [
      null,
      'shape:qi-diagram-d1',
      { ...box('d1'), type: 'note' },
      { ...box('d1'), typeName: 'binding' },
      { ...box('d1'), props: null },
      box(7),
    ]) {
      expect(boxedDiagramId(other)).toBeNull();
    }
  });

  it('keeps the box of an existing frozen diagram only', () => {
    const doc = new Y.Doc();
    const board = Board.open(doc);
    const who = { authorId: 'a', perspective: 'staff:' } as const;
    const fish = board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who });
    const other = board.addDiagram({ kind: 'fishbone', text: 'Delays', ...who });
    expect(frozenBoxDiagram(doc, box(fish.diagramId), frozenDiagramIds(doc))).toBeNull();
    setDiagramFrozen(doc, fish.diagramId, true);
    expect(frozenBoxDiagram(doc, box(fish.diagramId), frozenDiagramIds(doc))).toBe(fish.diagramId);
    expect(frozenBoxDiagram(doc, box(other.diagramId), frozenDiagramIds(doc))).toBeNull();
    expect(
      frozenBoxDiagram(doc, { ...box(fish.diagramId), type: 'geo' }, frozenDiagramIds(doc)),
    ).toBeNull();
    // A box left behind by a deleted diagram may be cleared away.
    board.deleteDiagram(fish.diagramId);
    expect(frozenBoxDiagram(doc, box(fish.diagramId), frozenDiagramIds(doc))).toBeNull();
  });
});
