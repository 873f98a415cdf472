import {
  renderPlaintextFromRichText,
  type Editor,
  type TLEventInfo,
  type TLNoteShape,
  type TLShapeId,
  type VecLike,
} from 'tldraw';
import {
  allowedChildKinds,
  defaultChildKind,
  type DiagramLayout,
  type DiagramSnapshot,
} from '@qi/model';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { canvasLayout } from '$lib/diagrams/diagramLayout';
import { DIAGRAM_SHAPE, type DiagramShape } from './DiagramShape';

/**
 * A sticky note dragged onto a diagram becomes a node there (e.g. after an affinity brainstorm):
 * dropped on a box, it goes under that box (or beside it, when that kind takes nothing under
 * it); dropped elsewhere on the diagram, under the head. The note is removed in the same undo step.
 */
export function dropNotesOnDiagrams(editor: Editor, source: BoardDiagrams): () => void {
  let startedAt = new Map<TLShapeId, string>();

  const onEvent = (info: TLEventInfo) => {
    if (info.type !== 'pointer') return;
    if (info.name === 'pointer_down') {
      startedAt = new Map(
        editor
          .getSelectedShapes()
          .filter((s) => s.type === 'note')
          .map((s) => [s.id, `${s.x},${s.y}`]),
      );
    } else if (info.name === 'pointer_up' && startedAt.size > 0) {
      const moved = startedAt;
      startedAt = new Map();
      // After the select tool has finished the move.
      queueMicrotask(() => {
        for (const [id, from] of moved) {
          const note = editor.getShape<TLNoteShape>(id);
          if (note && `${note.x},${note.y}` !== from) dropNote(editor, source, note);
        }
      });
    }
  };
  editor.on('event', onEvent);
  return () => editor.off('event', onEvent);
}

function dropNote(editor: Editor, source: BoardDiagrams, note: TLNoteShape): void {
  if (source.readOnly) return;
  const bounds = editor.getShapePageBounds(note);
  if (!bounds) return;
  const center = bounds.center;
  const target = editor
    .getCurrentPageShapes()
    .filter((s): s is DiagramShape => s.type === DIAGRAM_SHAPE)
    .find((s) => editor.getShapePageBounds(s)?.containsPoint(center));
  const snapshot = target ? source.diagrams.get(target.props.diagramId) : undefined;
  if (!target || !snapshot || source.isFrozen(snapshot.id)) return;
  const layout = canvasLayout(source.board.doc, snapshot);
  const parentId = parentFor(snapshot, layout, { x: center.x - target.x, y: center.y - target.y });
  const parent = snapshot.nodes.find((n) => n.id === parentId);
  const kind = parent ? defaultChildKind(parent.kind) : undefined;
  if (!parent || !kind) return;
  const text = renderPlaintextFromRichText(editor, note.props.richText).trim();
  editor.deleteShape(note.id);
  source.editStructure(snapshot.id, (board, origin) =>
    board.addNode(
      { diagramId: snapshot.id, parentId: parent.id, kind, text, ...source.author },
      origin,
    ),
  );
}

/** The node a note dropped at `point` (coordinates of `layout`, the diagram's) should go under. */
export function parentFor(
  snapshot: DiagramSnapshot,
  layout: DiagramLayout,
  point: VecLike,
): string {
  const box = layout.boxes.find(
    (b) =>
      point.x >= b.x && point.x <= b.x + b.width && point.y >= b.y && point.y <= b.y + b.height,
  );
  const node = box ? snapshot.nodes.find((n) => n.id === box.id) : undefined;
  if (!node) return snapshot.root.id;
  if (allowedChildKinds(node.kind).length > 0) return node.id;
  return node.parentId ?? snapshot.root.id;
}
