import * as Y from 'yjs';
import { findPatientIdentifiers, type PatientIdentifierMatch } from '@qi/model';
import { UpdateLocator } from './UpdateLocator';

type Decoded = ReturnType<typeof Y.decodeUpdate>;
/** Any shared type (a root, or one nested in an item). */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** Stops walking nested values past this depth (a hostile ContentAny cannot make it recurse forever). */
const MAX_DEPTH = 32;
/** Stands for a character that is not text (an embed) in a resulting text: breaks any match. */
const NOT_TEXT = '\uFFFC';

/**
 * The first patient identifier an update would add to the document, or null, checked without
 * applying it. Looks at the strings of its fresh structs (new map values, JSON, inserted text),
 * and at the resulting text of each text type it inserts into, so a number typed one key per
 * update is caught at the completing key. Only identifiers the update brings in count: text the
 * document already holds (a reconnecting client's step 2, an identifier already in a note being
 * moved) and deletions are never refused.
 */
export function patientIdentifierIn(
  doc: Y.Doc,
  decoded: Decoded,
  hospitalNumberPatterns: readonly string[],
): PatientIdentifierMatch | null {
  const find = (text: string) => findPatientIdentifiers(text, { hospitalNumberPatterns });
  const fresh: Y.Item[] = [];
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    fresh.push(struct);
  }
  const resolver = new ParentResolver(doc, new UpdateLocator(doc, decoded.structs));
  const textEdits = new Map<SharedType | Y.Item, Y.Item[]>();
  for (const item of fresh) {
    if (item.content instanceof Y.ContentString && item.parentSub === null) {
      const parent = resolver.parentOf(item);
      if (parent) textEdits.set(parent, [...(textEdits.get(parent) ?? []), item]);
      else {
        const [match] = find(item.content.str);
        if (match) return match;
      }
      continue;
    }
    const strings = stringsOf(item.content);
    if (strings.length === 0) continue;
    const previous = resolver.replacedValueStrings(item);
    const known = new Set(previous.flatMap((s) => find(s).map((m) => slice(s, m))));
    for (const text of strings) {
      const match = find(text).find((m) => !known.has(slice(text, m)));
      if (match) return match;
    }
  }
  for (const [parent, items] of textEdits) {
    const { text, inserted, unplaced } = resultingText(parent, items, decoded.ds);
    const match = find(text).find((m) =>
      inserted.some(([start, end]) => m.index < end && m.index + m.length > start),
    );
    if (match) return match;
    for (const item of unplaced) {
      const [alone] = find((item.content as Y.ContentString).str);
      if (alone) return alone;
    }
  }
  return null;
}

function slice(text: string, match: PatientIdentifierMatch): string {
  return text.slice(match.index, match.index + match.length);
}

/**
 * The text of `parent` once `items` (fresh ContentString items) are inserted after their left
 * origins and the update's deletions are applied, with the ranges the fresh items occupy, and
 * the items that found no place (their origin is not in this text). Items inserted after the
 * same origin keep update order, moved before a sibling they name as right origin (what one
 * client's own typing produces); Yjs orders concurrent inserts by client id, so text typed at
 * the same spot by two people at once may be read in another order than it ends up in.
 */
