import { DIAGRAM_FILE_FORMAT, DIAGRAM_FILE_VERSION, type NodeData } from '@qi/model';
import type { DiagramTemplate } from './Template';

/** A blank driver diagram: just the aim, ready for drivers and change ideas. */
export const blankDriverDiagram: DiagramTemplate = {
  id: 'driver-blank',
  name: 'Driver diagram',
  description:
    'A picture of how we hope to reach our aim. The aim goes on the left. Next come the few big things that must change (primary drivers), then the smaller things under them (secondary drivers), then the ideas we could test (change ideas).',
  kind: 'driver',
  build: (board, context, origin) =>
    board.insertDiagram(
      {
        format: DIAGRAM_FILE_FORMAT,
        version: DIAGRAM_FILE_VERSION,
        kind: 'driver',
        root: {
          kind: 'aim',
          text: context.headText ?? 'What are we trying to accomplish?',
          children: [],
        },
        aim: { what: '', howMuch: '', forWhom: '', byWhen: '' },
        links: [],
        measures: [],
        pdsaCycles: [],
      },
      context,
      origin,
    ),
};

const change = (id: string, text: string): NodeData => ({ id, kind: 'change', text, children: [] });
const secondary = (id: string, text: string, ideas: NodeData[]): NodeData => ({
  id,
  kind: 'secondary',
  text,
  children: ideas,
});
const primary = (id: string, text: string, drivers: NodeData[]): NodeData => ({
  id,
  kind: 'primary',
  text,
  children: drivers,
});

/** Worked example: reducing inpatient falls, with outcome, process and balancing measures. */
export const fallsDriverDiagram: DiagramTemplate = {
  id: 'driver-falls-example',
  name: 'Driver diagram example: reducing inpatient falls',
  description:
    'A finished example to learn from or adapt. It shows how a ward team might plan to reduce falls in hospital: the aim, what affects falls, and ideas to test. It also shows how they will know it is working, including a check that patients are not kept in bed to stop them falling.',
  kind: 'driver',
  build: (board, context, origin) =>
    board.insertDiagram(
      {
        format: DIAGRAM_FILE_FORMAT,
        version: DIAGRAM_FILE_VERSION,
        kind: 'driver',
        root: {
          id: 'aim',
          kind: 'aim',
          text:
            context.headText ?? 'Reduce falls on our adult inpatient wards by 30% within 12 months',
          children: [
            primary('assess', 'Reliable falls risk assessment', [
              secondary('assess-24h', 'Every patient assessed within 24 hours of admission', [
                change('checklist', 'Falls risk checklist built into the admission paperwork'),
              ]),
              secondary('bp', 'Lying and standing blood pressure checked', [
                change(
                  'bp-prompt',
                  'Prompt for lying and standing blood pressure on the observation chart',
                ),
              ]),
              secondary('meds', 'Medicines that raise falls risk are reviewed', [
                change(
                  'pharmacist',
                  'Pharmacist reviews sedatives and blood pressure medicines within 48 hours',
                ),
              ]),
            ]),
            primary('environment', 'Safe ward environment', [
              secondary('reach', 'Call bell, drink and walking aid always within reach', [
                change('rounding', 'Hourly rounding that checks the call bell and belongings'),
              ]),
              secondary('night', 'Enough light to move safely at night', [
                change('night-lights', 'Low-level night lights in bays and toilets'),
              ]),
              secondary('footwear', 'Safe footwear', [
                change('socks', 'Non-slip socks offered to patients at risk'),
              ]),
            ]),
            primary('involve', 'Patients and families involved in safety', [
              secondary('understand', 'Patients understand their own risk and when to call', [
                change('leaflet', 'Falls conversation and leaflet on admission, in plain language'),
              ]),
              secondary('family', 'Families share what is normal for the person', [
                change('this-is-me', '“About me” sheet filled in with the family'),
              ]),
            ]),
            primary('staff', 'Staff with the time and skills to prevent falls', [
              secondary('observe', 'Patients at high risk are watched closely', [
                change(
                  'bay-nursing',
                  'Group high-risk patients in a bay with a member of staff always present',
                ),
              ]),
              secondary('learn', 'The team learns from every fall', [
                change('huddle', 'Short team huddle after every fall'),
              ]),
            ]),
          ],
        },
        aim: {
          what: 'Inpatient falls',
          howMuch: '30% fewer falls',
          forWhom: 'Adults on our inpatient wards',
          byWhen: 'Within 12 months',
        },
        links: [
          { from: 'rounding', to: 'night', strength: 'weak' },
          { from: 'rounding', to: 'observe', strength: 'strong' },
          { from: 'family', to: 'assess', strength: 'weak' },
          { from: 'leaflet', to: 'footwear', strength: 'weak' },
        ],
        measures: [
          {
            type: 'outcome',
            name: 'Falls per 1,000 occupied bed days',
            definition:
              'Inpatient falls reported on the incident system, divided by occupied bed days, times 1,000. Monthly, for each ward.',
            attachedTo: 'aim',
          },
          {
            type: 'outcome',
            name: 'Falls with moderate or severe harm per 1,000 occupied bed days',
            definition: 'As above, counting only falls graded moderate harm or worse. Monthly.',
            attachedTo: 'aim',
          },
          {
            type: 'process',
            name: 'Risk assessed within 24 hours',
            definition:
              'Percentage of 20 randomly chosen patients each week with a completed falls risk assessment within 24 hours of admission.',
            attachedTo: 'assess-24h',
          },
          {
            type: 'process',
            name: 'Lying and standing blood pressure recorded',
            definition:
              'Percentage of patients aged 65 or over with a lying and standing blood pressure recorded. Weekly audit of 20 notes.',
            attachedTo: 'bp',
          },
          {
            type: 'process',
            name: 'Call bell in reach',
            definition:
              'Percentage of patients with the call bell within reach at an unannounced spot check, twice a week.',
            attachedTo: 'reach',
          },
          {
            type: 'balancing',
            name: 'Patients walking every day',
            definition:
              'Percentage of patients who walked at least once yesterday, asked at the morning board round, weekly. Checks we are not keeping people in bed to stop falls.',
            attachedTo: null,
          },
          {
            type: 'balancing',
            name: 'Use of bedrails and other restrictions',
            definition:
              'Number of patients with bedrails or other restrictions in use, weekly spot check.',
            attachedTo: null,
          },
        ],
        pdsaCycles: [],
      },
      context,
      origin,
    ),
};
