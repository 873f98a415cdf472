import type { KeyValueStorage } from '$lib/identity/localUser';

/** A board this browser has opened, as listed on the home page. */
export interface RecentBoard {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  lastOpened: number;
}

const STORAGE_KEY = 'qi-board:recent';
/** How many boards the home page remembers. */
export const MAX_RECENT = 30;

/** Boards this browser has opened, most recent first. Bad saved data reads as none. */
export function listRecentBoards(storage: KeyValueStorage): RecentBoard[] {
  try {
    const saved: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(saved)) return [];
    return saved
      .filter(
        (entry): entry is RecentBoard =>
          typeof entry?.id === 'string' &&
          typeof entry.title === 'string' &&
          typeof entry.lastOpened === 'number',
      )
      .sort((a, b) => b.lastOpened - a.lastOpened);
  } catch (_error) {
    return [];
  }
}

/**
 * Records that a board was opened now (or that its title changed), keeping the list short.
 * A missing title keeps the one already remembered.
 */
export function rememberBoard(
  storage: KeyValueStorage,
  board: { id: string; title?: string },
  now = Date.now(),
): RecentBoard[] {
  const others = listRecentBoards(storage).filter((entry) => entry.id !== board.id);
  const previous = listRecentBoards(storage).find((entry) => entry.id === board.id);
  const entry: RecentBoard = {
    id: board.id,
    title: board.title ?? previous?.title ?? '',
    lastOpened: now,
  };
  const next = [entry, ...others].slice(0, MAX_RECENT);
  storage.setItem(STORAGE_KEY, JSON.stringify(next));
  return next;
}

/** Updates a remembered board's title without changing when it was last opened. */
export function renameRecentBoard(storage: KeyValueStorage, id: string, title: string): void {
  const boards = listRecentBoards(storage);
  const entry = boards.find((board) => board.id === id);
  if (!entry || entry.title === title) return;
  entry.title = title;
  storage.setItem(STORAGE_KEY, JSON.stringify(boards));
}
