import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './Board';
import { findNode, pathTo } from './findNode';

describe('findNode and pathTo', () => {
  it('find live nodes and the chain from the head', () => {
    const board = Board.open(new Y.Doc());
    const who = { authorId: 'u', perspective: 'carer' } as const;
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: 'Missed meals',
      ...who,
    });
    const cat = board.addNode({ diagramId, parentId: rootId, text: 'Methods', ...who });
    const cause = board.addNode({
      diagramId,
      parentId: cat,
      text: 'Trays left out of reach',
      ...who,
    });
    const d = board.getDiagram(diagramId)!;
    expect(findNode(d, cause)?.text).toBe('Trays left out of reach');
    expect(findNode(d, 'gone')).toBeUndefined();
    expect(pathTo(d, cause).map((n) => n.text)).toEqual([
      'Missed meals',
      'Methods',
      'Trays left out of reach',
    ]);
    expect(pathTo(d, 'gone')).toEqual([]);
  });
});