function resultingText(
  parent: SharedType | Y.Item,
  items: Y.Item[],
  ds: Decoded['ds'],
): { text: string; inserted: [number, number][]; unplaced: Y.Item[] } {
  const after = new Map<string, Y.Item[]>();
  const atStart: Y.Item[] = [];
  for (const item of items) {
    if (!item.origin) atStart.push(item);
    else {
      const key = idKey(item.origin);
      after.set(key, [...(after.get(key) ?? []), item]);
    }
  }
  const anchors = items.flatMap((item) => (item.origin ? [item.origin] : []));
  const placed = new Set<Y.Item>();
  const out: string[] = [];
  let length = 0;
  const inserted: [number, number][] = [];
  const push = (piece: string, fresh: boolean) => {
    if (piece.length === 0) return;
    if (fresh) inserted.push([length, length + piece.length]);
    out.push(piece);
    length += piece.length;
  };
  const stored: Y.Item[] = [];
  if (!(parent instanceof Y.Item)) {
    for (let item = parent._start; item; item = item.right) stored.push(item);
  }
  // An explicit stack, not recursion: a hostile update may chain thousands of items.
  const stack = [
    { list: stored, index: 0, offset: 0, fresh: false },
    { list: ordered(atStart), index: 0, offset: 0, fresh: true },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const item = frame.list[frame.index];
    if (!item) {
      stack.pop();
      continue;
    }
    if (frame.fresh) placed.add(item);
    const visible = item.countable && !item.deleted;
    const str = item.content instanceof Y.ContentString ? item.content.str : null;
    if (frame.offset === 0 && !frame.fresh && !touched(item, anchors, ds)) {
      if (visible) push(str ?? NOT_TEXT.repeat(item.length), false);
      frame.index++;
      continue;
    }
    if (frame.offset >= item.length) {
      frame.index++;
      frame.offset = 0;
      continue;
    }
    const offset = frame.offset++;
    const id = Y.createID(item.id.client, item.id.clock + offset);
    if (visible && !Y.isDeleted(ds, id)) push(str === null ? NOT_TEXT : str[offset]!, frame.fresh);
    const key = idKey(id);
    const children = after.get(key);
    if (children) {
      after.delete(key);
      stack.push({ list: ordered(children), index: 0, offset: 0, fresh: true });
    }
  }
  return { text: out.join(''), inserted, unplaced: items.filter((item) => !placed.has(item)) };
}

/** True when a fresh item is anchored inside a stored item, or the update deletes part of it. */
function touched(item: Y.Item, anchors: Y.ID[], ds: Decoded['ds']): boolean {
  const { client, clock } = item.id;
  if (ds.clients.has(client)) return true;
  return anchors.some(
    (a) => a.client === client && a.clock >= clock && a.clock < clock + item.length,
  );
}

/** Siblings after one origin: an item naming another as its right origin goes before it. */
function ordered(siblings: Y.Item[]): Y.Item[] {
  if (siblings.length < 2) return siblings;
  const result = [...siblings];
  for (const item of siblings) {
    const right = item.rightOrigin;
    if (!right) continue;
    const target = result.findIndex((s) => s !== item && Y.compareIDs(s.id, right));
    const from = result.indexOf(item);
    if (target >= 0 && target < from) {
      result.splice(from, 1);
      result.splice(target, 0, item);
    }
  }
  return result;
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

/** Finds the type a fresh item lands in: a type of the document, or a type created in the update. */
class ParentResolver {
  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: UpdateLocator,
  ) {}

  /** The stored type, or the fresh item whose ContentType it is; null when it cannot be found. */
  parentOf(item: Y.Item, depth = 0): SharedType | Y.Item | null {
    if (depth > MAX_DEPTH) return null;
    const { parent } = item;
    if (typeof parent === 'string') return this.doc.share.get(parent) ?? null;
    if (parent instanceof Y.ID) {
      const stored = this.storedItem(parent);
      if (stored) return stored.content instanceof Y.ContentType ? stored.content.type : null;
      return this.structs.updateItem(parent);
    }
    // Parent info omitted on the wire: it is the parent of the origin (or right origin).
    const anchor = item.origin ?? item.rightOrigin;
    if (!anchor) return null;
    const stored = this.storedItem(anchor);
    if (stored) return stored.parent as SharedType | null;
    const earlier = this.structs.updateItem(anchor);
    return earlier ? this.parentOf(earlier, depth + 1) : null;
  }

  /** The strings of the map value a fresh map entry replaces (none for a new key or map). */
  replacedValueStrings(item: Y.Item): string[] {
    // On the wire an overwrite names the value it replaces as its origin, and omits its key.
    const key = item.parentSub ?? (item.origin && this.storedItem(item.origin)?.parentSub);
    if (!key) return [];
    const parent = this.parentOf(item);
    if (!parent || parent instanceof Y.Item) return [];
    const current = parent._map.get(key);
    return current && !current.deleted ? stringsOf(current.content) : [];
  }

  private storedItem(id: Y.ID): Y.Item | null {
    const struct = this.structs.storedStruct(id);
    return struct instanceof Y.Item ? struct : null;
  }
}

function stringsOf(content: Y.Item['content']): string[] {
  if (content instanceof Y.ContentString) return [content.str];
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const out: string[] = [];
    for (const value of content.arr as unknown[]) collect(value, out, 0);
    return out;
  }
  return [];
}

function collect(value: unknown, out: string[], depth: number): void {
  if (typeof value === 'string') out.push(value);
  else if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  else for (const inner of Object.values(value)) collect(inner, out, depth + 1);
}
