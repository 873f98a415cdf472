import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board } from '@qi/model';
import { cachedLayout } from '$lib/diagrams/diagramLayout';
import { parentFor } from './dropNotesOnDiagrams';

describe('parentFor', () => {
  it('puts a note under the box it lands on, beside a change idea, else under the head', () => {
    const board = Board.open(new Y.Doc());
    const who = { authorId: 'a', perspective: 'staff:' } as const;
    const { diagramId, rootId } = board.addDiagram({ kind: 'driver', text: 'Aim', ...who });
    const primary = board.addNode({ diagramId, parentId: rootId, text: 'Safe ward', ...who });
    const secondary = board.addNode({ diagramId, parentId: primary, text: 'Light', ...who });
    const change = board.addNode({ diagramId, parentId: secondary, text: 'Night lights', ...who });
    const snapshot = board.getDiagram(diagramId)!;
    const centre = (id: string) => {
      const b = cachedLayout(snapshot).boxes.find((box) => box.id === id)!;
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    expect(parentFor(snapshot, cachedLayout(snapshot), centre(primary))).toBe(primary);
    expect(parentFor(snapshot, cachedLayout(snapshot), centre(change))).toBe(secondary);
    expect(parentFor(snapshot, cachedLayout(snapshot), { x: 1, y: 1 })).toBe(rootId);
  });
});
