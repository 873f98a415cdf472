import type { CanvasArrow, CanvasFrame, CanvasNote } from '../CanvasStarter';
import { canvasTemplate } from './canvasTemplate';

const LANES = ['Patient and family', 'Reception', 'Nurse', 'Doctor'];
const STEPS: { lane: number; text: string }[] = [
  { lane: 0, text: 'Arrives' },
  { lane: 1, text: 'Checks in' },
  { lane: 2, text: 'Initial assessment' },
  { lane: 3, text: 'Review and plan' },
  { lane: 0, text: 'Leaves with plan' },
];
const LANE_HEIGHT = 200;
const STEP_WIDTH = 220;

const frames: CanvasFrame[] = LANES.map((title, i) => ({
  id: `lane-${i + 1}`,
  title,
  x: 0,
  y: i * LANE_HEIGHT,
  width: 160 + STEPS.length * STEP_WIDTH,
  height: LANE_HEIGHT,
  color: i === 0 ? 'violet' : 'grey',
}));
const notes: CanvasNote[] = STEPS.map((s, i) => ({
  id: `step-${i + 1}`,
  frameId: `lane-${s.lane + 1}`,
  text: s.text,
  x: 160 + i * STEP_WIDTH,
  y: s.lane * LANE_HEIGHT + 60,
  color: 'yellow',
}));
const arrows: CanvasArrow[] = STEPS.slice(1).map((_, i) => ({
  id: `flow-${i + 1}`,
  from: `step-${i + 1}`,
  to: `step-${i + 2}`,
}));

/** Process map with swimlanes: who does each step, in order, with hand-offs between lanes. */
export const processMapSwimlanes = canvasTemplate(
  {
    id: 'canvas-process-map',
    name: 'Process map with swimlanes',
    description:
      'Draws each step of a process in order, with one row (lane) for each person or team. It shows where people wait and where things are handed over — often where problems happen. The example steps are there to be changed.',
  },
  {
    width: 160 + STEPS.length * STEP_WIDTH,
    height: LANES.length * LANE_HEIGHT,
    instructions:
      'Rename the lanes for the people involved. Replace the example steps with what really happens, in order, and mark delays or hand-offs.',
    frames,
    notes,
    labels: [],
    arrows,
  },
);
