import * as Y from 'yjs';
import {
  NOT_A_NOTE,
  canvasRecordAt,
  isNodePerspectiveAt,
  isNotePerspectiveKept,
  notePerspective,
  storedNodePerspective,
  storedNotePerspective,
  type DocLocation,
} from '@qi/model';
import { perspectiveSuitsRole, RefusalReason, type Role } from '@qi/protocol';
import type { Struct } from './UpdateLocator';

/** The values a struct writes, or null when it carries something no perspective can be. */
function writtenValues(struct: Struct): readonly unknown[] | null {
  if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) return [];
  return struct.content instanceof Y.ContentAny ? struct.content.arr : null;
}

/**
 * True when writing `written` over `stored` would take a contribution away from a perspective
 * the role does not speak for: a member of staff may not relabel a patient's words as staff
 * (equal-voice counts would lose them), nor a patient partner a colleague's.
 */
function relabelsOthers(role: Role, stored: unknown, written: unknown): boolean {
  return typeof stored === 'string' && stored !== written && !perspectiveSuitsRole(role, stored);
}

/**
 * Refuses (`perspectiveNotYours`) an update of a connection of `role` that writes a perspective
 * the role does not speak for (`perspectiveSuitsRole`), or replaces one it does not speak for
 * (`relabelsOthers`): a diagram node's (a new node, or a changed perspective of a stored one),
 * or a sticky note's on the canvas (`noteRefused`).
 * `fresh` are the update's new structs, `landing` where each lands (`UpdateLocator`) in `doc`.
 * Facilitators give any perspective.
 */
export function perspectiveRefusal(
  doc: Y.Doc,
  fresh: readonly Struct[],
  landing: readonly (DocLocation | undefined)[],
  role: Role,
): RefusalReason | null {
  if (role === 'facilitator') return null;
  for (let i = 0; i < fresh.length; i++) {
    const at = landing[i];
    const recordId = canvasRecordAt(at);
    const values = writtenValues(fresh[i]!);
    if (recordId !== null) {
      if (values?.some((record) => noteRefused(doc, recordId, record, role))) {
        return RefusalReason.perspectiveNotYours;
      }
    } else if (isNodePerspectiveAt(at)) {
      if (values === null || values.some((value) => !perspectiveSuitsRole(role, value))) {
        return RefusalReason.perspectiveNotYours;
      }
      const stored = storedNodePerspective(doc, at!);
      if (values.some((value) => relabelsOthers(role, stored, value))) {
        return RefusalReason.perspectiveNotYours;
      }
    }
  }
  return null;
}

/**
 * True when `record`, written under `recordId`, is a sticky note whose perspective the role does
 * not speak for, unless the stored note there already has it (`isNotePerspectiveKept`), or one
 * that relabels a stored note of a perspective the role does not speak for (`relabelsOthers`).
 * So a new note, or a changed or removed perspective, must suit the role, and so must the one
 * it replaces; colleagues still move and reword each other's notes.
 */
function noteRefused(doc: Y.Doc, recordId: string, record: unknown, role: Role): boolean {
  const perspective = notePerspective(record);
  if (perspective === NOT_A_NOTE) return false;
  if (!perspectiveSuitsRole(role, perspective)) {
    return !isNotePerspectiveKept(doc, recordId, perspective);
  }
  return relabelsOthers(role, storedNotePerspective(doc, recordId), perspective);
}
