import { affinityBrainstorm } from './canvas/affinityBrainstorm';
import { impactEffortMatrix } from './canvas/impactEffortMatrix';
import { patientJourney } from './canvas/patientJourney';
import { processMapSwimlanes } from './canvas/processMap';
import { stakeholderMap } from './canvas/stakeholderMap';
import { blankDriverDiagram, fallsDriverDiagram } from './driverTemplates';
import { fourBoneFishbone, londonProtocolFishbone, sixMsFishbone } from './fishboneTemplates';
import { modelForImprovementStarter } from './modelForImprovementStarter';
import { pdsaCycleTemplate } from './pdsaTemplate';
import type { Template, TemplateKind } from './Template';

/** Every template, in the order a picker should show them. */
export const TEMPLATES: readonly Template[] = [
  modelForImprovementStarter,
  fourBoneFishbone,
  sixMsFishbone,
  londonProtocolFishbone,
  blankDriverDiagram,
  fallsDriverDiagram,
  pdsaCycleTemplate,
  impactEffortMatrix,
  affinityBrainstorm,
  processMapSwimlanes,
  stakeholderMap,
  patientJourney,
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** Templates of one kind, typed by that kind. */
export function templatesOfKind<K extends TemplateKind>(kind: K): Extract<Template, { kind: K }>[] {
  return TEMPLATES.filter((t): t is Extract<Template, { kind: K }> => t.kind === kind);
}
