import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { TLINSTANCE_ID, TLPOINTER_ID, type TLRecord, type TLStore } from 'tldraw';
import { bindStoreToDoc } from './bindStoreToDoc';
import { metaMap, recordsMap, SCHEMA_KEY, storedSchema } from './boardDocLayout';
import { newStore, rectangle, relay, seedDocument } from './testStores';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** A client: its own doc and store, bound together. */
function client(doc = new Y.Doc()): { doc: Y.Doc; store: TLStore } {
  const store = newStore();
  cleanups.push(bindStoreToDoc(store, doc));
  return { doc, store };
}

function documentRecords(store: TLStore): TLRecord[] {
  return store
    .allRecords()
    .filter((record) => store.scopedTypes.document.has(record.typeName))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe('bindStoreToDoc', () => {
  it('sends a shape drawn in one store to the other', async () => {
    const a = client();
    const b = client();
    const link = relay(a.doc, b.doc);
    cleanups.push(link.destroy);

    seedDocument(a.store);
    a.store.put([rectangle('one', 10, 20)]);

    // The store reports changes to listeners once per animation frame.
    await vi.waitFor(() => {
      expect(b.store.get(rectangle('one', 0, 0).id)).toMatchObject({ x: 10, y: 20, type: 'geo' });
    });
    expect(documentRecords(b.store)).toEqual(documentRecords(a.store));
  });

  it('sends updates and deletions', async () => {
    const a = client();
    const b = client();
    cleanups.push(relay(a.doc, b.doc).destroy);
    seedDocument(a.store);
    const shape = rectangle('moving', 0, 0);
    a.store.put([shape]);
    await vi.waitFor(() => expect(b.store.has(shape.id)).toBe(true));

    b.store.update(shape.id, (record) => ({ ...record, x: 300 }));
    await vi.waitFor(() => expect(a.store.get(shape.id)?.x).toBe(300));

    a.store.remove([shape.id]);
    await vi.waitFor(() => expect(b.store.has(shape.id)).toBe(false));
  });

  it('keeps a held record out of the doc until a change makes it pass', async () => {
    const doc = new Y.Doc();
    const store = newStore();
    // Stands in for "a note holding patient data in block mode".
    const held = (record: TLRecord) => record.typeName === 'shape' && record.x === 666;
    cleanups.push(bindStoreToDoc(store, doc, { hold: held }));
    const b = client();
    cleanups.push(relay(doc, b.doc).destroy);
    seedDocument(store);
    const shape = rectangle('secret', 666, 0);
    store.put([shape, rectangle('other', 1, 1)]);
    await vi.waitFor(() => expect(recordsMap(doc).has(rectangle('other', 0, 0).id)).toBe(true));
    expect(recordsMap(doc).has(shape.id)).toBe(false);
    expect(b.store.has(shape.id)).toBe(false);

    store.update(shape.id, (record) => ({ ...record, x: 5 }));
    await vi.waitFor(() => expect(b.store.get(shape.id)?.x).toBe(5));
  });

  it('keeps camera, pointer and instance state local', async () => {
    const a = client();
    const b = client();
    cleanups.push(relay(a.doc, b.doc).destroy);
    seedDocument(a.store);
    a.store.update(TLPOINTER_ID, (pointer) => ({ ...pointer, x: 50 }));
    await vi.waitFor(() => expect(recordsMap(a.doc).size).toBe(2));

    expect(b.store.get(TLPOINTER_ID)?.x).not.toBe(50);
    expect(b.store.get(TLINSTANCE_ID)?.id).toBe(TLINSTANCE_ID);
    const shared = [...recordsMap(a.doc).values()].map((record) => record.typeName);
    expect(new Set(shared)).toEqual(new Set(['document', 'page']));
  });

  it('loads what is already in the doc and stores the schema beside it', async () => {
    const a = client();
    seedDocument(a.store);
    a.store.put([rectangle('early', 5, 5)]);
    await vi.waitFor(() => expect(recordsMap(a.doc).size).toBe(3));
    expect(storedSchema(a.doc)).toEqual(a.store.schema.serialize());

    const late = client(cloneDoc(a.doc));
    expect(documentRecords(late.store)).toEqual(documentRecords(a.store));
  });

  it('migrates records saved by an older tldraw and writes them back upgraded', () => {
    const store = newStore();
    const older = structuredClone(store.schema.serialize());
    // Version 9 of the geo shape stored its label as plain `text` (10 made it rich text).
    if (older.schemaVersion !== 2) throw new Error('unexpected schema format');
    older.sequences['com.tldraw.shape.geo'] = 9;
    const { richText: _richText, ...oldProps } = rectangle('old', 0, 0).props;
    const oldShape = { ...rectangle('old', 0, 0), props: { ...oldProps, text: 'Hello' } };
    const doc = new Y.Doc();
    recordsMap(doc).set(oldShape.id, oldShape as unknown as TLRecord);
    metaMap(doc).set(SCHEMA_KEY, older);

    cleanups.push(bindStoreToDoc(store, doc));

    const richText = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }],
    };
    expect(store.get(oldShape.id)).toMatchObject({ props: { richText } });
    expect(recordsMap(doc).get(oldShape.id)).toMatchObject({ props: { richText } });
    expect(storedSchema(doc)).toEqual(store.schema.serialize());
  });

  it('merges edits made offline on both sides', async () => {
    const a = client();
    const b = client();
    const link = relay(a.doc, b.doc);
    cleanups.push(link.destroy);
    seedDocument(a.store);
    await vi.waitFor(() => expect(recordsMap(b.doc).size).toBe(2));

    link.pause();
    a.store.put([rectangle('from-a', 1, 1)]);
    b.store.put([rectangle('from-b', 2, 2)]);
    await vi.waitFor(() => {
      expect(recordsMap(a.doc).size).toBe(3);
      expect(recordsMap(b.doc).size).toBe(3);
    });
    expect(b.store.has(rectangle('from-a', 0, 0).id)).toBe(false);
    link.resume();

    await vi.waitFor(() => {
      expect(a.store.has(rectangle('from-b', 0, 0).id)).toBe(true);
      expect(b.store.has(rectangle('from-a', 0, 0).id)).toBe(true);
    });
    expect(documentRecords(a.store)).toEqual(documentRecords(b.store));
  });

  it('survives a remote record it cannot validate', async () => {
    const a = client();
    seedDocument(a.store);
    const broken = { ...rectangle('broken', 0, 0), x: 'not a number' } as unknown as TLRecord;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const other = new Y.Doc();
      recordsMap(other).set(broken.id, broken);
      Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(other));
    } finally {
      console.error = original;
    }
    expect(a.store.has(broken.id)).toBe(false);
    expect(errors).toHaveLength(1);
  });
});

function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
