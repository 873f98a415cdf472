import type { CanvasFrame } from '../CanvasStarter';
import { canvasTemplate } from './canvasTemplate';

const SIZE = 400;
const quadrant = (
  id: string,
  title: string,
  hint: string,
  col: number,
  row: number,
  color: CanvasFrame['color'],
): CanvasFrame => ({
  id,
  title,
  hint,
  x: 60 + col * SIZE,
  y: row * SIZE,
  width: SIZE,
  height: SIZE,
  color,
});

/** Impact/effort matrix: sort ideas by how much difference they make and how hard they are. */
export const impactEffortMatrix = canvasTemplate(
  {
    id: 'canvas-impact-effort',
    name: 'Impact and effort matrix',
    description:
      'Helps a group choose which ideas to try first. Place each idea by how much difference it would make (up is more) and how much effort it would take (right is more). Quick wins sit top left.',
  },
  {
    width: 60 + 2 * SIZE,
    height: 2 * SIZE + 60,
    instructions: 'Move each idea into the square that fits it best. Start with the quick wins.',
    frames: [
      quadrant(
        'quick-wins',
        'Quick wins',
        'High impact, low effort: try these first.',
        0,
        0,
        'green',
      ),
      quadrant(
        'major-projects',
        'Big projects',
        'High impact, high effort: plan these carefully.',
        1,
        0,
        'blue',
      ),
      quadrant(
        'fill-ins',
        'Maybe later',
        'Low impact, low effort: do if there is time.',
        0,
        1,
        'yellow',
      ),
      quadrant(
        'thankless',
        'Not worth it',
        'Low impact, high effort: probably drop these.',
        1,
        1,
        'red',
      ),
    ],
    notes: [],
    labels: [
      { id: 'impact-axis', text: 'Impact ↑', x: 0, y: SIZE - 10 },
      { id: 'effort-axis', text: 'Effort →', x: 60 + SIZE - 30, y: 2 * SIZE + 20 },
    ],
    arrows: [],
  },
);
