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
