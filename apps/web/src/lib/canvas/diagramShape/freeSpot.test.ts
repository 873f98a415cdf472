import { describe, expect, it } from 'vitest';
import { freeSpot, rectsMeet, separateDiagrams, type PlacedDiagram, type Rect } from './freeSpot';

/** A small seeded generator (mulberry32), so failures replay. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRects(seed: number, count: number): Rect[] {
  const next = random(seed);
  return Array.from({ length: count }, () => ({
    x: Math.round(next() * 2000 - 1000),
    y: Math.round(next() * 1500 - 750),
    w: Math.round(200 + next() * 1200),
    h: Math.round(150 + next() * 700),
  }));
}

describe('freeSpot', () => {
  it('keeps the preferred spot when it is free', () => {
    expect(freeSpot([{ x: 0, y: 0, w: 100, h: 100 }], { w: 50, h: 50 }, { x: 300, y: 0 })).toEqual({
      x: 300,
      y: 0,
    });
  });

  it('puts a diagram beside the one in the way, a gap apart', () => {
    const taken = [{ x: 0, y: 0, w: 400, h: 300 }];
    const at = freeSpot(taken, { w: 400, h: 300 }, { x: 0, y: 0 }, 80);
    expect([
      { x: 480, y: 0 },
      { x: 0, y: 380 },
    ]).toContainEqual(at);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'never overlaps what is there, however crowded (seed %i)',
    (seed) => {
      const taken = randomRects(seed, 3 + seed * 4);
      const next = random(seed + 100);
      for (let i = 0; i < 20; i++) {
        const size = { w: 100 + next() * 1500, h: 100 + next() * 900 };
        const at = freeSpot(taken, size, { x: next() * 1000, y: next() * 1000 });
        const placed = { ...at, ...size };
        expect(taken.filter((t) => rectsMeet(placed, t))).toEqual([]);
        taken.push(placed);
      }
    },
  );
});

describe('separateDiagrams', () => {
  const place = (rects: Rect[]): PlacedDiagram[] =>
    rects.map((r, i) => ({ ...r, diagramId: `d${i}` }));

  it.each([1, 2, 3, 4, 5])('leaves no two diagrams overlapping (seed %i)', (seed) => {
    const diagrams = place(randomRects(seed, 12));
    const moves = separateDiagrams(diagrams, new Set(diagrams.map((d) => d.diagramId)));
    const after = diagrams.map((d) => ({ ...d, ...moves.get(d.diagramId) }));
    const meeting = after.flatMap((a, i) =>
      after
        .slice(i + 1)
        .filter((b) => rectsMeet(a, b))
        .map((b) => `${a.diagramId}∩${b.diagramId}`),
    );
    expect(meeting).toEqual([]);
    // The oldest never moves, and a second pass has nothing left to do.
    expect(moves.has('d0')).toBe(false);
    expect(separateDiagrams(after, new Set(after.map((d) => d.diagramId))).size).toBe(0);
  });

  it('moves the newer of two diagrams added on the same spot, the same way in every browser', () => {
    const older = { diagramId: 'a', x: 0, y: 0, w: 500, h: 300 };
    const newer = { diagramId: 'b', x: 20, y: 10, w: 400, h: 300 };
    const here = separateDiagrams([older, newer], new Set(['a']));
    const there = separateDiagrams([older, newer], new Set(['b']));
    expect(here).toEqual(there);
    expect([...here.keys()]).toEqual(['b']);
    expect(rectsMeet({ ...newer, ...here.get('b') }, older)).toBe(false);
  });

  it('leaves diagrams alone when neither is new or resized (a person put them there)', () => {
    const diagrams = place([
      { x: 0, y: 0, w: 500, h: 300 },
      { x: 100, y: 100, w: 500, h: 300 },
    ]);
    expect(separateDiagrams(diagrams, new Set()).size).toBe(0);
  });
});
