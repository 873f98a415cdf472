/** A small seeded PRNG (mulberry32) with helpers, so fuzz failures replay from their seed. */
export interface Random {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** Creates a deterministic random source from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p) => next() < p,
  };
}

/** Id and clock sources for a test replica: ids are `<prefix>-<n>`, time advances by 1 ms per call. */
export function testSources(
  prefix: string,
  start = 1_700_000_000_000,
): { newId: () => string; now: () => number } {
  let n = 0;
  let t = start;
  return { newId: () => `${prefix}-${(n++).toString(36).padStart(3, '0')}`, now: () => t++ };
}
