import * as Y from 'yjs';
import {
  FACILITATION_ROOT,
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
 * nodes, links; wording stays editable, see `structureChangedAt`), or when it gives a diagram
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
  if (frozen.size > 0 && (landing.some(touchesFrozen) || removed.some(touchesFrozen))) {
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
