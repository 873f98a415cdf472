import type { DiagramSnapshot, MeasureSnapshot, NodeSnapshot } from '../DiagramSnapshot';
import type { LinkStrength, NodeKind } from '../NodeKind';
import {
  nodeBoxSize,
  normalizeLayout,
  type Connector,
  type DiagramLayout,
  type LayoutBox,
  type LayoutOptions,
  type MeasureText,
  type Size,
} from './DiagramLayout';

/** Spacing used by layoutDriverDiagram, in canvas units. */
export interface DriverSpacing {
  readonly columnGap: number;
  readonly rowGap: number;
  /** Barycentre passes (down, up, down, …) used to reduce crossings. */
  readonly sweeps: number;
}

const DEFAULTS: DriverSpacing = { columnGap: 72, rowGap: 14, sweeps: 4 };
const COLUMN: Partial<Record<NodeKind, number>> = { aim: 0, primary: 1, secondary: 2, change: 3 };
const MEASURE_LABEL = {
  outcome: 'Outcome measure',
  process: 'Process measure',
  balancing: 'Balancing measure',
};

/** A driver-diagram relationship: the tree edge or an extra link, from the right column to the left. */
interface Edge {
  readonly left: string;
  readonly right: string;
  readonly strength: LinkStrength;
  readonly tree: boolean;
}

/** Every relationship of a driver diagram: tree edges plus cross-links (left = nearer the aim). */
function edgesOf(diagram: DiagramSnapshot): Edge[] {
  const edges: Edge[] = [];
  for (const n of diagram.nodes) {
    if (n.parentId !== null)
      edges.push({ left: n.parentId, right: n.id, strength: n.strength, tree: true });
  }
  for (const l of diagram.links)
    edges.push({ left: l.to, right: l.from, strength: l.strength, tree: false });
  return edges;
}

function mean(values: number[]): number | undefined {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

/** Orders each column by the barycentre of its neighbours in the column just swept from. */
function orderColumns(
  columns: NodeSnapshot[][],
  neighbours: Map<string, { left: string[]; right: string[] }>,
  sweeps: number,
): void {
  const index = new Map<string, number>();
  const reindex = (col: NodeSnapshot[]): void =>
    col.forEach((n, i) => index.set(n.id, i / Math.max(1, col.length - 1)));
  columns.forEach(reindex);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? [1, 2, 3] : [2, 1];
    for (const c of order) {
      const col = columns[c]!;
      const key = new Map<string, number>();
      for (const n of col) {
        const adj = neighbours.get(n.id)?.[down ? 'left' : 'right'] ?? [];
        key.set(n.id, mean(adj.map((id) => index.get(id) ?? 0)) ?? index.get(n.id)!);
      }
      col.sort((a, b) => key.get(a.id)! - key.get(b.id)! || index.get(a.id)! - index.get(b.id)!);
      reindex(col);
    }
  }
}

/**
 * Driver diagram: columns aim | primary | secondary | change ideas, left to right, relationships drawn
 * as elbow connectors between adjacent columns (dashed when weak), node order chosen by a few
 * barycentre sweeps to reduce crossings, and each column placed near its neighbours without overlap.
 * Measures are listed in a band under the diagram, grouped outcome, process, balancing. `options`
 * may keep a vote strip in some boxes.
 */
