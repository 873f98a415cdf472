import * as Y from 'yjs';
import { isNodePerspectiveAt, type DocLocation } from '@qi/model';
import { perspectiveSuitsRole, RefusalReason, type Role } from '@qi/protocol';
import type { Struct } from './UpdateLocator';

/** The values a struct writes, or null when it carries something no perspective can be. */
function writtenValues(struct: Struct): readonly unknown[] | null {
  if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) return [];
  return struct.content instanceof Y.ContentAny ? struct.content.arr : null;
}

/**
 * Refuses (`perspectiveNotYours`) an update of a connection of `role` that writes a diagram
 * node's perspective the role does not speak for (`perspectiveSuitsRole`): a new node, or a
 * changed perspective of a stored one. `fresh` are the update's new structs, `landing` where each
 * lands (`UpdateLocator`). Facilitators give any perspective.
 */
export function perspectiveRefusal(
  fresh: readonly Struct[],
  landing: readonly (DocLocation | undefined)[],
  role: Role,
): RefusalReason | null {
  if (role === 'facilitator') return null;
  for (let i = 0; i < fresh.length; i++) {
    if (!isNodePerspectiveAt(landing[i])) continue;
    const values = writtenValues(fresh[i]!);
    if (values === null || values.some((value) => !perspectiveSuitsRole(role, value))) {
      return RefusalReason.perspectiveNotYours;
    }
  }
  return null;
}
