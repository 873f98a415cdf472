/* Geometry checks for layout tests: what meets what in a laid-out diagram. */
import { voteRoomRect, type DiagramLayout, type Point, type Size } from '../layout/DiagramLayout';

/** True when two rectangles overlap (touching edges do not count). */
export function boxesMeet(a: Point & Size, b: Point & Size): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when the segment p→q passes through the inside of the box (Liang–Barsky clipping). */
export function segmentCrossesBox(p: Point, q: Point, box: Point & Size): boolean {
  const inset = 0.5;
  const [x0, x1] = [box.x + inset, box.x + box.width - inset];
  const [y0, y1] = [box.y + inset, box.y + box.height - inset];
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [d, e] of [
    [-dx, p.x - x0],
    [dx, x1 - p.x],
    [-dy, p.y - y0],
    [dy, y1 - p.y],
  ] as const) {
    if (d === 0) {
      if (e < 0) return false;
      continue;
    }
    const t = e / d;
    if (d < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/**
 * Where a vote strip (voteRoomRect) of a box in `voteRoom` leaves its own box, meets another box
 * or is crossed by a line; [] when none does.
 */
export function voteStripClashes(layout: DiagramLayout, voteRoom: ReadonlySet<string>): string[] {
  const clashes: string[] = [];
  for (const box of layout.boxes.filter((b) => voteRoom.has(b.id))) {
    const strip = voteRoomRect(box);
    if (strip.x < box.x - 0.01 || strip.y < box.y - 0.01)
      clashes.push(`${box.text}: strip outside its box`);
    for (const other of layout.boxes) {
      if (other.id !== box.id && boxesMeet(strip, other))
        clashes.push(`${box.text} strip ∩ ${other.text}`);
    }
    for (const c of layout.connectors) {
      for (let k = 1; k < c.points.length; k++) {
        if (segmentCrossesBox(c.points[k - 1]!, c.points[k]!, strip))
          clashes.push(`${c.id} × ${box.text} strip`);
      }
    }
  }
  return clashes;
}
