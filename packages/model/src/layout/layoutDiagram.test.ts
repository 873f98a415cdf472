import { describe, expect, it } from 'vitest';
import { randomDiagram } from '../testing/randomDiagram';
import type { DiagramLayout, LayoutBox } from './DiagramLayout';
import { estimateTextSize } from './estimateTextSize';
import { layoutDiagram } from './layoutDiagram';

function overlaps(a: LayoutBox, b: LayoutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function overlapping(layout: DiagramLayout): string[] {
  const found: string[] = [];
  const boxes = [...layout.boxes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < boxes[i]!.x + boxes[i]!.width; j++) {
      if (overlaps(boxes[i]!, boxes[j]!)) found.push(`${boxes[i]!.id} ∩ ${boxes[j]!.id}`);
    }
  }
  return found;
}

function inBounds(layout: DiagramLayout): boolean {
  return layout.boxes.every(
    (b) => b.x >= 0 && b.y >= 0 && b.x + b.width <= layout.width && b.y + b.height <= layout.height,
  );
}

describe.each(['fishbone', 'driver'] as const)('%s layout', (kind) => {
  it.each([1, 2, 3, 4, 5])('has no overlapping boxes at 250 nodes (seed %i)', (seed) => {
    const diagram = randomDiagram(kind, 250, seed);
    expect(diagram.nodes.length).toBeGreaterThan(150);
    const layout = layoutDiagram(diagram, estimateTextSize);
    expect(layout.boxes.length).toBe(diagram.nodes.length + diagram.measures.length);
    expect(overlapping(layout)).toEqual([]);
    expect(inBounds(layout)).toBe(true);
  });

  it('is deterministic', () => {
    const diagram = randomDiagram(kind, 120, 9);
    expect(layoutDiagram(diagram, estimateTextSize)).toEqual(
      layoutDiagram(diagram, estimateTextSize),
    );
  });
});

describe('fishbone shape', () => {
  it('puts the head on the right of a horizontal spine with bones alternating above and below', () => {
    const diagram = randomDiagram('fishbone', 60, 3);
    const layout = layoutDiagram(diagram, estimateTextSize);
    const head = layout.boxes.find((b) => b.id === diagram.root.id)!;
    expect(Math.max(...layout.boxes.map((b) => b.x))).toBe(head.x);
    const spine = layout.connectors.find((c) => c.kind === 'spine')!;
    const spineY = spine.points[0]!.y;
    expect(spine.points.every((p) => p.y === spineY)).toBe(true);
    expect(spine.points[1]!.x).toBe(head.x);
    diagram.root.children.forEach((category, i) => {
      const b = layout.boxes.find((x) => x.id === category.id)!;
      expect(i % 2 === 0 ? b.y + b.height < spineY : b.y > spineY).toBe(true);
      const bone = layout.connectors.find((c) => c.id === `bone:${category.id}`)!;
      expect(bone.points[1]!.y).toBe(spineY);
    });
  });
});

describe('driver diagram shape', () => {
  it('puts aim, primary, secondary and change ideas in columns left to right', () => {
    const diagram = randomDiagram('driver', 80, 4);
    const layout = layoutDiagram(diagram, estimateTextSize);
    const xOf = (kind: string) =>
      new Set(layout.boxes.filter((b) => b.kind === kind).map((b) => b.x));
    const columns = ['aim', 'primary', 'secondary', 'change'].map((k) => [...xOf(k)]);
    for (const c of columns) expect(c.length).toBe(1);
    expect(columns.map((c) => c[0]!)).toEqual([...columns.map((c) => c[0]!)].sort((a, b) => a - b));
    expect(layout.connectors.length).toBe(diagram.nodes.length - 1 + diagram.links.length);
    expect(layout.connectors.some((c) => c.style === 'dashed')).toBe(true);
  });
});
