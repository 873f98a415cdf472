import type { StoreSideEffects, TLRecord } from 'tldraw';
import { DIAGRAM_SHAPE, diagramShapeId, type DiagramShape } from './DiagramShape';

/** Said on a frozen diagram's box when this person tries to delete it. */
export const FROZEN_BOX_MESSAGE =
  'This diagram stays on the canvas: the facilitator has frozen its structure. You can still move it and change the wording.';

/** What is read of the board's diagrams (`BoardDiagrams`). */
interface FrozenDiagrams {
  isFrozen(diagramId: string): boolean;
  readonly diagrams: ReadonlyMap<string, unknown>;
}

/**
 * Keeps this person from deleting the box of a diagram the facilitator froze for them
 * (`diagrams.isFrozen`: never for facilitators): tldraw's delete, cut and page deletion leave it
 * where it is, and `tell` says why on the box. Moving it stays possible. The server refuses the
 * deletion too (`4423`); refusing it here means it is never sent. Changes from other browsers
 * pass. Returns the function that stops it.
 */
export function keepFrozenBoxes(
  sideEffects: StoreSideEffects<TLRecord>,
  diagrams: FrozenDiagrams,
  tell: (diagramId: string, message: string) => void,
): () => void {
  return sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== DIAGRAM_SHAPE) return;
    const { diagramId } = (shape as DiagramShape).props;
    // Only the diagram's own box stays; a copy of it goes (oneBoxPerDiagram).
    if (shape.id !== diagramShapeId(diagramId)) return;
    // A box left behind by a deleted diagram may go.
    if (!diagrams.isFrozen(diagramId) || !diagrams.diagrams.has(diagramId)) return;
    tell(diagramId, FROZEN_BOX_MESSAGE);
    return false;
  });
}