export function layoutDriverDiagram(
  diagram: DiagramSnapshot,
  measure: MeasureText,
  spacing: Partial<DriverSpacing> = {},
  options: LayoutOptions = {},
): DiagramLayout {
  const s = { ...DEFAULTS, ...spacing };
  const columns: NodeSnapshot[][] = [[], [], [], []];
  for (const n of diagram.nodes) columns[COLUMN[n.kind] ?? 3]!.push(n);
  const edges = edgesOf(diagram);
  const neighbours = new Map<string, { left: string[]; right: string[] }>();
  const entry = (id: string) =>
    neighbours.get(id) ?? neighbours.set(id, { left: [], right: [] }).get(id)!;
  for (const e of edges) {
    entry(e.right).left.push(e.left);
    entry(e.left).right.push(e.right);
  }
  orderColumns(columns, neighbours, s.sweeps);

  const sizes = new Map<string, Size>(
    diagram.nodes.map((n) => [n.id, nodeBoxSize(n, measure, options)]),
  );
  const colX: number[] = [];
  let x = 0;
  for (const col of columns) {
    colX.push(x);
    x += Math.max(0, ...col.map((n) => sizes.get(n.id)!.width)) + s.columnGap;
  }
  const heightOf = (col: NodeSnapshot[]) =>
    col.reduce((h, n) => h + sizes.get(n.id)!.height + s.rowGap, 0);
  let tallest = 0;
  columns.forEach((col, i) => {
    if (heightOf(col) > heightOf(columns[tallest]!)) tallest = i;
  });

  const centre = new Map<string, number>();
  const place = (c: number, side: 'left' | 'right' | null): void => {
    let bottom = -Infinity;
    for (const n of columns[c]!) {
      const h = sizes.get(n.id)!.height;
      const adj = side ? (neighbours.get(n.id)?.[side] ?? []).filter((id) => centre.has(id)) : [];
      const preferred = mean(adj.map((id) => centre.get(id)!));
      const top = Math.max(
        preferred === undefined ? -Infinity : preferred - h / 2,
        bottom + s.rowGap,
      );
      const y = top === -Infinity ? 0 : top;
      centre.set(n.id, y + h / 2);
      bottom = y + h;
    }
  };
  place(tallest, null);
  for (let c = tallest + 1; c < 4; c++) place(c, 'left');
  for (let c = tallest - 1; c >= 0; c--) place(c, 'right');

  const boxes: LayoutBox[] = [];
  const box = new Map<string, LayoutBox>();
  columns.forEach((col, c) => {
    for (const n of col) {
      const size = sizes.get(n.id)!;
      const b: LayoutBox = {
        id: n.id,
        kind: n.kind,
        text: n.text,
        x: colX[c]!,
        y: centre.get(n.id)! - size.height / 2,
        ...size,
      };
      boxes.push(b);
      box.set(n.id, b);
    }
  });
  const connectors: Connector[] = edges.map((e) => {
    const l = box.get(e.left)!;
    const r = box.get(e.right)!;
    const x1 = l.x + l.width;
    const x2 = r.x;
    // Tree edges share one vertical bus in the middle of the gap; cross-links use their own, nearer
    // the left column, so the two kinds of line never run along each other.
    const xm = x2 - s.columnGap * (e.tree ? 0.5 : 0.7);
    const y1 = l.y + l.height / 2;
    const y2 = r.y + r.height / 2;
    return {
      id: `link:${e.right}>${e.left}`,
      kind: 'link',
      from: e.right,
      to: e.left,
      points: [
        { x: x1, y: y1 },
        { x: xm, y: y1 },
        { x: xm, y: y2 },
        { x: x2, y: y2 },
      ],
      style: e.strength === 'weak' ? 'dashed' : 'solid',
    };
  });
  boxes.push(...measuresBand(diagram.measures, measure, boxes, x - s.columnGap, s.rowGap));
  return normalizeLayout(boxes, connectors);
}

function measuresBand(
  measures: readonly MeasureSnapshot[],
  measure: MeasureText,
  boxes: LayoutBox[],
  width: number,
  gap: number,
): LayoutBox[] {
  const out: LayoutBox[] = [];
  let y = Math.max(0, ...boxes.map((b) => b.y + b.height)) + 3 * gap;
  let x = 0;
  let rowHeight = 0;
  for (const m of measures) {
    const text = `${MEASURE_LABEL[m.type]}: ${m.name}`;
    const size = measure(text, 'measure');
    if (x > 0 && x + size.width > Math.max(width, 600)) {
      x = 0;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    out.push({ id: m.id, kind: 'measure', text, x, y, ...size });
    x += size.width + gap;
    rowHeight = Math.max(rowHeight, size.height);
  }
  return out;
}
