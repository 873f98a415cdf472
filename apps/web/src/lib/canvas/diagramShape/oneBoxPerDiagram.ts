import type { StoreSideEffects, TLRecord, TLShapeId } from 'tldraw';
import { DIAGRAM_SHAPE, diagramShapeId, type DiagramShape } from './DiagramShape';

/** Said when this person pastes or duplicates a diagram's box. */
export const COPY_BOX_MESSAGE =
  'A diagram is on the board once. To copy it, save it (Save a copy, then Data (JSON)) and add the file with Add diagram.';

/**
 * Keeps each diagram to its one box (id `diagramShapeId(diagramId)`): a box this person pastes or
 * duplicates (tldraw gives the copy a new id, drawing the same diagram; from another board, a
 * diagram this board does not have) is taken away as it is made, and `tell` says how to copy a
 * diagram (a toast: the original's status line clears as tldraw selects the copy). Nothing of it
 * is ever sent. Returns the function that stops it.
 */
export function oneBoxPerDiagram(
  sideEffects: StoreSideEffects<TLRecord>,
  remove: (id: TLShapeId) => void,
  tell: (message: string) => void,
): () => void {
  return sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== DIAGRAM_SHAPE) return;
    const { diagramId } = (shape as DiagramShape).props;
    if (shape.id === diagramShapeId(diagramId)) return;
    remove(shape.id);
    tell(COPY_BOX_MESSAGE);
  });
}
