import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board } from '@qi/model';
import { diagramFileName, diagramText } from './diagramFiles';

describe('diagramText', () => {
  const board = Board.open(new Y.Doc());
  const who = { authorId: 'a', perspective: 'staff:' } as const;
  const { diagramId, rootId } = board.addDiagram({
    kind: 'fishbone',
    text: 'Falls <b>at night</b>',
    ...who,
  });
  board.addNode({ diagramId, parentId: rootId, text: '=HYPERLINK("x")', ...who });
  const snapshot = board.getDiagram(diagramId)!;

  it('keeps markup as text in every format', () => {
    expect(diagramText(snapshot, 'svg')).not.toContain('<b>');
    expect(diagramText(snapshot, 'md')).not.toMatch(/<b>at night<\/b>/);
    expect(JSON.parse(diagramText(snapshot, 'json')).root.text).toBe('Falls <b>at night</b>');
    expect(diagramText(snapshot, 'csv')).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('names files after the head', () => {
    expect(diagramFileName(snapshot, 'png')).toBe('falls-b-at-night-b.png');
  });
});
