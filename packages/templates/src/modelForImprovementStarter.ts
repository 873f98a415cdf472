import type { AgendaStep } from './AgendaStep';
import type { CanvasStarter } from './CanvasStarter';
import { blankDriverDiagram } from './driverTemplates';
import type { BoardStarterTemplate } from './Template';

/** The three questions of the Model for Improvement, in order. */
export const MODEL_FOR_IMPROVEMENT_QUESTIONS = [
  'What are we trying to accomplish?',
  'How will we know that a change is an improvement?',
  'What change can we make that will result in improvement?',
] as const;

/** A ready agenda for a first Model for Improvement workshop (about 90 minutes). */
export const MODEL_FOR_IMPROVEMENT_AGENDA: readonly AgendaStep[] = [
  {
    id: 'welcome',
    title: 'Welcome and introductions',
    minutes: 5,
    mode: 'present',
    description:
      'Everyone says who they are and why this matters to them. Patients and carers speak first.',
  },
  {
    id: 'problem',
    title: 'Agree the problem',
    minutes: 5,
    mode: 'discuss',
    description: 'Say in one sentence what is not working, and for whom.',
  },
  {
    id: 'aim',
    title: 'What are we trying to accomplish?',
    minutes: 10,
    mode: 'discuss',
    description: 'Agree an aim: what will improve, by how much, for whom and by when.',
  },
  {
    id: 'brainstorm',
    title: 'Silent brainstorm',
    minutes: 8,
    mode: 'silent',
    description:
      'Everyone writes ideas for changes on their own. Notes stay hidden until the facilitator reveals them.',
  },
  {
    id: 'group-vote',
    title: 'Group and vote',
    minutes: 10,
    mode: 'vote',
    description:
      'Put similar ideas together, then each person places their votes on the ideas they would test first.',
  },
  {
    id: 'measures',
    title: 'How will we know that a change is an improvement?',
    minutes: 10,
    mode: 'discuss',
    description:
      'Choose one outcome measure, one or two process measures, and a balancing measure to check nothing gets worse.',
  },
  {
    id: 'drivers',
    title: 'Build the driver diagram',
    minutes: 15,
    mode: 'discuss',
    description: 'Place the top ideas on the driver diagram under what they will change.',
  },
  {
    id: 'pdsa',
    title: 'Plan the first test',
    minutes: 15,
    mode: 'discuss',
    description:
      'Pick one change idea and fill in the plan of its first PDSA cycle: small, soon, and with a prediction.',
  },
  {
    id: 'close',
    title: 'Next steps and close',
    minutes: 5,
    mode: 'present',
    description:
      'Agree who does what before the next meeting, and how patients and carers stay involved.',
  },
];

function questionFrames(): CanvasStarter {
  const width = 420;
  const frames = MODEL_FOR_IMPROVEMENT_QUESTIONS.map((title, i) => ({
    id: `question-${i + 1}`,
    title,
    x: i * (width + 40),
    y: 0,
    width,
    height: 480,
    color: (['blue', 'green', 'yellow'] as const)[i]!,
    hint: ['Our aim', 'Our measures', 'Our change ideas'][i]!,
  }));
  return {
    width: 3 * width + 80,
    height: 480,
    instructions:
      'Answer the three questions in order. Add a sticky note to each area. The aim and change ideas can then move onto the driver diagram.',
    frames,
    notes: [],
    labels: [],
    arrows: [
      { id: 'q1-q2', from: 'question-1', to: 'question-2' },
      { id: 'q2-q3', from: 'question-2', to: 'question-3' },
    ],
  };
}

/** Model for Improvement board starter: the three questions, a driver diagram for the aim, and an agenda. */
export const modelForImprovementStarter: BoardStarterTemplate = {
  id: 'board-model-for-improvement',
  name: 'Model for Improvement workshop',
  description:
    'Everything for a first improvement workshop. It asks three questions: what are we trying to achieve, how will we know a change is an improvement, and what could we change. It comes with a timed agenda and a driver diagram to fill in together.',
  kind: 'board-starter',
  agenda: MODEL_FOR_IMPROVEMENT_AGENDA,
  build: (board, context, origin) => ({
    ...blankDriverDiagram.build(
      board,
      { ...context, headText: context.headText ?? MODEL_FOR_IMPROVEMENT_QUESTIONS[0] },
      origin,
    ),
    canvas: questionFrames(),
    agenda: MODEL_FOR_IMPROVEMENT_AGENDA.map((s) => ({ ...s })),
  }),
};
