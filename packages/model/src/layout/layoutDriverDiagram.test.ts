import { describe, expect, it } from 'vitest';
import { voteStripClashes } from '../testing/layoutClashes';
import { randomDiagram } from '../testing/randomDiagram';
import type { DiagramLayout } from './DiagramLayout';
import { estimateTextSize } from './estimateTextSize';
import { layoutDriverDiagram } from './layoutDriverDiagram';

function crossings(layout: DiagramLayout): number {
  const centre = new Map(layout.boxes.map((b) => [b.id, b.y + b.height / 2]));
  const column = new Map(layout.boxes.map((b) => [b.id, b.x]));
  const edges = layout.connectors.map((c) => ({ l: c.to!, r: c.from!, col: column.get(c.to!)! }));
  let count = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i]!;
      const b = edges[j]!;
      if (a.col !== b.col) continue;
      const dl = centre.get(a.l)! - centre.get(b.l)!;
      const dr = centre.get(a.r)! - centre.get(b.r)!;
      if (dl * dr < 0) count++;
    }
  }
  return count;
}

describe('driver diagram crossing reduction', () => {
  it('barycentre sweeps cross fewer links than outline order', () => {
    let before = 0;
    let after = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const diagram = randomDiagram('driver', 150, seed);
      before += crossings(layoutDriverDiagram(diagram, estimateTextSize, { sweeps: 0 }));
      after += crossings(layoutDriverDiagram(diagram, estimateTextSize));
    }
    expect(after).toBeLessThan(before);
  });
});

describe('driver diagram vote strips', () => {
  it.each([1, 2, 3])('seed %i: each change idea’s strip meets no other box and no line', (seed) => {
    const diagram = randomDiagram('driver', 80, seed);
    const voteRoom = new Set(diagram.nodes.filter((n) => n.kind === 'change').map((n) => n.id));
    expect(voteRoom.size).toBeGreaterThan(0);
    const layout = layoutDriverDiagram(diagram, estimateTextSize, {}, { voteRoom });
    expect(voteStripClashes(layout, voteRoom)).toEqual([]);
  });
});
