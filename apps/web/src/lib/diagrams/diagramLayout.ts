import {
  estimateTextSize,
  layoutDiagram,
  type DiagramLayout,
  type DiagramSnapshot,
} from '@qi/model';

/**
 * The layout every view of a diagram uses (canvas, outline preview, exports, print). The text
 * measure is deterministic, so every browser computes the same boxes from the same snapshot.
 */
export function diagramLayout(snapshot: DiagramSnapshot): DiagramLayout {
  return layoutDiagram(snapshot, (text, kind) =>
    estimateTextSize(text, kind, { charWidth: 8, lineHeight: 19, padding: 10 }),
  );
}

const layoutCache = new WeakMap<DiagramSnapshot, DiagramLayout>();

/** `diagramLayout`, remembered per snapshot (snapshots are immutable). */
export function cachedLayout(snapshot: DiagramSnapshot): DiagramLayout {
  let layout = layoutCache.get(snapshot);
  if (!layout) {
    layout = diagramLayout(snapshot);
    layoutCache.set(snapshot, layout);
  }
  return layout;
}
