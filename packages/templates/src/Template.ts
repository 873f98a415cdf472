import type { Board, CreatedDiagram, PdsaField, Perspective } from '@qi/model';
import type { AgendaStep } from './AgendaStep';
import type { CanvasStarter } from './CanvasStarter';

/** The kinds of template, by what they create. */
export type TemplateKind = 'fishbone' | 'driver' | 'pdsa' | 'board-starter' | 'canvas-starter';

/** Who is creating from a template; their id and perspective are recorded on what is created. */
export interface BuildContext {
  readonly authorId: string;
  readonly perspective: Perspective;
  /** The problem (fishbone) or aim (driver diagram) to start with, instead of the template's prompt. */
  readonly headText?: string;
}

/** What every template has: a stable id, a name and a plain-language description for anyone in the room. */
export interface TemplateBase {
  readonly id: string;
  readonly name: string;
  /** What it is for and when to use it, readable by a patient partner. */
  readonly description: string;
  readonly kind: TemplateKind;
}

/** A fishbone or driver diagram template; `build` adds a new diagram to the board in one transaction. */
export interface DiagramTemplate extends TemplateBase {
  readonly kind: 'fishbone' | 'driver';
  build(board: Board, context: BuildContext, origin?: unknown): CreatedDiagram;
}

/** Guidance for one PDSA field: its label and a question that helps people fill it in. */
export interface PdsaPrompt {
  readonly field: PdsaField;
  readonly stage: 'plan' | 'do' | 'study' | 'act';
  readonly label: string;
  readonly prompt: string;
}

/** Where a PDSA cycle goes: the change idea it tests. */
export interface PdsaTarget {
  readonly diagramId: string;
  readonly changeIdeaId: string;
  readonly authorId: string;
  readonly fields?: Partial<Record<PdsaField, string>>;
}

/** The PDSA cycle record; `build` adds the next cycle for a change idea and returns its id. */
export interface PdsaTemplate extends TemplateBase {
  readonly kind: 'pdsa';
  readonly prompts: readonly PdsaPrompt[];
  build(board: Board, target: PdsaTarget, origin?: unknown): string;
}

/** What a board starter creates: diagrams on the board plus canvas content and an agenda to run. */
export interface BoardStarterResult extends CreatedDiagram {
  readonly canvas: CanvasStarter;
  readonly agenda: readonly AgendaStep[];
}

/** A whole-workshop starter: diagrams, canvas frames and a ready agenda. */
export interface BoardStarterTemplate extends TemplateBase {
  readonly kind: 'board-starter';
  readonly agenda: readonly AgendaStep[];
  build(board: Board, context: BuildContext, origin?: unknown): BoardStarterResult;
}

/** A canvas layout described as data; `build` returns a fresh copy for the canvas to create. */
export interface CanvasStarterTemplate extends TemplateBase {
  readonly kind: 'canvas-starter';
  build(): CanvasStarter;
}

/** Any template. */
export type Template =
  DiagramTemplate | PdsaTemplate | BoardStarterTemplate | CanvasStarterTemplate;
