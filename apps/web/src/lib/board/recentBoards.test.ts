import { describe, expect, it } from 'vitest';
import { listRecentBoards, MAX_RECENT, rememberBoard, renameRecentBoard } from './recentBoards';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('recent boards', () => {
  it('lists boards most recently opened first, keeping a known title when none is given', () => {
    const storage = memoryStorage();
    rememberBoard(storage, { id: 'a', title: 'Falls' }, 1);
    rememberBoard(storage, { id: 'b', title: 'Sepsis' }, 2);
    rememberBoard(storage, { id: 'a' }, 3);
    expect(listRecentBoards(storage)).toEqual([
      { id: 'a', title: 'Falls', lastOpened: 3 },
      { id: 'b', title: 'Sepsis', lastOpened: 2 },
    ]);
  });

  it('renames without changing when a board was opened', () => {
    const storage = memoryStorage();
    rememberBoard(storage, { id: 'a', title: 'Old' }, 5);
    renameRecentBoard(storage, 'a', 'New');
    expect(listRecentBoards(storage)).toEqual([{ id: 'a', title: 'New', lastOpened: 5 }]);
  });

  it('keeps only the most recent boards', () => {
    const storage = memoryStorage();
    for (let i = 0; i < MAX_RECENT + 5; i++) rememberBoard(storage, { id: `b${i}` }, i);
    const boards = listRecentBoards(storage);
    expect(boards).toHaveLength(MAX_RECENT);
    expect(boards[0]!.id).toBe(`b${MAX_RECENT + 4}`);
  });

  it('reads broken saved data as no boards', () => {
    const storage = memoryStorage();
    storage.setItem('qi-board:recent', '{not json');
    expect(listRecentBoards(storage)).toEqual([]);
    storage.setItem(
      'qi-board:recent',
      JSON.stringify([{ id: 1 }, { id: 'ok', title: 't', lastOpened: 1 }]),
    );
    expect(listRecentBoards(storage)).toEqual([{ id: 'ok', title: 't', lastOpened: 1 }]);
  });
});
