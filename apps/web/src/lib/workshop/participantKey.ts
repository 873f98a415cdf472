import { isParticipantKey } from '@qi/protocol';
import type { KeyValueStorage } from '$lib/identity/localUser';

const PREFIX = 'qi-board:participant-key:';

/** 22 base64url characters from 16 random bytes (128 bits). */
export function newParticipantKey(
  randomBytes: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = randomBytes(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * This browser's secret key for its private ideas and ballot on one board, made on first use and
 * kept on this device. It goes only to the workshop API, never into the board document.
 */
export function loadParticipantKey(
  storage: KeyValueStorage,
  boardId: string,
  make: () => string = () => newParticipantKey(),
): string {
  const saved = storage.getItem(PREFIX + boardId);
  if (isParticipantKey(saved)) return saved;
  const key = make();
  storage.setItem(PREFIX + boardId, key);
  return key;
}
