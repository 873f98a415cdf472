import type { DiagramSnapshot, NodeSnapshot } from '../DiagramSnapshot';
import {
  nodeBoxSize,
  normalizeLayout,
  type Connector,
  type DiagramLayout,
  type LayoutBox,
  type LayoutOptions,
  type MeasureText,
  type Point,
} from './DiagramLayout';

/** Spacing used by layoutFishbone, in canvas units. */
export interface FishboneSpacing {
  /** Vertical gap between cause rows. */
  readonly rowGap: number;
  /** Horizontal gap between a box and the line it hangs from. */
  readonly hang: number;
  /** Gap between neighbouring pairs of bones along the spine. */
  readonly slotGap: number;
  /** Gap between the spine and the nearest row of a bone. */
  readonly spineGap: number;
  /** How far a bone leans towards the head per unit of height. */
  readonly slant: number;
}

const DEFAULTS: FishboneSpacing = { rowGap: 12, hang: 24, slotGap: 48, spineGap: 28, slant: 0.45 };

interface Block {
  boxes: LayoutBox[];
  connectors: Connector[];
  minX: number;
  maxX: number;
  height: number;
}

interface Row {
  node: NodeSnapshot;
  depth: number;
  parentId: string;
  width: number;
  height: number;
  y: number;
}

/**
 * Lays out one bone in local coordinates: the spine point at x = 0, content to its left.
 * Above the spine the category label is at the top and causes follow downwards; below the spine
 * causes come first and the label is at the bottom, so the bone always runs label → spine.
 */
function layoutBone(
  category: NodeSnapshot,
  above: boolean,
  measure: MeasureText,
  s: FishboneSpacing,
  options: LayoutOptions,
): Block {
  const catSize = nodeBoxSize(category, measure, options);
  const rows: Row[] = [];
  const collect = (node: NodeSnapshot, depth: number): void => {
    for (const child of node.children) {
      const size = nodeBoxSize(child, measure, options);
      rows.push({ node: child, depth, parentId: node.id, ...size, y: 0 });
      collect(child, depth + 1);
    }
  };
  collect(category, 1);

  let y = 0;
  let catTop = 0;
  if (above) {
    catTop = 0;
    y = catSize.height + s.rowGap;
  }
  for (const row of rows) {
    row.y = y;
    y += row.height + s.rowGap;
  }
  if (!above) catTop = y;
  const height = above ? y - s.rowGap : y + catSize.height;
  // Bone ends: at the label (far from the spine) and at the spine point (x = 0).
  const catEndY = above ? catTop + catSize.height : catTop;
  const spineY = above ? height + s.spineGap : -s.spineGap;
  const catX = -s.slant * Math.abs(spineY - catEndY);
  const boneX = (py: number): number => catX + ((py - catEndY) / (spineY - catEndY)) * (0 - catX);

  const boxes: LayoutBox[] = [
    {
      id: category.id,
      kind: category.kind,
      text: category.text,
      x: catX - catSize.width / 2,
      y: catTop,
      ...catSize,
    },
  ];
  const connectors: Connector[] = [
    {
      id: `bone:${category.id}`,
      kind: 'bone',
      from: category.id,
      to: null,
      points: [
        { x: catX, y: catEndY },
        { x: 0, y: spineY },
      ],
      style: 'solid',
    },
  ];
  const stemX = new Map<string, number>();
  const centreY = new Map<string, number>();
  for (const row of rows) {
    const cy = row.y + row.height / 2;
    const onBone = boneX(cy);
    // The bone leans, so the box keeps `hang` clear of it at whichever corner comes nearer.
    const clear = Math.min(boneX(row.y), boneX(row.y + row.height));
    const parentStem = stemX.get(row.parentId);
    const right = (parentStem === undefined ? clear : Math.min(parentStem, clear)) - s.hang;
    stemX.set(row.node.id, right + s.hang / 2);
    centreY.set(row.node.id, cy);
    boxes.push({
      id: row.node.id,
      kind: row.node.kind,
      text: row.node.text,
      x: right - row.width,
      y: row.y,
      width: row.width,
      height: row.height,
    });
    const points: Point[] =
      parentStem === undefined
        ? [
            { x: right, y: cy },
            { x: onBone, y: cy },
          ]
        : [
            { x: right, y: cy },
            { x: parentStem, y: cy },
            { x: parentStem, y: centreY.get(row.parentId)! },
          ];
    connectors.push({
      id: `branch:${row.node.id}`,
      kind: 'branch',
      from: row.node.id,
      to: row.parentId,
      points,
      style: 'solid',
    });
  }
  let minX = 0;
  let maxX = 0;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    maxX = Math.max(maxX, b.x + b.width);
  }
  return { boxes, connectors, minX, maxX, height };
}

function shift(
  block: Block,
  dx: number,
  dy: number,
  into: { boxes: LayoutBox[]; connectors: Connector[] },
): void {
  for (const b of block.boxes) into.boxes.push({ ...b, x: b.x + dx, y: b.y + dy });
  for (const c of block.connectors) {
    into.connectors.push({ ...c, points: c.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) });
  }
}

/**
 * Classic fishbone: a horizontal spine to the effect (head) on the right; categories in sibling order,
 * alternating above and below the spine in pairs that share a slot along it; causes listed along their
 * bone, sub-causes indented under their cause; `options` may keep a vote strip in some boxes. Boxes
 * never overlap: each bone's rows are distinct in y, and slots are disjoint in x; every cause box
 * keeps `hang` clear of its leaning bone.
 */
export function layoutFishbone(
  diagram: DiagramSnapshot,
  measure: MeasureText,
  spacing: Partial<FishboneSpacing> = {},
  options: LayoutOptions = {},
): DiagramLayout {
  const s = { ...DEFAULTS, ...spacing };
  const out = { boxes: [] as LayoutBox[], connectors: [] as Connector[] };
  const categories = diagram.root.children;
  let cursor = 0;
  let spineStart = 0;
  for (let i = 0; i < categories.length; i += 2) {
    const pair = [categories[i], categories[i + 1]].filter(
      (c): c is NodeSnapshot => c !== undefined,
    );
    const blocks = pair.map((c, k) => layoutBone(c, k === 0, measure, s, options));
    const left = Math.min(...blocks.map((b) => b.minX));
    const right = Math.max(...blocks.map((b) => b.maxX));
    const spineX = cursor - left;
    if (i === 0) spineStart = cursor;
    blocks.forEach((b, k) => {
      const dy = k === 0 ? -s.spineGap - b.height : s.spineGap;
      shift(b, spineX, dy, out);
    });
    cursor = spineX + right + s.slotGap;
  }
  const head = diagram.root;
  const headSize = nodeBoxSize(head, measure, options);
  const headX = Math.max(cursor, spineStart + 80);
  out.boxes.push({
    id: head.id,
    kind: head.kind,
    text: head.text,
    x: headX,
    y: -headSize.height / 2,
    ...headSize,
  });
  out.connectors.unshift({
    id: `spine:${head.id}`,
    kind: 'spine',
    from: null,
    to: head.id,
    points: [
      { x: spineStart, y: 0 },
      { x: headX, y: 0 },
    ],
    style: 'solid',
  });
  return normalizeLayout(out.boxes, out.connectors);
}
