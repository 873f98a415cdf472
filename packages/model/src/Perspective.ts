import * as Y from 'yjs';
import { DIAGRAMS_KEY } from './boardSchema';
import type { DocLocation } from './facilitation/frozenDiagrams';
import { ValidationError } from './ModelError';

/**
 * Whose view a contribution comes from: a patient, a carer, or a member of staff with a role
 * (`staff:` followed by the role, e.g. `staff:ward nurse`; `staff:` alone when the role is not given).
 */
export type Perspective = 'patient' | 'carer' | `staff:${string}`;

/** Longest staff role accepted in a perspective. */
export const MAX_ROLE_LENGTH = 60;

/** Builds a staff perspective from a role name. */
export function staffPerspective(role: string): Perspective {
  return `staff:${role.trim()}`;
}

/** Checks an unknown value is a valid perspective; throws a ValidationError naming `field` otherwise. */
export function parsePerspective(value: unknown, field = 'perspective'): Perspective {
  if (value === 'patient' || value === 'carer') return value;
  if (typeof value === 'string' && value.startsWith('staff:')) {
    if (value.length - 'staff:'.length > MAX_ROLE_LENGTH) {
      throw new ValidationError(field, `staff role is longer than ${MAX_ROLE_LENGTH} characters`);
    }
    return value as Perspective;
  }
  throw new ValidationError(field, `must be 'patient', 'carer' or 'staff:<role>'`);
}

/**
 * True for the place of a diagram node's perspective, `['diagrams', d, 'nodes', n, 'perspective']`:
 * where a write guard checks that the writer speaks for the perspective given.
 */
export function isNodePerspectiveAt(location: DocLocation | undefined): boolean {
  return (
    location !== undefined &&
    location.length === 5 &&
    location[0] === DIAGRAMS_KEY &&
    location[2] === 'nodes' &&
    location[4] === 'perspective'
  );
}

/**
 * The perspective the document holds at a node-perspective place (`isNodePerspectiveAt`): the
 * node's current one, undefined while that node or its perspective is not there.
 */
export function storedNodePerspective(doc: Y.Doc, location: DocLocation): unknown {
  const diagram = doc.getMap(DIAGRAMS_KEY).get(location[1] ?? '');
  const nodes = diagram instanceof Y.Map ? diagram.get('nodes') : undefined;
  const node = nodes instanceof Y.Map ? nodes.get(location[3] ?? '') : undefined;
  return node instanceof Y.Map ? node.get('perspective') : undefined;
}

/** Root map of the canvas's tldraw records, one entry per record id (the web's `RECORDS_MAP` is it). */
export const CANVAS_RECORDS_KEY = 'tldraw';

/** What `notePerspective` answers for a value that is no sticky note. */
export const NOT_A_NOTE: unique symbol = Symbol('not a sticky note');

/** The record id when `location` is a canvas record's place, `['tldraw', id]`; else null. */
export function canvasRecordAt(location: DocLocation | undefined): string | null {
  if (location?.length !== 2 || location[0] !== CANVAS_RECORDS_KEY) return null;
  return location[1] ?? null;
}

/**
 * The perspective a canvas record gives when it is a sticky note (a tldraw `note` shape): its
 * `meta.perspective`, undefined on notes of older boards that carry none; NOT_A_NOTE otherwise.
 */
export function notePerspective(record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return NOT_A_NOTE;
  const { typeName, type, meta } = record as Record<string, unknown>;
  if (typeName !== 'shape' || type !== 'note') return NOT_A_NOTE;
  return typeof meta === 'object' && meta !== null
    ? (meta as Record<string, unknown>).perspective
    : undefined;
}

/**
 * True when the sticky note stored under `recordId` already has `perspective`: writing it again
 * (a colleague moving or rewording the note rewrites the whole record; a note of an older board
 * has none) gives no perspective anew, so write guards let it pass whoever writes it.
 */
export function isNotePerspectiveKept(doc: Y.Doc, recordId: string, perspective: unknown): boolean {
  const stored = storedNotePerspective(doc, recordId);
  return stored !== NOT_A_NOTE && stored === perspective;
}

/** The perspective of the sticky note stored under `recordId` (`notePerspective` of it). */
export function storedNotePerspective(doc: Y.Doc, recordId: string): unknown {
  return notePerspective(doc.getMap(CANVAS_RECORDS_KEY).get(recordId));
}
