import * as Y from 'yjs';
import {
  CANVAS_RECORDS_KEY,
  FACILITATION_ROOT,
  canvasRecordAt,
  boxedDiagramId,
  frozenBoxDiagram,
  frozenDiagramIds,
  isBoardLocked,
  structureChangedAt,
  type DocLocation,
} from '@qi/model';
import { RefusalReason, type Role } from '@qi/protocol';
import { perspectiveRefusal } from './PerspectiveGuard';
import { UpdateLocator, type Struct } from './UpdateLocator';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Decides whether a decoded, valid update from a connection of `role` may be applied to `doc`.
 * Facilitators may change anything. Anyone else is refused (the reason is returned) when the
 * update touches the facilitation root map, changes anything at all while the board is locked,
 * or changes the structure of a diagram the facilitator froze (adds, deletes, moves or re-parents
 * nodes, links; wording stays editable, see `structureChangedAt`) or takes its box off the
 * canvas (`removesFrozenBox`: moving and resizing the box pass), or when it gives a diagram
 * node a perspective the role does not speak for (`perspectiveRefusal`). Content the document
 * already has (a reconnecting client's step 2) is never refused.
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
  const locator = new UpdateLocator(doc, decoded.structs);
  const landing = fresh.map((s) => locator.locate(s));
  // A struct whose parent cannot be found would only wait in the document, unapplied: refused.
  if (landing.some((at) => at === undefined || at[0] === FACILITATION_ROOT)) {
    return RefusalReason.facilitatorOnly;
  }
  const removed = deleting.map((item) => locator.storedLocation(item));
  if (removed.some((at) => at[0] === FACILITATION_ROOT)) return RefusalReason.facilitatorOnly;
  if (isBoardLocked(doc)) return RefusalReason.boardLocked;
  const frozen = frozenDiagramIds(doc);
  const touchesFrozen = (at: DocLocation | undefined) => {
    const diagramId = at && structureChangedAt(at);
    return diagramId !== null && diagramId !== undefined && frozen.has(diagramId);
  };
  if (
    frozen.size > 0 &&
    (landing.some(touchesFrozen) ||
      removed.some(touchesFrozen) ||
      removesFrozenBox(doc, decoded.ds, fresh, landing, deleting, frozen))
  ) {
    return RefusalReason.diagramFrozen;
  }
  return perspectiveRefusal(doc, fresh, landing, role);
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

/**
 * True when the update would take a frozen diagram's box (`frozenBoxDiagram`) off the canvas:
 * delete its record, or write over it anything but a box of the same diagram. The canvas
 * rewrites a whole record on every move and every layout resize, so writing the box again passes.
 * Per record id touched, with `stored` the item holding the box now: every last write of the
 * update at that id (an item no other of its items there was written after) must be a live box
 * of the diagram, so whichever write wins, a box stays; and when the update deletes `stored`,
 * one of those must follow `stored` (so it wins over it). Earlier writes of the update at that id
 * (a reconnecting client's moves made offline) are overwritten whatever they hold.
 */
function removesFrozenBox(
  doc: Y.Doc,
  ds: Decoded['ds'],
  fresh: readonly Struct[],
  landing: readonly (DocLocation | undefined)[],
  deleting: readonly Y.Item[],
  frozen: ReadonlySet<string>,
): boolean {
  const records = doc.getMap(CANVAS_RECORDS_KEY);
  const written = new Map<string, Y.Item[]>();
  fresh.forEach((struct, i) => {
    const recordId = canvasRecordAt(landing[i]);
    if (recordId === null || !(struct instanceof Y.Item)) return;
    const writes = written.get(recordId);
    if (writes) writes.push(struct);
    else written.set(recordId, [struct]);
  });
  const deleted = new Set(deleting);
  const touched = new Set(written.keys());
  for (const item of deleting) {
    if (item.parent === records && item.parentSub !== null) touched.add(item.parentSub);
  }
  for (const recordId of touched) {
    const stored = records._map.get(recordId);
    if (!stored || stored.deleted) continue;
    const diagramId = frozenBoxDiagram(doc, records.get(recordId), frozen);
    if (diagramId === null) continue;
    const writes = written.get(recordId) ?? [];
    const last = writes.filter((w) => !writes.some((later) => holds(w, later.origin)));
    if (!last.every((w) => writesBoxOf(w, diagramId, ds))) return true;
    if (deleted.has(stored) && !last.some((w) => follows(w, stored, writes))) return true;
  }
  return false;
}

/** True when `item`, not deleted by the update, writes a box of `diagramId` (its map value). */
function writesBoxOf(item: Y.Item, diagramId: string, ds: Decoded['ds']): boolean {
  if (!(item.content instanceof Y.ContentAny) || Y.isDeleted(ds, item.id)) return false;
  const value = item.content.arr.at(-1);
  return boxedDiagramId(value) === diagramId;
}

/** True when `write` was written after `stored`: its origins lead there through `writes`. */
function follows(write: Y.Item, stored: Y.Item, writes: readonly Y.Item[]): boolean {
  let current: Y.Item | undefined = write;
  for (let steps = 0; current && steps <= writes.length; steps++) {
    if (holds(stored, current.origin)) return true;
    const origin: Y.ID | null = current.origin;
    current = writes.find((w) => holds(w, origin));
  }
  return false;
}

/** True when `id` is one of `item`'s clocks. */
function holds(item: Y.Item, id: Y.ID | null): boolean {
  return (
    id !== null &&
    id.client === item.id.client &&
    id.clock >= item.id.clock &&
    id.clock < item.id.clock + item.length
  );
}
