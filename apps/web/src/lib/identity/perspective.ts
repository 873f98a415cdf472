import { parsePerspective, staffPerspective, type Perspective } from '@qi/model';
import type { Role } from '@qi/protocol';
import type { KeyValueStorage } from './localUser';

const STORAGE_KEY = 'qi-board:perspective';

/** Whose view this person brings (patient, carer or staff), as chosen on this device. */
export function loadPerspective(storage: KeyValueStorage): Perspective {
  try {
    return parsePerspective(storage.getItem(STORAGE_KEY));
  } catch (_error) {
    return 'staff:';
  }
}

/** Remembers the chosen perspective on this device. */
export function savePerspective(storage: KeyValueStorage, perspective: Perspective): void {
  storage.setItem(STORAGE_KEY, perspective);
}

/**
 * The perspectives a role's contributions may carry: a patient partner speaks as a patient or a
 * carer, staff as staff with their role label, observers add nothing.
 */
export function perspectivesFor(role: Role, staffLabel: string): Perspective[] {
  if (role === 'patient') return ['patient', 'carer'];
  if (role === 'observer') return [];
  return [staffPerspective(staffLabel)];
}

/** The perspective chosen on this device when the role allows it, else the role's first. */
export function perspectiveFor(
  storage: KeyValueStorage,
  role: Role,
  staffLabel: string,
): Perspective {
  const allowed = perspectivesFor(role, staffLabel);
  const chosen = loadPerspective(storage);
  return allowed.includes(chosen) ? chosen : (allowed[0] ?? chosen);
}
