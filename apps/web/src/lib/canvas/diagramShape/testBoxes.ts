import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLStore } from 'tldraw';
import { PAGE_ID, seedDocument } from '../testStores';
import { DIAGRAM_SHAPE, diagramShapeId, type DiagramShape } from './DiagramShape';
import { DiagramShapeUtil } from './DiagramShapeUtil';

/** Test helpers: diagram boxes in a tldraw store without an editor. */

/** A seeded store that knows diagram boxes as well as tldraw's default shapes. */
export function newDiagramStore(): TLStore {
  const store = createTLStore({
    shapeUtils: [...defaultShapeUtils, DiagramShapeUtil],
    bindingUtils: defaultBindingUtils,
  });
  seedDocument(store);
  return store;
}

/** A box of `diagramId` on the first page; `id` other than its own makes a copy of it. */
export function diagramBox(diagramId: string, id = diagramShapeId(diagramId)): DiagramShape {
  return {
    id,
    typeName: 'shape',
    type: DIAGRAM_SHAPE,
    parentId: PAGE_ID,
    index: 'a2' as never,
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    props: { diagramId, w: 300, h: 200 },
    meta: {},
  };
}
