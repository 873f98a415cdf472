import { describe, expect, it } from 'vitest';
import type { CanvasStarter } from '../CanvasStarter';
import { affinityBrainstorm } from './affinityBrainstorm';
import { impactEffortMatrix } from './impactEffortMatrix';
import { JOURNEY_EMOTIONS, patientJourney } from './patientJourney';
import { processMapSwimlanes } from './processMap';
import { stakeholderMap } from './stakeholderMap';

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function problems(c: CanvasStarter): string[] {
  const out: string[] = [];
  const ids = [...c.frames, ...c.notes, ...c.labels, ...c.arrows].map((x) => x.id);
  if (new Set(ids).size !== ids.length) out.push('duplicate ids');
  for (const f of c.frames) {
    if (f.x < 0 || f.y < 0 || f.x + f.width > c.width || f.y + f.height > c.height)
      out.push(`frame ${f.id} outside`);
  }
  c.frames.forEach((a, i) =>
    c.frames.slice(i + 1).forEach((b) => overlap(a, b) && out.push(`${a.id} overlaps ${b.id}`)),
  );
  const targets = new Set([...c.frames, ...c.notes].map((x) => x.id));
  for (const a of c.arrows)
    if (!targets.has(a.from) || !targets.has(a.to)) out.push(`arrow ${a.id} dangling`);
  for (const n of c.notes) {
    const frame = c.frames.find((f) => f.id === n.frameId);
    if (
      n.frameId !== null &&
      (!frame ||
        n.x < frame.x ||
        n.y < frame.y ||
        n.x > frame.x + frame.width ||
        n.y > frame.y + frame.height)
    ) {
      out.push(`note ${n.id} not inside its frame`);
    }
  }
  if (!c.instructions) out.push('no instructions');
  return out;
}

describe.each([
  impactEffortMatrix,
  affinityBrainstorm,
  processMapSwimlanes,
  stakeholderMap,
  patientJourney,
])('$name', (template) => {
  it('describes a consistent canvas and builds a fresh copy each time', () => {
    const canvas = template.build();
    expect(problems(canvas)).toEqual([]);
    expect(canvas.frames.length).toBeGreaterThan(0);
    const again = template.build();
    expect(again).toEqual(canvas);
    expect(again.frames).not.toBe(canvas.frames);
  });
});

describe('canvas specifics', () => {
  it('impact/effort has four quadrants with quick wins first', () => {
    expect(impactEffortMatrix.build().frames.map((f) => f.id)).toEqual([
      'quick-wins',
      'major-projects',
      'fill-ins',
      'thankless',
    ]);
  });
  it('process map has swimlanes with steps linked in order', () => {
    const c = processMapSwimlanes.build();
    expect(c.frames.length).toBeGreaterThanOrEqual(3);
    expect(c.arrows.length).toBe(c.notes.length - 1);
  });
  it('patient journey has touchpoints across and emotions down', () => {
    const c = patientJourney.build();
    expect(c.frames.length).toBeGreaterThanOrEqual(6);
    expect(JOURNEY_EMOTIONS).toEqual(['positive', 'mixed', 'negative']);
    expect(c.notes.every((n) => n.emotion !== undefined)).toBe(true);
  });
});
