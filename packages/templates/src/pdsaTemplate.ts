import type { PdsaTemplate } from './Template';

/** The PDSA cycle record for testing one change idea: plan, do, study, act. */
export const pdsaCycleTemplate: PdsaTemplate = {
  id: 'pdsa-cycle',
  name: 'PDSA cycle',
  description:
    'A record of one small test of a change idea. Plan what you will try and what you expect to happen, do it, study what actually happened, then decide to adopt, adapt or abandon the idea — and plan the next test.',
  kind: 'pdsa',
  prompts: [
    {
      field: 'objective',
      stage: 'plan',
      label: 'Objective',
      prompt: 'What are we testing, and why?',
    },
    {
      field: 'questions',
      stage: 'plan',
      label: 'Questions',
      prompt: 'What do we want to find out from this test?',
    },
    {
      field: 'predictions',
      stage: 'plan',
      label: 'Predictions',
      prompt: 'What do we think will happen?',
    },
    {
      field: 'who',
      stage: 'plan',
      label: 'Who',
      prompt: 'Who will carry out the test, and who will it involve?',
    },
    { field: 'what', stage: 'plan', label: 'What', prompt: 'What exactly will be done?' },
    {
      field: 'when',
      stage: 'plan',
      label: 'When',
      prompt: 'When will it happen, and for how long?',
    },
    { field: 'where', stage: 'plan', label: 'Where', prompt: 'Where will it happen?' },
    {
      field: 'data',
      stage: 'plan',
      label: 'Data to collect',
      prompt: 'What will we count or ask, how, and who records it?',
    },
    {
      field: 'do',
      stage: 'do',
      label: 'What happened',
      prompt: 'Carry out the test. What happened? Any problems or surprises?',
    },
    {
      field: 'study',
      stage: 'study',
      label: 'What we learned',
      prompt: 'Look at the data. How does it compare with our predictions? What did we learn?',
    },
    { field: 'act', stage: 'act', label: 'Decision', prompt: 'Adopt, adapt or abandon? Why?' },
    { field: 'nextCycle', stage: 'act', label: 'Next cycle', prompt: 'What will we test next?' },
  ],
  build: (board, target, origin) =>
    board.addPdsaCycle(
      {
        diagramId: target.diagramId,
        changeIdeaId: target.changeIdeaId,
        authorId: target.authorId,
        ...(target.fields ? { fields: target.fields } : {}),
      },
      origin,
    ),
};
