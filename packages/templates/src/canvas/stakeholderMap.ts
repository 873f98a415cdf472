import { canvasTemplate } from './canvasTemplate';

const SIZE = 380;

/** Stakeholder map: who is affected or has influence, and how to involve them. */
export const stakeholderMap = canvasTemplate(
  {
    id: 'canvas-stakeholder-map',
    name: 'Stakeholder map',
    description:
      'A map of the people and groups who are affected by the change or can help or block it, so nobody important is forgotten. Place each by how much influence they have (up) and how much it affects them (right).',
  },
  {
    width: 60 + 2 * SIZE,
    height: 2 * SIZE + 60,
    instructions:
      'Add a note for each person or group, including patients and carers. Place them, then agree how to involve each one.',
    frames: [
      {
        id: 'keep-satisfied',
        title: 'Keep satisfied',
        hint: 'High influence, less affected.',
        x: 60,
        y: 0,
        width: SIZE,
        height: SIZE,
        color: 'blue',
      },
      {
        id: 'involve-closely',
        title: 'Involve closely',
        hint: 'High influence, very affected.',
        x: 60 + SIZE,
        y: 0,
        width: SIZE,
        height: SIZE,
        color: 'green',
      },
      {
        id: 'monitor',
        title: 'Keep an eye on',
        hint: 'Less influence, less affected.',
        x: 60,
        y: SIZE,
        width: SIZE,
        height: SIZE,
        color: 'grey',
      },
      {
        id: 'keep-informed',
        title: 'Keep informed',
        hint: 'Less influence, very affected — often patients and families. Make sure their voice is heard.',
        x: 60 + SIZE,
        y: SIZE,
        width: SIZE,
        height: SIZE,
        color: 'yellow',
      },
    ],
    notes: [],
    labels: [
      { id: 'influence-axis', text: 'Influence ↑', x: 0, y: SIZE - 10 },
      {
        id: 'affected-axis',
        text: 'How much it affects them →',
        x: 60 + SIZE - 80,
        y: 2 * SIZE + 20,
      },
    ],
    arrows: [],
  },
);
