import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board } from '@qi/model';
import { diagramLayout } from './diagramLayout';
import { diagramSvg, escapeXml } from './diagramSvg';

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

  it('escapes quotes and ampersands', () => {
    expect(escapeXml(`a"b'c&d`)).toBe('a&#34;b&#39;c&#38;d');
  });
});
