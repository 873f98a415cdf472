import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../Board';
import type { Perspective } from '../Perspective';
import { testSources } from '../testing/seededRandom';
import { BADGE_ROOM, type LayoutBox, type Point } from './DiagramLayout';
import { estimateTextSize } from './estimateTextSize';
import { layoutFishbone } from './layoutFishbone';

const TEXTS = [
  'Porters',
  'Porters not told the patient is ready to go to theatre',
  'No porter rostered before 08:00 on weekdays, so the first patient waits on the ward',
  'Anaesthetist reviewing the list in the anaesthetic room',
  'Pneumonoultramicroscopicsilicovolcanoconiosis screening questionnaire',
  'Consent',
];
const PERSPECTIVES: Perspective[] = ['patient', 'staff:porter', 'carer', 'staff:'];

/** A fishbone with `causes` causes on each of `bones` bones, long texts, some sub-causes. */
function fishbone(bones: number, causes: number) {
  const board = Board.open(new Y.Doc(), testSources('fishbone'));
  const who = { authorId: 'a', perspective: 'staff:nurse' } as const;
  const { diagramId, rootId } = board.addDiagram({
    kind: 'fishbone',
    text: 'First patient on the theatre list starts late most days',
    ...who,
  });
  for (let b = 0; b < bones; b++) {
    const bone = board.addNode({ diagramId, parentId: rootId, text: `Bone ${b} People`, ...who });
    for (let c = 0; c < causes; c++) {
      const perspective = PERSPECTIVES[(b + c) % PERSPECTIVES.length]!;
      const text = TEXTS[(b * 7 + c) % TEXTS.length]!;
      const cause = board.addNode({ diagramId, parentId: bone, text, authorId: 'a', perspective });
      if (c % 4 === 1) {
        board.addNode({
          diagramId,
          parentId: cause,
          text: TEXTS[c % 3]!,
          authorId: 'a',
          perspective,
        });
      }
    }
  }
  return board.getDiagram(diagramId)!;
}

function intersect(a: LayoutBox, b: LayoutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when the segment p→q passes through the inside of the box (Liang–Barsky clipping). */
function crosses(p: Point, q: Point, box: LayoutBox): boolean {
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

describe('fishbone layout with long causes', () => {
  const cases = [4, 6].flatMap((bones) =>
    Array.from({ length: 12 }, (_, i) => [bones, i + 1] as const),
  );

  it.each(cases)('%i bones of %i causes: no box meets another box or a line', (bones, causes) => {
    const diagram = fishbone(bones, causes);
    const layout = layoutFishbone(diagram, estimateTextSize);
    const boxes = layout.boxes;
    expect(boxes.length).toBe(diagram.nodes.length);
    const meeting: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (intersect(a, b)) meeting.push(`${a.text} ∩ ${b.text}`);
      }),
    );
    for (const c of layout.connectors) {
      for (let k = 1; k < c.points.length; k++) {
        for (const box of boxes) {
          if (box.id === c.from || box.id === c.to) continue;
          if (crosses(c.points[k - 1]!, c.points[k]!, box)) meeting.push(`${c.id} × ${box.text}`);
        }
      }
    }
    expect(meeting).toEqual([]);
  });

  it('keeps every cause box a hang clear of its leaning bone', () => {
    const diagram = fishbone(4, 8);
    const layout = layoutFishbone(diagram, estimateTextSize, { hang: 24 });
    for (const category of diagram.root.children) {
      const bone = layout.connectors.find((c) => c.id === `bone:${category.id}`)!;
      const [a, b] = bone.points as [Point, Point];
      const boneX = (y: number) => a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x);
      for (const cause of category.children) {
        const box = layout.boxes.find((x) => x.id === cause.id)!;
        const nearest = Math.min(boneX(box.y), boneX(box.y + box.height));
        expect(nearest - (box.x + box.width)).toBeGreaterThanOrEqual(24 - 0.01);
      }
    }
  });

  it('gives a patient’s or carer’s box room for its badge under the text', () => {
    const diagram = fishbone(4, 4);
    const layout = layoutFishbone(diagram, estimateTextSize);
    for (const node of diagram.nodes) {
      const box = layout.boxes.find((b) => b.id === node.id)!;
      const text = estimateTextSize(node.text, node.kind);
      const badge = node.perspective.startsWith('staff:') ? 0 : BADGE_ROOM;
      expect(box.height).toBe(text.height + badge);
    }
  });
});
