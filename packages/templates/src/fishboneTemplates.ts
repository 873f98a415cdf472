import { DIAGRAM_FILE_FORMAT, DIAGRAM_FILE_VERSION } from '@qi/model';
import type { DiagramTemplate } from './Template';

/** A fishbone category with a hint (stored as the category's notes) of what belongs there. */
export interface FishboneCategory {
  readonly text: string;
  readonly hint: string;
}

/** Makes a fishbone template whose builder adds the effect and the given categories. */
export function fishboneTemplate(spec: {
  id: string;
  name: string;
  description: string;
  headPrompt: string;
  categories: readonly FishboneCategory[];
}): DiagramTemplate {
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    kind: 'fishbone',
    build: (board, context, origin) =>
      board.insertDiagram(
        {
          format: DIAGRAM_FILE_FORMAT,
          version: DIAGRAM_FILE_VERSION,
          kind: 'fishbone',
          root: {
            kind: 'effect',
            text: context.headText ?? spec.headPrompt,
            children: spec.categories.map((c) => ({
              kind: 'category',
              text: c.text,
              notes: c.hint,
              children: [],
            })),
          },
          links: [],
          measures: [],
          pdsaCycles: [],
        },
        context,
        origin,
      ),
  };
}

/** Classic 6Ms fishbone. */
export const sixMsFishbone = fishboneTemplate({
  id: 'fishbone-6ms',
  name: 'Fishbone: the 6 Ms',
  description:
    'A way to list all the possible causes of a problem before deciding what to change. Write the problem at the head of the fish. Then add causes under six headings: methods, machines, people, materials, measurement and environment.',
  headPrompt: 'What is the problem?',
  categories: [
    { text: 'Methods', hint: 'How the work is done: procedures, policies, steps.' },
    { text: 'Machines (equipment)', hint: 'Equipment, devices, IT systems.' },
    {
      text: 'People',
      hint: 'Everyone involved: staff, patients, carers. Skills, time, communication.',
    },
    { text: 'Materials', hint: 'Supplies, forms, medicines, information used.' },
    {
      text: 'Measurement',
      hint: 'How we check and record what happens, and how accurate that is.',
    },
    { text: 'Environment', hint: 'The place and conditions: space, noise, lighting, time of day.' },
  ],
});

/** Healthcare contributory factors, as in the London Protocol for investigating incidents. */
export const londonProtocolFishbone = fishboneTemplate({
  id: 'fishbone-london-protocol',
  name: 'Fishbone: contributory factors (London Protocol)',
  description:
    'For looking into something that went wrong in care. Write what went wrong at the head. Then list what may have contributed, from the patient’s situation through to how the organisation is run. It helps the team learn without blaming one person.',
  headPrompt: 'What went wrong in care? (the care delivery problem)',
  categories: [
    {
      text: 'Patient factors',
      hint: 'The patient’s condition, language and communication, personal and social situation.',
    },
    {
      text: 'Individual (staff) factors',
      hint: 'Knowledge, skills, experience, tiredness, health of the staff involved.',
    },
    {
      text: 'Task and technology factors',
      hint: 'Design of the task, guidelines, equipment, test results, decision aids.',
    },
    {
      text: 'Team factors',
      hint: 'Communication, supervision, asking for help, how the team works together.',
    },
    {
      text: 'Work environment factors',
      hint: 'Staffing levels, workload, skill mix, buildings, equipment availability.',
    },
    {
      text: 'Organisational and management factors',
      hint: 'Policies, priorities, safety culture, resources and how decisions are made.',
    },
  ],
});

/** The simple four-bone fishbone often used in NHS teaching. */
export const fourBoneFishbone = fishboneTemplate({
  id: 'fishbone-four-bone',
  name: 'Fishbone: four bones',
  description:
    'A simpler fishbone for a first go. Write the problem at the head, then add causes under four headings: people, methods, equipment and environment.',
  headPrompt: 'What is the problem?',
  categories: [
    { text: 'People', hint: 'Who is involved and what affects them.' },
    { text: 'Methods', hint: 'How things are done.' },
    { text: 'Equipment', hint: 'What we use.' },
    { text: 'Environment', hint: 'Where it happens.' },
  ],
});
