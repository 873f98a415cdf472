import * as Y from 'yjs';
import type { StoredBoard } from '../storage/Storage';

/** Name of the Y.Map holding board metadata; `title` in it is the board's canonical title. */
export const META_MAP = 'meta';
export const DEFAULT_TITLE = 'Untitled board';

/** The board's live title, as the web app sets it, or the default when unset. */
export function readTitle(doc: Y.Doc): string {
  const title = doc.getMap(META_MAP).get('title');
  return typeof title === 'string' ? title : DEFAULT_TITLE;
}

/** The initial stored state of a new board: a document whose meta.title is `title`. */
export function initialState(title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap(META_MAP).set('title', title);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Builds a document from stored state, merging snapshot and log into one update first (one transaction). */
export function docFromStored(stored: StoredBoard): Y.Doc {
  const doc = new Y.Doc();
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  if (parts.length > 0) {
    Y.applyUpdate(doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts));
  }
  return doc;
}
