import type { DiagramKind, LinkStrength, NodeKind } from './NodeKind';
import type { Perspective } from './Perspective';

/** The four parts of a driver-diagram aim: what will improve, by how much, for whom, by when. */
export interface AimParts {
  readonly what: string;
  readonly howMuch: string;
  readonly forWhom: string;
  readonly byWhen: string;
}

/** Names of the aim parts, in reading order. */
export const AIM_PARTS: readonly (keyof AimParts)[] = ['what', 'howMuch', 'forWhom', 'byWhen'];

/** One live node of a derived diagram tree. Frozen: never mutate, call an operation instead. */
export interface NodeSnapshot {
  readonly id: string;
  readonly kind: NodeKind;
  readonly text: string;
  /** Empty string when there are no notes. */
  readonly notes: string;
  readonly authorId: string;
  readonly perspective: Perspective;
  /** Milliseconds since the epoch, from the creating replica's clock. */
  readonly createdAt: number;
  /** Fractional index among siblings; siblings are ordered by (position, id). */
  readonly position: string;
  /** Parent in the derived tree (may differ from the stored parent when a cycle was broken); null for the head. */
  readonly parentId: string | null;
  /** Strength of the tree edge to the parent (meaningful in driver diagrams). */
  readonly strength: LinkStrength;
  /** 0 for the head (effect or aim). */
  readonly depth: number;
  readonly children: readonly NodeSnapshot[];
}

/** An extra driver-diagram relationship beyond the tree edge: secondary → primary or change idea → secondary. */
export interface LinkSnapshot {
  readonly from: string;
  readonly to: string;
  readonly strength: LinkStrength;
}

/** Outcome measures attach to the aim, process measures to drivers or change ideas, balancing to the diagram. */
export type MeasureType = 'outcome' | 'process' | 'balancing';

/** A measure in the diagram's family of measures. */
export interface MeasureSnapshot {
  readonly id: string;
  readonly type: MeasureType;
  readonly name: string;
  /** Operational definition: what is counted, how, and how often. */
  readonly definition: string;
  /** Node the measure belongs to; null for diagram-level (balancing) measures. */
  readonly attachedTo: string | null;
  readonly createdAt: number;
}

/** Free-text fields of a PDSA cycle record, in the order they are filled in. */
export type PdsaField =
  | 'objective'
  | 'questions'
  | 'predictions'
  | 'who'
  | 'what'
  | 'when'
  | 'where'
  | 'data'
  | 'do'
  | 'study'
  | 'act'
  | 'nextCycle';

/** All PDSA text fields in reading order (plan, do, study, act). */
export const PDSA_FIELDS: readonly PdsaField[] = [
  'objective',
  'questions',
  'predictions',
  'who',
  'what',
  'when',
  'where',
  'data',
  'do',
  'study',
  'act',
  'nextCycle',
];

/** The decision at the end of a PDSA cycle. */
export type PdsaDecision = 'adopt' | 'adapt' | 'abandon';

/** One PDSA cycle testing a change idea. */
export interface PdsaSnapshot {
  readonly id: string;
  readonly changeIdeaId: string;
  /** 1 for the first test of a change idea, then 2, 3… */
  readonly cycle: number;
  readonly authorId: string;
  readonly createdAt: number;
  readonly decision: PdsaDecision | null;
  readonly fields: Readonly<Record<PdsaField, string>>;
}

/** A plain, immutable, deterministic view of one diagram, derived from the Y.Doc for rendering and export. */
export interface DiagramSnapshot {
  readonly id: string;
  readonly kind: DiagramKind;
  readonly createdAt: number;
  readonly root: NodeSnapshot;
  /** Every live node in outline (pre-)order, root first. */
  readonly nodes: readonly NodeSnapshot[];
  readonly links: readonly LinkSnapshot[];
  readonly measures: readonly MeasureSnapshot[];
  /** Present for driver diagrams. */
  readonly aim: AimParts | null;
  readonly pdsaCycles: readonly PdsaSnapshot[];
}

/** Listing entry for the diagrams on a board. */
export interface DiagramSummary {
  readonly id: string;
  readonly kind: DiagramKind;
  /** The head's text: the effect of a fishbone or the aim of a driver diagram. */
  readonly title: string;
  readonly createdAt: number;
}
