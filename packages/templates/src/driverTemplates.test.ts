import { Board, layoutDiagram, estimateTextSize } from '@qi/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blankDriverDiagram, fallsDriverDiagram } from './driverTemplates';

const who = { authorId: 'lead', perspective: 'staff:ward manager' } as const;

describe('driver diagram templates', () => {
  it('blank: just an aim with empty parts', () => {
    const board = Board.open(new Y.Doc());
    const d = board.getDiagram(blankDriverDiagram.build(board, who).diagramId)!;
    expect(d.kind).toBe('driver');
    expect(d.nodes).toHaveLength(1);
    expect(d.aim).toEqual({ what: '', howMuch: '', forWhom: '', byWhen: '' });
  });

  it('falls example: a complete aim, four columns, cross-links and all three kinds of measure', () => {
    const board = Board.open(new Y.Doc());
    const d = board.getDiagram(fallsDriverDiagram.build(board, who).diagramId)!;
    expect(Object.values(d.aim!).every((part) => part.length > 0)).toBe(true);
    const count = (kind: string) => d.nodes.filter((n) => n.kind === kind).length;
    expect(count('primary')).toBeGreaterThanOrEqual(2);
    expect(count('primary')).toBeLessThanOrEqual(5);
    expect(count('secondary')).toBeGreaterThan(count('primary'));
    expect(count('change')).toBeGreaterThanOrEqual(count('secondary'));
    expect(d.links.length).toBe(4);
    expect(new Set(d.measures.map((m) => m.type))).toEqual(
      new Set(['outcome', 'process', 'balancing']),
    );
    expect(d.measures.every((m) => m.definition.length > 20)).toBe(true);
    expect(
      d.measures.filter((m) => m.type === 'outcome').every((m) => m.attachedTo === d.root.id),
    ).toBe(true);
    const layout = layoutDiagram(d, estimateTextSize);
    expect(layout.boxes).toHaveLength(d.nodes.length + d.measures.length);
  });
});
