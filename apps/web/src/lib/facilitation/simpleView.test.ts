import { describe, expect, it } from 'vitest';
import { loadSimpleView, saveSimpleView } from './simpleView';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: () => null,
    get length() {
      return items.size;
    },
  };
}

describe('simple view', () => {
  it('is on by default for patient partners only, then follows the choice', () => {
    const storage = memoryStorage();
    expect(loadSimpleView(storage, 'patient')).toBe(true);
    expect(loadSimpleView(storage, 'contributor')).toBe(false);
    saveSimpleView(storage, false);
    expect(loadSimpleView(storage, 'patient')).toBe(false);
    saveSimpleView(storage, true);
    expect(loadSimpleView(storage, 'facilitator')).toBe(true);
  });
});
