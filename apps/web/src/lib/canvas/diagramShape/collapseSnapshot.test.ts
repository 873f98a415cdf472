import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board } from '@qi/model';
import { collapseSnapshot } from './collapseSnapshot';

describe('collapseSnapshot', () => {
  it('hides the children of collapsed nodes and keeps the rest', () => {
    const board = Board.open(new Y.Doc());
    const who = { authorId: 'a', perspective: 'staff:' } as const;
    const { diagramId, rootId } = board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who });
    const people = board.addNode({ diagramId, parentId: rootId, text: 'People', ...who });
    board.addNode({ diagramId, parentId: people, text: 'Tired', ...who });
    board.addNode({ diagramId, parentId: rootId, text: 'Place', ...who });
    const snapshot = board.getDiagram(diagramId)!;
    expect(collapseSnapshot(snapshot, new Set())).toBe(snapshot);
    const folded = collapseSnapshot(snapshot, new Set([people]));
    expect(folded.nodes.map((n) => n.text)).toEqual(['Falls', 'People', 'Place']);
    expect(folded.root.children[0]!.children).toEqual([]);
  });
});
