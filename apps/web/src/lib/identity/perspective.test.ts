import { describe, expect, it } from 'vitest';
import { loadAuthorId } from './authorId';
import { loadPerspective, savePerspective } from './perspective';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('loadPerspective', () => {
  it('defaults to staff and remembers a choice', () => {
    const storage = memory();
    expect(loadPerspective(storage)).toBe('staff:');
    savePerspective(storage, 'carer');
    expect(loadPerspective(storage)).toBe('carer');
    storage.setItem('qi-board:perspective', 'martian');
    expect(loadPerspective(storage)).toBe('staff:');
  });
});

describe('loadAuthorId', () => {
  it('makes an id once and keeps it', () => {
    const storage = memory();
    const id = loadAuthorId(storage, () => 'abcdef12-3456');
    expect(loadAuthorId(storage, () => 'other-id-0000')).toBe(id);
  });
});
