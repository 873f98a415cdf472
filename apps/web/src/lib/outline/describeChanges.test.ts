import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board, type DiagramSnapshot } from '@qi/model';
import { describeChanges } from './describeChanges';
import { nodeAnnouncement } from './describeNode';

const who = { authorId: 'a', perspective: 'staff:' } as const;

function snapshotMap(board: Board): Map<string, DiagramSnapshot> {
  return new Map(board.listDiagrams().map((d) => [d.id, board.getDiagram(d.id)!]));
}

describe('describeChanges', () => {
  it('says what was added, changed, moved and removed', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: 'Late discharge',
      ...who,
    });
    const people = board.addNode({ diagramId, parentId: rootId, text: 'People', ...who });
    const methods = board.addNode({ diagramId, parentId: rootId, text: 'Methods', ...who });
    const cause = board.addNode({ diagramId, parentId: people, text: 'Night staffing', ...who });
    const before = snapshotMap(board);
    board.addNode({ diagramId, parentId: people, text: 'Agency staff', ...who });
    board.setText(diagramId, methods, 'Ways of working');
    board.moveNode({ diagramId, nodeId: cause, parentId: methods });
    const after = snapshotMap(board);
    expect(describeChanges(before, after, [diagramId], 10)).toEqual([
      'Added cause ‘Agency staff’ under ‘People’.',
      'Changed category to ‘Ways of working’.',
      'Moved cause ‘Night staffing’ under ‘Ways of working’.',
    ]);
    board.deleteNode(diagramId, people);
    expect(describeChanges(after, snapshotMap(board), [diagramId])).toEqual([
      'Removed category ‘People’.',
      'Removed cause ‘Agency staff’.',
    ]);
  });

  it('sums up long lists', () => {
    const board = Board.open(new Y.Doc());
    const before = snapshotMap(board);
    const { diagramId, rootId } = board.addDiagram({ kind: 'driver', text: 'Aim', ...who });
    for (const text of ['A', 'B', 'C', 'D'])
      board.addNode({ diagramId, parentId: rootId, text, ...who });
    const mid = snapshotMap(board);
    expect(describeChanges(before, mid, [diagramId])).toEqual([
      'Someone added a driver diagram: ‘Aim’.',
    ]);
    for (const text of ['E', 'F', 'G', 'H'])
      board.addNode({ diagramId, parentId: rootId, text, ...who });
    const messages = describeChanges(mid, snapshotMap(board), [diagramId]);
    expect(messages).toHaveLength(3);
    expect(messages[2]).toBe('and 2 more changes.');
  });
});

describe('nodeAnnouncement', () => {
  it('reads kind, text, level and position', () => {
    expect(nodeAnnouncement({ kind: 'cause', text: 'night staffing' }, 2, 3, 5)).toBe(
      'cause, ‘night staffing’, level 2, 3 of 5',
    );
    expect(nodeAnnouncement({ kind: 'change', text: ' ' }, 4, 1, 1)).toBe(
      'change idea, empty, level 4, 1 of 1',
    );
  });
});
