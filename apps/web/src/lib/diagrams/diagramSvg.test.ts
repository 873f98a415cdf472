import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BADGE_ROOM, Board } from '@qi/model';
import { diagramLayout } from './diagramLayout';
import { diagramSvg, escapeXml } from './diagramSvg';
import { wrapText } from './wrapText';

describe('diagramSvg', () => {
  it('keeps markup typed into a node as text', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: '<script>alert("x")</script> & more',
      authorId: 'a',
      perspective: 'patient',
    });
    board.addNode({
      diagramId,
      parentId: rootId,
      text: '<img src=x onerror=alert(1)>',
      authorId: 'a',
      perspective: 'carer',
    });
    const snapshot = board.getDiagram(diagramId)!;
    const svg = diagramSvg(snapshot, diagramLayout(snapshot), { perspectives: true });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&#60;script&#62;');
    expect(svg).toContain('Carer');
  });

  it('draws the lines the layout sized each box for, with the badge under the last', () => {
    const board = Board.open(new Y.Doc());
    const who = { authorId: 'a', perspective: 'staff:' } as const;
    const { diagramId, rootId } = board.addDiagram({ kind: 'fishbone', text: 'Late', ...who });
    const bone = board.addNode({ diagramId, parentId: rootId, text: 'People', ...who });
    for (const text of [
      'Porters',
      'Porters not told the patient is ready to go',
      'Pneumonoultramicroscopicsilicovolcanoconiosis',
    ]) {
      board.addNode({ diagramId, parentId: bone, text, authorId: 'a', perspective: 'patient' });
    }
    const snapshot = board.getDiagram(diagramId)!;
    const layout = diagramLayout(snapshot);
    const svg = diagramSvg(snapshot, layout, { perspectives: true });
    for (const box of layout.boxes) {
      const lines = wrapText(box.text, box.kind);
      const badge = snapshot.nodes.find((n) => n.id === box.id)!.perspective === 'patient';
      // Padding 10 above and below, 19 per line, and the badge's own room.
      expect(box.height).toBe(lines.length * 19 + 20 + (badge ? BADGE_ROOM : 0));
      const baselines = lines.map((_, i) => box.y + 24 + i * 19);
      for (const [i, line] of lines.entries()) {
        expect(svg).toContain(`<tspan x="${box.x + 10}" y="${baselines[i]}">${line}</tspan>`);
      }
      if (badge) {
        // The badge's 10px text sits below the last line's descenders.
        expect(box.y + box.height - 7 - 10).toBeGreaterThan(baselines.at(-1)! + 5);
      }
    }
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeXml(`a"b'c&d`)).toBe('a&#34;b&#39;c&#38;d');
  });
});
