import type * as Y from 'yjs';
import type { Box, Editor, TLRecord } from 'tldraw';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { facilitationMap } from '@qi/model';
import { canvasLayout } from '$lib/diagrams/diagramLayout';
import { recordsMap } from '../boardDocLayout';
import { DIAGRAM_SHAPE, diagramShapeId, type DiagramShape } from './DiagramShape';
import { dropNotesOnDiagrams } from './dropNotesOnDiagrams';
import { DIAGRAM_GAP, freeSpot, separateDiagrams, type PlacedDiagram } from './freeSpot';

/** Origin of size updates written by the layout: nobody's undo step. */
export const LAYOUT_ORIGIN = Symbol('diagram-layout');

/** How long a diagram made elsewhere may wait for its shape to arrive before this tab places it. */
const PLACE_REMOTE_AFTER_MS = 1500;

/**
 * Keeps one canvas shape per diagram: places a shape when this person adds a diagram (in view,
 * clear of every other shape), removes it when they delete the diagram, and keeps every shape's
 * size equal to its canvas layout (which grows vote strips while a vote is open or its results are
 * shown). A diagram made elsewhere gets its shape from its maker; if none
 * arrives, this tab places it. When a diagram's shape appears or grows onto another diagram (two
 * people adding at once, causes filling a diagram), the newer one moves clear (separateDiagrams:
 * deterministic, so every tab writes the same move). Also turns sticky notes dropped onto a
 * diagram into nodes (dropNotesOnDiagrams).
 */
export function syncDiagramShapes(editor: Editor, doc: Y.Doc, source: BoardDiagrams): () => void {
  const records = recordsMap(doc);
  let known = new Set(source.diagrams.keys());
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const shapeOf = (diagramId: string) => editor.getShape<DiagramShape>(diagramShapeId(diagramId));

  const place = (diagramId: string, inView: boolean) => {
    const snapshot = source.diagrams.get(diagramId);
    if (!snapshot || shapeOf(diagramId)) return;
    const { width, height } = canvasLayout(doc, snapshot);
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
    // A read-only tab (observer, locked board) writes nothing: the server would refuse it and
    // close the connection. Sizes and moves are deterministic, so a tab that may write does it.
    if (editor.getIsReadonly()) return;
    const updates: TLRecord[] = [];
    for (const [diagramId, snapshot] of source.diagrams) {
      const shape = shapeOf(diagramId);
      if (!shape) continue;
      const { width, height } = canvasLayout(doc, snapshot);
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

  // Diagrams whose shape appeared or changed size since the last separation.
  const changed = new Set<string>();
  let stopped = false;
  const separate = () => {
    if (stopped || editor.getIsReadonly()) {
      changed.clear();
      return;
    }
    const placed: PlacedDiagram[] = [];
    for (const diagramId of source.diagrams.keys()) {
      const shape = shapeOf(diagramId);
      if (shape)
        placed.push({ diagramId, x: shape.x, y: shape.y, w: shape.props.w, h: shape.props.h });
    }
    const moves = separateDiagrams(placed, changed);
    changed.clear();
    if (moves.size === 0) return;
    doc.transact(() => {
      for (const [diagramId, at] of moves) {
        const shape = shapeOf(diagramId)!;
        records.set(shape.id, { ...shape, x: at.x, y: at.y });
      }
    }, LAYOUT_ORIGIN);
  };
  const stopSizes = editor.store.listen(
    ({ changes }) => {
      const before = changed.size;
      for (const record of Object.values(changes.added)) {
        if (isDiagramShape(record)) changed.add(record.props.diagramId);
      }
      for (const [from, to] of Object.values(changes.updated)) {
        if (isDiagramShape(from) && isDiagramShape(to)) {
          if (from.props.w !== to.props.w || from.props.h !== to.props.h) {
            changed.add(to.props.diagramId);
          }
        }
      }
      // After the change that caused it has settled (the move writes to the store again).
      if (before === 0 && changed.size > 0) queueMicrotask(separate);
    },
    { scope: 'document' },
  );
  for (const id of known) changed.add(id);
  separate();

  const stop = source.subscribe(onChange);
  const facilitation = facilitationMap(doc);
  facilitation.observe(resize);
  const stopDrops = dropNotesOnDiagrams(editor, source);
  return () => {
    stopped = true;
    stop();
    facilitation.unobserve(resize);
    stopSizes();
    stopDrops();
    for (const timer of timers) clearTimeout(timer);
  };
}

function isDiagramShape(record: TLRecord): record is DiagramShape {
  return record.typeName === 'shape' && record.type === DIAGRAM_SHAPE;
}

/** The free spot nearest the middle of the view, clear of every shape on the page. */
function freeSpotInView(editor: Editor, width: number, height: number): { x: number; y: number } {
  const view = editor.getViewportPageBounds();
  const preferred = {
    x: Math.round(view.center.x - width / 2),
    y: Math.round(view.center.y - height / 2),
  };
  return freeSpot(takenOnPage(editor), { w: width, h: height }, preferred);
}

/** Below everything on the page, left-aligned with it. */
function belowEverything(editor: Editor): { x: number; y: number } {
  const bounds = editor.getCurrentPageBounds();
  return bounds
    ? { x: Math.round(bounds.minX), y: Math.round(bounds.maxY + DIAGRAM_GAP) }
    : { x: 0, y: 0 };
}

function takenOnPage(editor: Editor): Box[] {
  return [...editor.getCurrentPageShapeIds()]
    .map((id) => editor.getShapePageBounds(id))
    .filter((b): b is Box => b !== undefined);
}

function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
