import type * as Y from 'yjs';
import type { SerializedSchema, TLRecord } from 'tldraw';
import { CANVAS_RECORDS_KEY } from '@qi/model';

/**
 * Where a board's canvas lives inside its Y.Doc. Every client and the server agree on these
 * names, so changing one orphans existing boards.
 */
export const RECORDS_MAP = CANVAS_RECORDS_KEY;
/** Shared board metadata (title, tldraw schema); also read by the server for the title. */
export const META_MAP = 'meta';
/** Key in META_MAP of the tldraw schema the records were last written with. */
export const SCHEMA_KEY = 'tldrawSchema';

/** The Y.Map holding tldraw document records, keyed by record id. */
export function recordsMap(doc: Y.Doc): Y.Map<TLRecord> {
  return doc.getMap<TLRecord>(RECORDS_MAP);
}

/** The Y.Map holding board metadata. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP);
}

/** The tldraw schema stored in the doc, if any client has written records yet. */
export function storedSchema(doc: Y.Doc): SerializedSchema | undefined {
  return metaMap(doc).get(SCHEMA_KEY) as SerializedSchema | undefined;
}
