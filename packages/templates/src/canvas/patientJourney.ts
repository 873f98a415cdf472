import type { CanvasArrow, CanvasFrame, CanvasNote, Emotion } from '../CanvasStarter';
import { canvasTemplate } from './canvasTemplate';

const TOUCHPOINTS = [
  'Finding out',
  'Getting there',
  'Arriving',
  'Waiting',
  'Being seen',
  'Treatment',
  'Going home',
  'Afterwards',
];
const ROWS: { emotion: Emotion; title: string; color: CanvasFrame['color'] }[] = [
  { emotion: 'positive', title: 'Felt good', color: 'green' },
  { emotion: 'mixed', title: 'Mixed', color: 'yellow' },
  { emotion: 'negative', title: 'Felt bad', color: 'red' },
];
const COL = 200;
const ROW = 180;
const TOP = 80;

const frames: CanvasFrame[] = TOUCHPOINTS.map((title, i) => ({
  id: `touchpoint-${i + 1}`,
  title,
  x: 140 + i * COL,
  y: 0,
  width: COL - 20,
  height: TOP + ROWS.length * ROW,
  color: 'grey',
  hint: 'A moment that shaped the experience.',
}));
const notes: CanvasNote[] = [
  {
    id: 'example-waiting',
    frameId: 'touchpoint-4',
    text: 'Example: nobody told us how long the wait would be',
    x: 140 + 3 * COL + 10,
    y: TOP + 2 * ROW + 20,
    color: 'red',
    emotion: 'negative',
  },
];
const arrows: CanvasArrow[] = TOUCHPOINTS.slice(1).map((_, i) => ({
  id: `journey-${i + 1}`,
  from: `touchpoint-${i + 1}`,
  to: `touchpoint-${i + 2}`,
}));

/** Experience-based co-design patient journey: touchpoints across, emotions down. */
export const patientJourney = canvasTemplate(
  {
    id: 'canvas-ebcd-journey',
    name: 'Patient journey (experience-based co-design)',
    description:
      'Patients, carers and staff map the journey through a service, step by step, and mark how each moment felt. The moments that matter most become the things to improve together. Everyone’s experience counts equally.',
  },
  {
    width: 140 + TOUCHPOINTS.length * COL,
    height: TOP + ROWS.length * ROW,
    instructions:
      'Add a note for each moment you remember, in the column for that step and the row for how it felt. Say whether you are a patient, carer or staff member.',
    frames,
    notes,
    labels: ROWS.map((r, i) => ({
      id: `emotion-${r.emotion}`,
      text: r.title,
      x: 0,
      y: TOP + i * ROW + ROW / 2,
    })),
    arrows,
  },
);

/** The emotion scale used on the journey, top to bottom. */
export const JOURNEY_EMOTIONS: readonly Emotion[] = ROWS.map((r) => r.emotion);
