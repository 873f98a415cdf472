import * as Y from 'yjs';
import {
  NOT_A_NOTE,
  canvasRecordAt,
  isNodePerspectiveAt,
  isNotePerspectiveKept,
  notePerspective,
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
 * Refuses (`perspectiveNotYours`) an update of a connection of `role` that writes a perspective
 * the role does not speak for (`perspectiveSuitsRole`): a diagram node's (a new node, or a
 * changed perspective of a stored one), or a sticky note's on the canvas (`noteRefused`).
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
    }
  }
  return null;
}

/**
 * True when `record`, written under `recordId`, is a sticky note whose perspective the role does
 * not speak for, unless the stored note there already has it (`isNotePerspectiveKept`). So a new
 * note, or a changed or removed perspective, must suit the role. The stored record is read only
 * for a perspective not the writer's own.
 */
function noteRefused(doc: Y.Doc, recordId: string, record: unknown, role: Role): boolean {
  const perspective = notePerspective(record);
  if (perspective === NOT_A_NOTE || perspectiveSuitsRole(role, perspective)) return false;
  return !isNotePerspectiveKept(doc, recordId, perspective);
}
