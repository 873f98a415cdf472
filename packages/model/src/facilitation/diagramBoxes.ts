import type * as Y from 'yjs';
import { DIAGRAMS_KEY } from '../boardSchema';

/** tldraw type of the canvas shape that draws one diagram (its box): the web's `DIAGRAM_SHAPE`. */
export const DIAGRAM_BOX_TYPE = 'qi-diagram';

/**
 * The canvas record id of a diagram's box, `shape:qi-diagram-<diagramId>`: one per diagram, so
 * two people placing the same new diagram write one record.
 */
export function diagramBoxId(diagramId: string): string {
  return `shape:${DIAGRAM_BOX_TYPE}-${diagramId}`;
}

/**
 * The diagram a canvas record draws when it is a diagram's box (`typeName` `shape`, `type`
 * `qi-diagram`, `props.diagramId` a string); null for any other record.
 */
export function boxedDiagramId(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const { typeName, type, props } = record as Record<string, unknown>;
  if (typeName !== 'shape' || type !== DIAGRAM_BOX_TYPE) return null;
  if (typeof props !== 'object' || props === null) return null;
  const { diagramId } = props as Record<string, unknown>;
  return typeof diagramId === 'string' ? diagramId : null;
}

/**
 * The diagram whose box `record` is when that diagram exists and is among the `frozen` ones
 * (`frozenDiagramIds`); else
 * null. Such a box stays on the canvas for non-facilitators: moved and resized (its place is
 * layout, its size follows the wording), never deleted or replaced. A box left behind by a
 * deleted diagram is not kept.
 */
export function frozenBoxDiagram(
  doc: Y.Doc,
  record: unknown,
  frozen: ReadonlySet<string>,
): string | null {
  const diagramId = boxedDiagramId(record);
  if (diagramId === null || !frozen.has(diagramId)) return null;
  return doc.getMap(DIAGRAMS_KEY).has(diagramId) ? diagramId : null;
}
