import { describe, expect, it } from 'vitest';
import { keyBetween, keysBetween, positionBetween } from './fractionalIndex';
import { seededRandom } from './testing/seededRandom';

describe('fractional index keys', () => {
  it('always finds a key strictly between two keys', () => {
    const rng = seededRandom(7);
    const keys: string[] = [keyBetween(null, null)];
    for (let i = 0; i < 2000; i++) {
      const sorted = [...keys].sort();
      const at = rng.int(sorted.length + 1);
      const a = sorted[at - 1] ?? null;
      const b = sorted[at] ?? null;
      const k = keyBetween(a, b);
      if (a !== null) expect(k > a).toBe(true);
      if (b !== null) expect(k < b).toBe(true);
      expect(k.endsWith('0')).toBe(false);
      keys.push(k);
    }
  });

  it('jitters concurrent inserts at the same spot apart but keeps them in range', () => {
    const p1 = positionBetween('a', 'b', 'replica-1-node');
    const p2 = positionBetween('a', 'b', 'replica-2-node');
    expect(p1).not.toBe(p2);
    for (const p of [p1, p2]) expect(p > 'a' && p < 'b').toBe(true);
  });

  it('spreads bulk keys evenly and keeps them short', () => {
    const keys = keysBetween(null, null, 1000);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(1000);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(3);
    expect(keysBetween('a', 'b', 3).every((k) => k > 'a' && k < 'b')).toBe(true);
  });

  it('refuses a reversed range', () => {
    expect(() => keyBetween('b', 'a')).toThrow(RangeError);
  });
});
