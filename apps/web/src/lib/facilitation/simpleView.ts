import type { Role } from '@qi/protocol';

const KEY = 'qi-board:simple-view';

/**
 * Whether this device shows the simpler board (fewer tools, larger targets): the person's own
 * choice if they made one, else on for patient and carer partners.
 */
export function loadSimpleView(storage: Storage, role: Role): boolean {
  const saved = storage.getItem(KEY);
  return saved === null ? role === 'patient' : saved === 'on';
}

/** Remembers the person's choice on this device. */
export function saveSimpleView(storage: Storage, on: boolean): void {
  storage.setItem(KEY, on ? 'on' : 'off');
}
