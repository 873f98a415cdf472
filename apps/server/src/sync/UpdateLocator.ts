import * as Y from 'yjs';
import type { DocLocation } from '@qi/model';

type Decoded = ReturnType<typeof Y.decodeUpdate>;
/** One struct of a decoded update (an Item, a GC or a Skip). */
export type Struct = Decoded['structs'][number];
/** Any shared type (a root, or one nested in an item). */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** Where a struct of an update lands that cannot land anywhere (collected anchor): no location. */
const NOWHERE: DocLocation = [];

/**
 * Finds where the structs of a decoded update would land in a document, as a `DocLocation`
 * (root name, then each map key or null down to the entry), through the document or earlier
 * structs of the same update. Used by write guards that refuse updates by place.
 */
export class UpdateLocator {
  private readonly inUpdate = new Map<number, Y.Item[]>();
  private readonly located = new Map<Struct, DocLocation | undefined>();
  private readonly rootNames = new Map<SharedType, string>();

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
    for (const s of structs) {
      if (!(s instanceof Y.Item)) continue;
      const list = this.inUpdate.get(s.id.client) ?? [];
      list.push(s);
      this.inUpdate.set(s.id.client, list);
    }
  }

  /**
   * Where a new struct would land; undefined when its parent cannot be found (such an update
   * would only wait in the document, unapplied). Skips, GCs and items anchored on collected
   * structs (deleted at once) land nowhere: an empty location.
   */
  locate(struct: Struct, depth = 0): DocLocation | undefined {
    if (!(struct instanceof Y.Item)) return NOWHERE;
    if (this.located.has(struct)) return this.located.get(struct);
    const location = depth > 10_000 ? undefined : this.find(struct, depth);
    this.located.set(struct, location);
    return location;
  }

  /** Where an item integrated in the document sits. */
  storedLocation(item: Y.Item): DocLocation {
    return [...this.typeLocation(item.parent as SharedType | null), item.parentSub];
  }

  private find(struct: Y.Item, depth: number): DocLocation | undefined {
    const { parent } = struct;
    if (typeof parent === 'string') return [parent, struct.parentSub];
    if (parent instanceof Y.ID) {
      // The parent is the type held by the item `parent`: it sits where that item sits.
      const stored = this.storedStruct(parent);
      if (stored) {
        return stored instanceof Y.Item
          ? [...this.storedLocation(stored), struct.parentSub]
          : NOWHERE;
      }
      const holder = this.updateItem(parent);
      const typeAt = holder ? this.locate(holder, depth + 1) : undefined;
      return typeAt && [...typeAt, struct.parentSub];
    }
    // Parent info omitted on the wire: same parent and key as the origin (or right origin).
    const anchor = struct.origin ?? struct.rightOrigin;
    if (!anchor) return undefined;
    const stored = this.storedStruct(anchor);
    if (stored) return stored instanceof Y.Item ? this.storedLocation(stored) : NOWHERE;
    const earlier = this.updateItem(anchor);
    return earlier ? this.locate(earlier, depth + 1) : undefined;
  }

  private typeLocation(type: SharedType | null): DocLocation {
    if (!type) return NOWHERE;
    if (type._item) return this.storedLocation(type._item);
    const name = this.rootNames.get(type);
    return name === undefined ? NOWHERE : [name];
  }

  /** The struct of the document holding `id`, or null when the document does not have it yet. */
  storedStruct(id: Y.ID): Y.Item | Y.GC | null {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
  }

  /** The item of this update holding `id` (a client's structs come in clock order). */
  updateItem(id: Y.ID): Y.Item | null {
    const list = this.inUpdate.get(id.client);
    if (!list) return null;
    let [low, high] = [0, list.length - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const item = list[middle]!;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return null;
  }
}
