import * as Y from 'yjs';
import { FACILITATION_ROOT, isBoardLocked } from '@qi/model';
import { RefusalReason, type Role } from '@qi/protocol';

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Struct = Decoded['structs'][number];
/** Any shared type (a root, or one nested in an item). */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/**
 * Decides whether a decoded, valid update from a connection of `role` may be applied to `doc`.
 * Facilitators may change anything. Anyone else is refused (the reason is returned) when the
 * update touches the facilitation root map, or changes anything at all while the board is
 * locked. Content the document already has (a reconnecting client's step 2) is never refused.
 */
export function facilitationRefusal(
  doc: Y.Doc,
  decoded: Decoded,
  role: Role,
): RefusalReason | null {
  if (role === 'facilitator') return null;
  const fresh = freshStructs(doc, decoded.structs);
  const deleting = liveItemsDeleted(doc, decoded.ds);
  if (fresh.length === 0 && deleting.length === 0) return null;
  const resolver = new ParentResolver(doc, decoded.structs);
  if (fresh.some((s) => resolver.underFacilitation(s))) return RefusalReason.facilitatorOnly;
  if (deleting.some((item) => resolver.storedUnderFacilitation(item))) {
    return RefusalReason.facilitatorOnly;
  }
  return isBoardLocked(doc) ? RefusalReason.boardLocked : null;
}

/** Structs (not Skips) reaching past what the document holds for their client. */
function freshStructs(doc: Y.Doc, structs: Struct[]): Struct[] {
  return structs.filter(
    (s) => !(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(doc.store, s.id.client),
  );
}

/** Items of the document, not yet deleted, that the delete set would delete. */
function liveItemsDeleted(doc: Y.Doc, ds: Decoded['ds']): Y.Item[] {
  const live: Y.Item[] = [];
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, known);
      if (clock >= end) continue;
      let index = Y.findIndexSS(structs, clock);
      for (; index < structs.length && structs[index]!.id.clock < end; index++) {
        const struct = structs[index]!;
        if (struct instanceof Y.Item && !struct.deleted) live.push(struct);
      }
    }
  }
  return live;
}

/** Finds the root type of items, in the document or earlier in the same update. */
class ParentResolver {
  private readonly root: SharedType | undefined;
  private readonly inUpdate = new Map<number, Y.Item[]>();

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
  ) {
    this.root = doc.share.get(FACILITATION_ROOT);
    for (const s of structs) {
      if (!(s instanceof Y.Item)) continue;
      const list = this.inUpdate.get(s.id.client) ?? [];
      list.push(s);
      this.inUpdate.set(s.id.client, list);
    }
  }

  /**
   * True when a new struct would land under the facilitation root, or its parent cannot be
   * found (such an update would only wait in the document, unapplied: refused too).
   */
  underFacilitation(struct: Struct, depth = 0): boolean {
    if (!(struct instanceof Y.Item)) return false;
    if (depth > 10_000) return true;
    const { parent } = struct;
    if (typeof parent === 'string') return parent === FACILITATION_ROOT;
    // Parent info omitted on the wire: it is the parent of the origin (or right origin).
    const anchor = parent instanceof Y.ID ? parent : (struct.origin ?? struct.rightOrigin);
    if (!anchor) return true;
    const stored = this.storedStruct(anchor);
    if (stored) {
      if (!(stored instanceof Y.Item)) return false; // collected: the new item is deleted at once
      return parent instanceof Y.ID
        ? this.typeUnderFacilitation(contentType(stored))
        : this.storedUnderFacilitation(stored);
    }
    const earlier = this.updateItem(anchor);
    if (!earlier) return true;
    // A parent created in this update is under the root if it lands there; a sibling, likewise.
    return this.underFacilitation(earlier, depth + 1);
  }

  /** True when an integrated item's parent chain ends at the facilitation root. */
  storedUnderFacilitation(item: Y.Item): boolean {
    return this.typeUnderFacilitation(item.parent as SharedType | null);
  }

  private typeUnderFacilitation(type: SharedType | null): boolean {
    if (!type || !this.root) return false;
    let current = type;
    while (current._item) current = current._item.parent as SharedType;
    return current === this.root;
  }

  private storedStruct(id: Y.ID): Y.Item | Y.GC | null {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
  }

  private updateItem(id: Y.ID): Y.Item | null {
    const list = this.inUpdate.get(id.client);
    return (
      list?.find((item) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length) ??
      null
    );
  }
}

/** The type an item holds (an item that is a type's parent has ContentType content). */
function contentType(item: Y.Item): SharedType | null {
  return item.content instanceof Y.ContentType ? item.content.type : null;
}
