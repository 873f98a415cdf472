import * as Y from 'yjs';
import type { TLRecord, TLStore } from 'tldraw';
import { metaMap, recordsMap, SCHEMA_KEY, storedSchema } from './boardDocLayout';

/** Transaction origin of changes this binding writes into the doc, so it skips its own echoes. */
export const STORE_ORIGIN = Symbol('tldraw-store');

/**
 * Keeps a tldraw store and a board's Y.Doc in step, both ways.
 *
 * Only document-scope records (shapes, pages, bindings, assets, the document) are shared: one
 * Y.Map entry per record, so concurrent edits merge per record (last writer wins within one).
 * Camera, selection, pointer and presence stay local. Records already in the doc are migrated
 * to this client's tldraw schema before loading. A record `options.hold` answers true for (a
 * sticky note holding patient data in block mode) stays out of the doc until a later change
 * makes it pass. Returns a function that unbinds.
 */
export function bindStoreToDoc(
  store: TLStore,
  doc: Y.Doc,
  options: { hold?: (record: TLRecord) => boolean } = {},
): () => void {
  const { hold = () => false } = options;
  const records = recordsMap(doc);
  loadDocIntoStore(store, doc);

  const stopListening = store.listen(
    ({ changes }) => {
      doc.transact(() => {
        for (const record of Object.values(changes.added)) {
          if (!hold(record)) records.set(record.id, record);
        }
        for (const [, record] of Object.values(changes.updated)) {
          if (!hold(record)) records.set(record.id, record);
        }
        for (const record of Object.values(changes.removed)) records.delete(record.id);
      }, STORE_ORIGIN);
    },
    { source: 'user', scope: 'document' },
  );

  const onDocChange = (event: Y.YMapEvent<TLRecord>, transaction: Y.Transaction) => {
    if (transaction.origin === STORE_ORIGIN) return;
    const toPut: TLRecord[] = [];
    const toRemove: TLRecord['id'][] = [];
    for (const [key, change] of event.changes.keys) {
      const id = key as TLRecord['id'];
      if (change.action === 'delete') {
        if (store.has(id)) toRemove.push(id);
      } else {
        const record = records.get(key);
        if (record) toPut.push(record);
      }
    }
    try {
      applyRemote(store, toPut, toRemove);
    } catch (error) {
      // A record this client cannot validate (e.g. from a newer version) must not break sync.
      console.error('Could not apply a remote canvas change', { toPut, toRemove, error });
    }
  };
  records.observe(onDocChange);

  return () => {
    stopListening();
    records.unobserve(onDocChange);
  };
}

/**
 * Loads the doc's records into the store, migrating them from the schema they were written
 * with. When the doc has no records yet, it seeds the doc from the store instead.
 */
function loadDocIntoStore(store: TLStore, doc: Y.Doc): void {
  const records = recordsMap(doc);
  const ourSchema = store.schema.serialize();
  if (records.size === 0) {
    doc.transact(() => {
      for (const record of store.allRecords()) {
        if (store.scopedTypes.document.has(record.typeName)) records.set(record.id, record);
      }
      metaMap(doc).set(SCHEMA_KEY, ourSchema);
    }, STORE_ORIGIN);
    return;
  }
  const theirSchema = storedSchema(doc) ?? ourSchema;
  const snapshot = Object.fromEntries(records.entries()) as Record<TLRecord['id'], TLRecord>;
  const migrated = store.schema.migrateStoreSnapshot({ schema: theirSchema, store: snapshot });
  if (migrated.type === 'error') {
    throw new Error(`This board was saved by a newer or unknown version (${migrated.reason}).`);
  }
  const migratedRecords = Object.values(migrated.value) as TLRecord[];
  if (JSON.stringify(theirSchema) !== JSON.stringify(ourSchema)) {
    doc.transact(() => {
      for (const id of records.keys()) {
        if (!(id in migrated.value)) records.delete(id);
      }
      for (const record of migratedRecords) records.set(record.id, record);
      metaMap(doc).set(SCHEMA_KEY, ourSchema);
    }, STORE_ORIGIN);
  }
  applyRemote(store, migratedRecords, []);
}

/** Applies records that came from elsewhere; the store's `user` listeners do not see them. */
function applyRemote(store: TLStore, toPut: TLRecord[], toRemove: TLRecord['id'][]): void {
  if (toPut.length === 0 && toRemove.length === 0) return;
  store.mergeRemoteChanges(() => {
    if (toRemove.length > 0) store.remove(toRemove);
    if (toPut.length > 0) store.put(toPut);
  });
}
