import type { KeyValueStorage } from './localUser';

const STORAGE_KEY = 'qi-board:author';

/** This browser's author id, recorded on the diagram nodes it creates; made on first use. */
export function loadAuthorId(
  storage: KeyValueStorage,
  newId: () => string = () => crypto.randomUUID(),
): string {
  const saved = storage.getItem(STORAGE_KEY);
  if (saved && /^[\w-]{8,64}$/.test(saved)) return saved;
  const id = newId();
  storage.setItem(STORAGE_KEY, id);
  return id;
}
