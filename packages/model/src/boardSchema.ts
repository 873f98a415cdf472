import * as Y from 'yjs';
import { NotFoundError } from './ModelError';

/**
 * Where things live in a board's Y.Doc (the storage layout, see CONTEXT.md):
 *   meta       Y.Map  { schemaVersion }
 *   diagrams   Y.Map  diagramId → Y.Map { id, kind, createdAt, authorId, rootId, nodes, links, measures, pdsa }
 *     nodes    Y.Map  nodeId → Y.Map { id, kind, parentId, position, text: Y.Text, notes: Y.Text, authorId,
 *                                      perspective, createdAt, strength, aim?: Y.Map<part → Y.Text> }
 *     links    Y.Map  "from>to" → { from, to, strength }
 *     measures Y.Map  measureId → Y.Map { id, type, name, definition, attachedTo, createdAt }
 *     pdsa     Y.Map  pdsaId → Y.Map { id, changeIdeaId, cycle, authorId, createdAt, decision, fields: Y.Map<field → Y.Text> }
 */
export const META_KEY = 'meta';
/** Name of the root Y.Map holding every diagram on the board. */
export const DIAGRAMS_KEY = 'diagrams';

/** A Y.Map with heterogeneous values, as every record in the board doc is. */
export type YRecord = Y.Map<unknown>;

/** The board's metadata map (schema version). */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

/** The board's map of diagrams. */
export function diagramsMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap(DIAGRAMS_KEY);
}

/** The diagram record, or a NotFoundError. */
export function diagramRecord(doc: Y.Doc, diagramId: string): YRecord {
  const d = diagramsMap(doc).get(diagramId);
  if (!(d instanceof Y.Map)) throw new NotFoundError('diagram', diagramId);
  return d;
}

/** A named child map of a record (nodes, links, measures, pdsa, aim, fields); created empty if absent. */
export function childMap<T = unknown>(record: YRecord, key: string): Y.Map<T> {
  const m = record.get(key);
  if (m instanceof Y.Map) return m as Y.Map<T>;
  const created = new Y.Map<T>();
  record.set(key, created);
  return created;
}

/** Reads a child map without creating it (for read-only paths such as snapshots and migrations checks). */
export function readChildMap<T = unknown>(record: YRecord, key: string): Y.Map<T> | undefined {
  const m = record.get(key);
  return m instanceof Y.Map ? (m as Y.Map<T>) : undefined;
}

/** A Y.Text field of a record as a string ('' when absent). */
export function readText(record: YRecord | undefined, key: string): string {
  const t = record?.get(key);
  return t instanceof Y.Text ? t.toString() : typeof t === 'string' ? t : '';
}

/** Creates a Y.Map record populated with `fields` (Y types are integrated as they are set). */
export function newRecord(fields: Record<string, unknown>): YRecord {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) m.set(k, v);
  return m;
}

/** A Y.Text holding `text`, ready to be placed in a record. */
export function newText(text: string): Y.Text {
  const t = new Y.Text();
  if (text) t.insert(0, text);
  return t;
}

/** Key of a cross-link in the links map; deterministic so concurrent identical links merge into one entry. */
export function linkKey(from: string, to: string): string {
  return `${from}>${to}`;
}
