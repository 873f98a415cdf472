import { T, type RecordProps, type TLBaseShape, type TLShapeId } from 'tldraw';
import { DIAGRAM_BOX_TYPE, diagramBoxId } from '@qi/model';

/** tldraw type name of the shape that shows one QI diagram on the canvas (the model's box type). */
export const DIAGRAM_SHAPE = DIAGRAM_BOX_TYPE;

/**
 * A QI diagram placed on the canvas. Only where it sits is the canvas's; its content and layout
 * come from the model (`diagramId`). `w` and `h` follow the model's layout so the editor can
 * select, snap and export it; they are written by the layout sync, never by people.
 */
export type DiagramShape = TLBaseShape<
  typeof DIAGRAM_SHAPE,
  { diagramId: string; w: number; h: number }
>;

/** Validators for the shape's props (bad remote data is refused, not drawn). */
export const diagramShapeProps: RecordProps<DiagramShape> = {
  diagramId: T.string,
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
};

/** One shape per diagram, so two people placing the same new diagram write one record. */
export function diagramShapeId(diagramId: string): TLShapeId {
  return diagramBoxId(diagramId) as TLShapeId;
}
