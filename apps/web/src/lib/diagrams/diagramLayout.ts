import type * as Y from 'yjs';
import {
  estimateTextSize,
  layoutDiagram,
  voteRoomIds,
  type DiagramLayout,
  type DiagramSnapshot,
  type LayoutOptions,
} from '@qi/model';

/**
 * The layout every view of a diagram uses (canvas, outline preview, exports, print). The text
 * measure is deterministic, so every browser computes the same boxes from the same snapshot.
 */
export function diagramLayout(
  snapshot: DiagramSnapshot,
  options: LayoutOptions = {},
): DiagramLayout {
  return layoutDiagram(
    snapshot,
    (text, kind) => estimateTextSize(text, kind, { charWidth: 8, lineHeight: 19, padding: 10 }),
    options,
  );
}

const NO_ROOM: ReadonlySet<string> = new Set();
const layoutCache = new WeakMap<DiagramSnapshot, Map<string, DiagramLayout>>();

/** `diagramLayout`, remembered per snapshot (snapshots are immutable) and vote strips. */
export function cachedLayout(
  snapshot: DiagramSnapshot,
  voteRoom: ReadonlySet<string> = NO_ROOM,
): DiagramLayout {
  const key = [...voteRoom].sort().join(' ');
  let byRoom = layoutCache.get(snapshot);
  if (!byRoom) {
    byRoom = new Map();
    layoutCache.set(snapshot, byRoom);
  }
  let layout = byRoom.get(key);
  if (!layout) {
    layout = diagramLayout(snapshot, { voteRoom });
    byRoom.set(key, layout);
  }
  return layout;
}

/**
 * A diagram's layout on the board's canvas: with a vote strip in each box that holds a dot-vote
 * control or total (voteRoomIds). Read from the document, so every tab sizes the shape alike.
 */
export function canvasLayout(doc: Y.Doc, snapshot: DiagramSnapshot): DiagramLayout {
  return cachedLayout(snapshot, voteRoomIds(doc, snapshot));
}
