import type { Role } from '@qi/protocol';
import type { KeyValueStorage } from '$lib/identity/localUser';

/** The device's perspective key, read by `identity/perspective.ts` when diagram nodes are added. */
const PERSPECTIVE_KEY = 'qi-board:perspective';

/**
 * Sets the perspective this device's contributions carry from the link's role: a patient partner
 * speaks as `patient`, staff as `staff:<their role label>`; observers add nothing.
 */
export function rememberJoinPerspective(storage: KeyValueStorage, role: Role, label: string): void {
  if (role === 'patient') storage.setItem(PERSPECTIVE_KEY, 'patient');
  else if (role !== 'observer') storage.setItem(PERSPECTIVE_KEY, `staff:${label}`);
}
