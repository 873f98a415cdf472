import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../Board';
import {
  frozenDiagramIds,
  isDiagramFrozen,
  setDiagramFrozen,
  structureChangedAt,
  structureChangedBy,
} from './frozenDiagrams';
import { facilitationMap } from './Facilitation';

describe('frozen diagrams', () => {
  it('freezes and unfreezes diagrams one by one, ignoring malformed entries', () => {
    const doc = new Y.Doc();
    expect(frozenDiagramIds(doc).size).toBe(0);
    setDiagramFrozen(doc, 'fish', true);
    setDiagramFrozen(doc, 'driver', true);
    expect([...frozenDiagramIds(doc)].sort()).toEqual(['driver', 'fish']);
    setDiagramFrozen(doc, 'fish', false);
    expect(isDiagramFrozen(doc, 'fish')).toBe(false);
    expect(isDiagramFrozen(doc, 'driver')).toBe(true);
    setDiagramFrozen(doc, 'driver', false);
    expect(facilitationMap(doc).has('frozen')).toBe(false);
    facilitationMap(doc).set('frozen', { a: 'yes', b: true });
    expect([...frozenDiagramIds(doc)]).toEqual(['b']);
    facilitationMap(doc).set('frozen', ['a']);
    expect(frozenDiagramIds(doc).size).toBe(0);
  });

  it('tells structure from wording', () => {
    const structural = [
      ['diagrams', 'd'],
      ['diagrams', 'd', 'rootId'],
      ['diagrams', 'd', 'nodes'],
      ['diagrams', 'd', 'nodes', 'n'],
      ['diagrams', 'd', 'nodes', 'n', 'parentId'],
      ['diagrams', 'd', 'nodes', 'n', 'position'],
      ['diagrams', 'd', 'nodes', 'n', 'strength'],
      ['diagrams', 'd', 'nodes', 'n', 'kind'],
      ['diagrams', 'd', 'links', 'a>b'],
      ['diagrams', 'd', 'links', 'a>b', 'strength'],
    ];
    for (const location of structural) expect(structureChangedAt(location)).toBe('d');
    const wording = [
      ['diagrams', 'd', 'nodes', 'n', 'text', null],
      ['diagrams', 'd', 'nodes', 'n', 'notes', null],
      ['diagrams', 'd', 'nodes', 'n', 'perspective'],
      ['diagrams', 'd', 'nodes', 'n', 'aim', 'what', null],
      ['diagrams', 'd', 'measures', 'm', 'name'],
      ['diagrams', 'd', 'pdsa', 'p', 'fields', 'plan', null],
      ['facilitation', 'frozen'],
      ['diagrams'],
      ['tldraw', 'shape:1'],
    ];
    for (const location of wording) expect(structureChangedAt(location)).toBeNull();
  });

  it('names the diagrams a transaction changes the structure of', () => {
    const doc = new Y.Doc();
    const board = Board.open(doc);
    const who = { authorId: 'a', perspective: 'staff:' as const };
    const seen: Set<string>[] = [];
    doc.on('afterTransaction', (t: Y.Transaction) =>
      seen.push(structureChangedBy(t.changedParentTypes)),
    );
    const d = board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who });
    const people = board.addNode({ ...d, parentId: d.rootId, text: 'People', ...who });
    const place = board.addNode({ ...d, parentId: d.rootId, text: 'Place', ...who });
    seen.length = 0;
    board.setText(d.diagramId, people, 'People and staffing');
    board.setNotes(d.diagramId, people, 'two wards');
    expect(seen.map((s) => s.size)).toEqual([0, 0]);
    board.moveNode({ diagramId: d.diagramId, nodeId: people, parentId: d.rootId, after: place });
    board.addNode({ ...d, parentId: place, text: 'Stairs', ...who });
    board.deleteNode(d.diagramId, place);
    expect(seen.slice(2).map((s) => [...s])).toEqual([[d.diagramId], [d.diagramId], [d.diagramId]]);
  });

  it('counts placing or removing a diagram’s box on the canvas, not moving it', () => {
    const doc = new Y.Doc();
    const seen: Set<string>[] = [];
    doc.on('afterTransaction', (t: Y.Transaction) =>
      seen.push(structureChangedBy(t.changedParentTypes)),
    );
    const records = doc.getMap<unknown>('tldraw');
    const box = (x: number) => ({
      typeName: 'shape',
      type: 'qi-diagram',
      x,
      props: { diagramId: 'd', w: 1, h: 1 },
    });
    records.set('shape:qi-diagram-d', box(0));
    records.set('shape:qi-diagram-d', box(40));
    records.set('shape:note', { typeName: 'shape', type: 'note' });
    records.delete('shape:note');
    records.delete('shape:qi-diagram-d');
    expect(seen.map((s) => [...s])).toEqual([['d'], [], [], [], ['d']]);
  });
});
