/** A rectangle on the canvas (page coordinates). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Space kept between a placed diagram and whatever it was placed beside. */
export const DIAGRAM_GAP = 80;

/** True when two rectangles, each grown by `margin` on every side, share any area. */
export function rectsMeet(a: Rect, b: Rect, margin = 0): boolean {
  return (
    a.x - margin < b.x + b.w + margin &&
    b.x - margin < a.x + a.w + margin &&
    a.y - margin < b.y + b.h + margin &&
    b.y - margin < a.y + a.h + margin
  );
}

/**
 * The top-left corner nearest `preferred` where a `w` × `h` rectangle keeps `gap` clear of every
 * rectangle in `taken`. Candidates are `preferred` itself and the spots right of and below each
 * taken rectangle; right of everything is always free, so there is always an answer. Pure and
 * deterministic: every browser computes the same spot from the same rectangles.
 */
export function freeSpot(
  taken: readonly Rect[],
  size: { readonly w: number; readonly h: number },
  preferred: { readonly x: number; readonly y: number },
  gap = DIAGRAM_GAP,
): { x: number; y: number } {
  const candidates: { x: number; y: number }[] = [{ x: preferred.x, y: preferred.y }];
  for (const t of taken) {
    const right = t.x + t.w + gap;
    const below = t.y + t.h + gap;
    candidates.push(
      { x: right, y: preferred.y },
      { x: right, y: t.y },
      { x: preferred.x, y: below },
      { x: t.x, y: below },
    );
  }
  const farRight = Math.max(preferred.x, ...taken.map((t) => t.x + t.w + gap));
  candidates.push({ x: farRight, y: preferred.y });
  let best = candidates[candidates.length - 1]!;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const spot = { x: Math.round(c.x), y: Math.round(c.y) };
    const rect = { ...spot, w: size.w, h: size.h };
    // A gap of g on both rectangles' sides would double it; half each side keeps exactly g.
    if (taken.some((t) => rectsMeet(rect, t, gap / 2 - 0.5))) continue;
    const distance = Math.hypot(spot.x - preferred.x, spot.y - preferred.y);
    if (distance < bestDistance) [best, bestDistance] = [spot, distance];
  }
  return best;
}

/** A diagram's rectangle on the canvas, with the order the board made it in. */
export interface PlacedDiagram extends Rect {
  readonly diagramId: string;
}

/**
 * New positions that end overlaps between diagrams: in creation order, a diagram that overlaps
 * an older one (and the pair involves one in `changed`: new or resized) moves to the free spot
 * nearest where it is. Older diagrams never move, so every browser computes the same moves from
 * the same document and the result is stable. Returns the moved diagrams' new corners.
 */
export function separateDiagrams(
  diagrams: readonly PlacedDiagram[],
  changed: ReadonlySet<string>,
  margin = 16,
): Map<string, { x: number; y: number }> {
  const moves = new Map<string, { x: number; y: number }>();
  const settled: PlacedDiagram[] = [];
  // A moved diagram counts as changed: it may now meet a newer one.
  const touched = (id: string) => changed.has(id) || moves.has(id);
  for (const d of diagrams) {
    const hit = settled.some(
      (s) => (touched(d.diagramId) || touched(s.diagramId)) && rectsMeet(d, s, margin),
    );
    const at = hit ? freeSpot(settled, d, d) : d;
    if (hit) moves.set(d.diagramId, at);
    settled.push({ ...d, x: at.x, y: at.y });
  }
  return moves;
}
