import { canvasTemplate } from './canvasTemplate';

const GROUPS = 4;

/** Affinity brainstorm: write ideas silently, then cluster them into themes. */
export const affinityBrainstorm = canvasTemplate(
  {
    id: 'canvas-affinity',
    name: 'Brainstorm and group ideas',
    description:
      'Everyone writes ideas on sticky notes, one idea per note, without talking. Then the group moves notes that belong together into the same area and gives each area a name.',
  },
  {
    width: 1280,
    height: 900,
    instructions:
      'Write one idea per note in the “New ideas” area. When the facilitator says so, drag similar ideas into a theme and name it.',
    frames: [
      {
        id: 'ideas',
        title: 'New ideas',
        hint: 'One idea per note.',
        x: 0,
        y: 0,
        width: 1280,
        height: 360,
        color: 'yellow',
      },
      ...Array.from({ length: GROUPS }, (_, i) => ({
        id: `theme-${i + 1}`,
        title: `Theme ${i + 1}`,
        hint: 'Rename me when the group agrees what these ideas share.',
        x: i * 330,
        y: 420,
        width: 290,
        height: 480,
        color: 'blue' as const,
      })),
    ],
    notes: [
      {
        id: 'example',
        frameId: 'ideas',
        text: 'Example: a named nurse for each patient every shift',
        x: 24,
        y: 60,
        color: 'yellow',
      },
    ],
    labels: [],
    arrows: [],
  },
);
