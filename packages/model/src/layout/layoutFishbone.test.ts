import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../Board';
import type { Perspective } from '../Perspective';
import { testSources } from '../testing/seededRandom';
import { boxesMeet, segmentCrossesBox, voteStripClashes } from '../testing/layoutClashes';
import { BADGE_ROOM, VOTE_ROOM, voteRoomRect, type Point } from './DiagramLayout';
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
        if (boxesMeet(a, b)) meeting.push(`${a.text} ∩ ${b.text}`);
      }),
    );
    for (const c of layout.connectors) {
      for (let k = 1; k < c.points.length; k++) {
        for (const box of boxes) {
          if (box.id === c.from || box.id === c.to) continue;
          if (segmentCrossesBox(c.points[k - 1]!, c.points[k]!, box))
            meeting.push(`${c.id} × ${box.text}`);
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

  it('keeps a vote strip in each votable box that meets no other box and no line', () => {
    const diagram = fishbone(6, 9);
    const causes = diagram.nodes.filter((n) => n.kind === 'cause');
    const voteRoom = new Set(causes.map((n) => n.id));
    const layout = layoutFishbone(diagram, estimateTextSize, {}, { voteRoom });
    const plain = layoutFishbone(diagram, estimateTextSize);
    expect(voteStripClashes(layout, voteRoom)).toEqual([]);
    for (const cause of causes) {
      const box = layout.boxes.find((b) => b.id === cause.id)!;
      const before = plain.boxes.find((b) => b.id === cause.id)!;
      const badge = !cause.perspective.startsWith('staff:');
      // The strip is below the text (and holds the badge too, on its left).
      expect(box.height).toBe(before.height - (badge ? BADGE_ROOM : 0) + VOTE_ROOM);
      if (badge) expect(voteRoomRect(box).x - box.x).toBeGreaterThanOrEqual(72);
    }
  });
});
