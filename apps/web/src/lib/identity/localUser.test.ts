import { describe, expect, it } from 'vitest';
import {
  cleanName,
  generateUser,
  loadUser,
  MAX_NAME_LENGTH,
  saveUser,
  USER_COLOURS,
} from './localUser';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('local user', () => {
  it('generates a friendly two-word name and one of our colours', () => {
    const user = generateUser(() => 0.99);
    expect(user.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(USER_COLOURS).toContain(user.color);
  });

  it('creates a user once and then keeps it', () => {
    const storage = memoryStorage();
    const first = loadUser(storage);
    expect(loadUser(storage)).toEqual(first);
    saveUser(storage, { name: 'Asha', color: USER_COLOURS[1] });
    expect(loadUser(storage)).toEqual({ name: 'Asha', color: USER_COLOURS[1] });
  });

  it('replaces saved data it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem('qi-board:user', JSON.stringify({ name: 'X', color: 'red;background:url(x)' }));
    expect(USER_COLOURS).toContain(loadUser(storage).color);
  });

  it('tidies typed names', () => {
    expect(cleanName('  Asha   Patel ')).toBe('Asha Patel');
    expect(cleanName('   ')).toBeUndefined();
    expect(cleanName('x'.repeat(100))).toHaveLength(MAX_NAME_LENGTH);
  });
});
