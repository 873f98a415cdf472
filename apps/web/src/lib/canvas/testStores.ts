import * as Y from 'yjs';
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  DocumentRecordType,
  GeoShapeUtil,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLGeoShape,
  type TLPageId,
  type TLStore,
} from 'tldraw';

/** Test helpers: tldraw stores without an editor, and Y.Docs joined by an in-memory relay. */

export const PAGE_ID = 'page:page' as TLPageId;

/** A tldraw store with the default shapes, as the editor would create it. */
export function newStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
}

/** Puts the document and first page, as the editor does when it mounts on an empty store. */
export function seedDocument(store: TLStore): void {
  store.put([
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as never }),
  ]);
}

/** A rectangle on the first page, with tldraw's default props. */
export function rectangle(name: string, x: number, y: number): TLGeoShape {
  const props = GeoShapeUtil.prototype.getDefaultProps.call({} as GeoShapeUtil);
  return {
    id: createShapeId(name),
    typeName: 'shape',
    type: 'geo',
    parentId: PAGE_ID,
    index: 'a1' as never,
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  };
}

const RELAY = Symbol('relay');

/**
 * Joins docs so every update reaches the others, like a server would. `pause()` cuts the link
 * (offline); `resume()` exchanges what each missed and relinks.
 */
export function relay(...docs: Y.Doc[]) {
  let linked = true;
  const exchange = () => {
    for (const a of docs)
      for (const b of docs)
        if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), RELAY);
  };
  // Like sync steps 1 and 2 on connect: each doc first gets what the others already have.
  exchange();
  const handlers = docs.map((doc) => {
    const handler = (update: Uint8Array, origin: unknown) => {
      if (!linked || origin === RELAY) return;
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, RELAY);
    };
    doc.on('update', handler);
    return handler;
  });
  return {
    pause: () => {
      linked = false;
    },
    resume: () => {
      exchange();
      linked = true;
    },
    destroy: () => docs.forEach((doc, i) => doc.off('update', handlers[i]!)),
  };
}
