import type { NodeKind } from '../NodeKind';
import type { Perspective } from '../Perspective';

/** Width and height of a box, in the canvas's units (CSS pixels). */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A point on the canvas. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What a box shows: a diagram node, or a measure in the driver diagram's measures band. */
export type BoxKind = NodeKind | 'measure';

/** Sizes a box for its text; supplied by the renderer (canvas text metrics) or estimateTextSize. */
export type MeasureText = (text: string, kind: BoxKind) => Size;

/** Height kept at the bottom of a box that shows a perspective badge, so the badge covers no text. */
export const BADGE_ROOM = 18;

/** Narrowest box that shows a perspective badge, so the badge fits inside it. */
const BADGE_MIN_WIDTH = 72;

/** True when a node's box shows whose view it is: contributions of patients and carers are marked. */
export function showsPerspectiveBadge(perspective: Perspective): boolean {
  return !perspective.startsWith('staff:');
}

/**
 * Height kept at the bottom of a box that holds a dot-vote control or a closed vote's total, so
 * the control covers no text and no neighbour; it shares the strip with a perspective badge.
 */
export const VOTE_ROOM = 32;

/**
 * Width of the vote strip's part at the bottom right that the control or total may fill (the
 * perspective badge keeps the bottom left), so the two never meet.
 */
const VOTE_ROOM_WIDTH = 96;

/** What a layout keeps room for besides each box's text and badge. */
export interface LayoutOptions {
  /** Ids of the boxes holding a dot-vote control or total: each gets a VOTE_ROOM strip. */
  readonly voteRoom?: ReadonlySet<string>;
}

/**
 * A node's box: its text as measured, plus room under it for its perspective badge when it shows
 * one and for a vote control when `options.voteRoom` holds it (badge left, control right).
 */
export function nodeBoxSize(
  node: {
    readonly id: string;
    readonly text: string;
    readonly kind: NodeKind;
    readonly perspective: Perspective;
  },
  measure: MeasureText,
  options: LayoutOptions = {},
): Size {
  const size = measure(node.text, node.kind);
  const badge = showsPerspectiveBadge(node.perspective);
  const vote = options.voteRoom?.has(node.id) ?? false;
  if (!badge && !vote) return size;
  const minWidth = (badge ? BADGE_MIN_WIDTH : 0) + (vote ? VOTE_ROOM_WIDTH : 0);
  return {
    width: Math.max(size.width, minWidth),
    height: size.height + (vote ? Math.max(VOTE_ROOM, BADGE_ROOM) : BADGE_ROOM),
  };
}

/** Where a box's vote control or total may sit: the bottom-right part of its vote strip. */
export function voteRoomRect(box: Point & Size): Point & Size {
  return {
    x: box.x + box.width - VOTE_ROOM_WIDTH,
    y: box.y + box.height - VOTE_ROOM,
    width: VOTE_ROOM_WIDTH,
    height: VOTE_ROOM,
  };
}

/** A laid-out box; `id` is the node id (or measure id); x, y is the top-left corner. */
export interface LayoutBox extends Point, Size {
  readonly id: string;
  readonly kind: BoxKind;
  readonly text: string;
}

/** A connector polyline. Spine and bones belong to fishbones, links to driver diagrams. */
export interface Connector {
  readonly id: string;
  readonly kind: 'spine' | 'bone' | 'branch' | 'link';
  /** Box ids at each end, when the end is a box. */
  readonly from: string | null;
  readonly to: string | null;
  readonly points: readonly Point[];
  /** Dashed for weak driver-diagram links. */
  readonly style: 'solid' | 'dashed';
}

/** A whole laid-out diagram; all coordinates are non-negative and inside width × height. */
export interface DiagramLayout {
  readonly boxes: readonly LayoutBox[];
  readonly connectors: readonly Connector[];
  readonly width: number;
  readonly height: number;
}

/** Margin around a layout. */
export const LAYOUT_PADDING = 24;

/** Moves a layout so its content starts at the padding, and computes its size. */
export function normalizeLayout(boxes: LayoutBox[], connectors: Connector[]): DiagramLayout {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (x: number, y: number): void => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const b of boxes) {
    grow(b.x, b.y);
    grow(b.x + b.width, b.y + b.height);
  }
  for (const c of connectors) for (const p of c.points) grow(p.x, p.y);
  if (minX === Infinity) return { boxes: [], connectors: [], width: 0, height: 0 };
  const dx = LAYOUT_PADDING - minX;
  const dy = LAYOUT_PADDING - minY;
  const r = (v: number): number => Math.round(v * 100) / 100;
  return {
    boxes: boxes.map((b) => ({ ...b, x: r(b.x + dx), y: r(b.y + dy) })),
    connectors: connectors.map((c) => ({
      ...c,
      points: c.points.map((p) => ({ x: r(p.x + dx), y: r(p.y + dy) })),
    })),
    width: r(maxX - minX + 2 * LAYOUT_PADDING),
    height: r(maxY - minY + 2 * LAYOUT_PADDING),
  };
}
