import type * as Y from 'yjs';
import type { Box, Editor, TLRecord } from 'tldraw';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { cachedLayout } from '$lib/diagrams/diagramLayout';
import { recordsMap } from '../boardDocLayout';
import { DIAGRAM_SHAPE, diagramShapeId, type DiagramShape } from './DiagramShape';
import { dropNotesOnDiagrams } from './dropNotesOnDiagrams';

/** Origin of size updates written by the layout: nobody's undo step. */
export const LAYOUT_ORIGIN = Symbol('diagram-layout');

/** How long a diagram made elsewhere may wait for its shape to arrive before this tab places it. */
const PLACE_REMOTE_AFTER_MS = 1500;

/**
 * Keeps one canvas shape per diagram: places a shape when this person adds a diagram (in view),
 * removes it when they delete the diagram, and keeps every shape's size equal to its layout.
 * A diagram made elsewhere gets its shape from its maker; if none arrives, this tab places it.
 * Also turns sticky notes dropped onto a diagram into nodes (dropNotesOnDiagrams).
 */
export function syncDiagramShapes(editor: Editor, doc: Y.Doc, source: BoardDiagrams): () => void {
  const records = recordsMap(doc);
  let known = new Set(source.diagrams.keys());
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const shapeOf = (diagramId: string) => editor.getShape<DiagramShape>(diagramShapeId(diagramId));

  const place = (diagramId: string, inView: boolean) => {
    const snapshot = source.diagrams.get(diagramId);
    if (!snapshot || shapeOf(diagramId)) return;
    const { width, height } = cachedLayout(snapshot);
    const at = inView ? freeSpotInView(editor, width, height) : belowEverything(editor);
    editor.createShape<DiagramShape>({
      id: diagramShapeId(diagramId),
      type: DIAGRAM_SHAPE,
      x: at.x,
      y: at.y,
      props: { diagramId, w: width, h: height },
    });
    if (inView) {
      editor.zoomToBounds(
        { x: at.x, y: at.y, w: width, h: height },
        { inset: 64, targetZoom: 1, animation: { duration: reducedMotion() ? 0 : 200 } },
      );
    }
  };

  const resize = () => {
    const updates: TLRecord[] = [];
    for (const [diagramId, snapshot] of source.diagrams) {
      const shape = shapeOf(diagramId);
      if (!shape) continue;
      const { width, height } = cachedLayout(snapshot);
      if (Math.abs(shape.props.w - width) > 0.5 || Math.abs(shape.props.h - height) > 0.5) {
        updates.push({ ...shape, props: { ...shape.props, w: width, h: height } });
      }
    }
    if (updates.length === 0) return;
    doc.transact(() => {
      for (const record of updates) records.set(record.id, record);
    }, LAYOUT_ORIGIN);
  };

  const onChange = (local: boolean) => {
    const now = new Set(source.diagrams.keys());
    for (const id of now) {
      if (known.has(id) || shapeOf(id)) continue;
      if (local) place(id, true);
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          place(id, false);
        }, PLACE_REMOTE_AFTER_MS);
        timers.add(timer);
      }
    }
    if (local) {
      const gone = [...known].filter((id) => !now.has(id) && shapeOf(id));
      if (gone.length > 0) editor.deleteShapes(gone.map(diagramShapeId));
    }
    known = now;
    resize();
  };

  // Diagrams made before the canvas opened (e.g. from the home page's gallery) get placed now.
  const empty = editor.getCurrentPageShapeIds().size === 0;
  for (const id of known) place(id, empty);
  resize();

  const stop = source.subscribe(onChange);
  const stopDrops = dropNotesOnDiagrams(editor, source);
  return () => {
    stop();
    stopDrops();
    for (const timer of timers) clearTimeout(timer);
  };
}

function freeSpotInView(editor: Editor, width: number, height: number): { x: number; y: number } {
  const view = editor.getViewportPageBounds();
  const x = Math.round(view.center.x - width / 2);
  let y = Math.round(view.center.y - height / 2);
  const taken = [...editor.getCurrentPageShapeIds()]
    .map((id) => editor.getShapePageBounds(id))
    .filter((b): b is Box => b !== undefined);
  for (let tries = 0; tries < 50; tries++) {
    const hit = taken.find(
      (b) => x < b.maxX && x + width > b.minX && y < b.maxY && y + height > b.minY,
    );
    if (!hit) break;
    y = Math.round(hit.maxY + 40);
  }
  return { x, y };
}

function belowEverything(editor: Editor): { x: number; y: number } {
  const bounds = editor.getCurrentPageBounds();
  return bounds ? { x: Math.round(bounds.minX), y: Math.round(bounds.maxY + 60) } : { x: 0, y: 0 };
}

function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
