import { parsePerspective, type Perspective } from '@qi/model';
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
