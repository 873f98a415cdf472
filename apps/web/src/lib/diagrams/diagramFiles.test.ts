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
  const cause = board.addNode({ diagramId, parentId: rootId, text: '=HYPERLINK("x")', ...who });
  const snapshot = board.getDiagram(diagramId)!;

  it('keeps markup as text in every format', () => {
    expect(diagramText(snapshot, 'svg')).not.toContain('<b>');
    expect(diagramText(snapshot, 'md')).not.toMatch(/<b>at night<\/b>/);
    expect(JSON.parse(diagramText(snapshot, 'json')).root.text).toBe('Falls <b>at night</b>');
    expect(diagramText(snapshot, 'csv')).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("carries a closed vote's dots in Markdown and CSV, not an open vote's nor another diagram's", () => {
    const results = {
      id: 'v1',
      diagramId,
      closedAt: 1,
      voters: { patientCarer: 1, staff: 1 },
      tallies: [{ nodeId: cause, total: 4, patientCarer: 2, staff: 2 }],
    };
    const closed = { vote: null, results };
    expect(diagramText(snapshot, 'md', closed)).toMatch(/HYPERLINK.* — \*\*4 dots\*\*\n/);
    expect(diagramText(snapshot, 'csv', closed).split('\r\n')[0]).toMatch(/,votes$/);
    expect(diagramText(snapshot, 'csv', closed)).toMatch(/HYPERLINK.*,4\r\n/);
    const reopened = { vote: { diagramId }, results };
    const elsewhere = { vote: null, results: { ...results, diagramId: 'other' } };
    for (const votes of [reopened, elsewhere, null]) {
      expect(diagramText(snapshot, 'md', votes)).not.toContain('dots');
      expect(diagramText(snapshot, 'csv', votes)).not.toContain('votes');
      expect(diagramText(snapshot, 'json', votes)).not.toContain('dots');
    }
  });

  it('names files after the head', () => {
    expect(diagramFileName(snapshot, 'png')).toBe('falls-b-at-night-b.png');
  });
});
