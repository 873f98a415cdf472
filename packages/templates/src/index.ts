/** @qi/templates — QI templates as data and builders over @qi/model. See CONTEXT.md. */
export type {
  BoardStarterResult,
  BoardStarterTemplate,
  BuildContext,
  CanvasStarterTemplate,
  DiagramTemplate,
  PdsaPrompt,
  PdsaTarget,
  PdsaTemplate,
  Template,
  TemplateBase,
  TemplateKind,
} from './Template';
export type {
  CanvasArrow,
  CanvasColor,
  CanvasFrame,
  CanvasLabel,
  CanvasNote,
  CanvasStarter,
  Emotion,
} from './CanvasStarter';
export { agendaMinutes, type AgendaMode, type AgendaStep } from './AgendaStep';
export { TEMPLATES, findTemplate, templatesOfKind } from './templates';
export {
  fishboneTemplate,
  fourBoneFishbone,
  londonProtocolFishbone,
  sixMsFishbone,
  type FishboneCategory,
} from './fishboneTemplates';
export { blankDriverDiagram, fallsDriverDiagram } from './driverTemplates';
export { pdsaCycleTemplate } from './pdsaTemplate';
export {
  MODEL_FOR_IMPROVEMENT_AGENDA,
  MODEL_FOR_IMPROVEMENT_QUESTIONS,
  modelForImprovementStarter,
} from './modelForImprovementStarter';
export { impactEffortMatrix } from './canvas/impactEffortMatrix';
export { affinityBrainstorm } from './canvas/affinityBrainstorm';
export { processMapSwimlanes } from './canvas/processMap';
export { stakeholderMap } from './canvas/stakeholderMap';
export { JOURNEY_EMOTIONS, patientJourney } from './canvas/patientJourney';
