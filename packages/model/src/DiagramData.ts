import type { AimParts, MeasureType, PdsaDecision, PdsaField } from './DiagramSnapshot';
import type { DiagramKind, LinkStrength, NodeKind } from './NodeKind';
import type { Perspective } from './Perspective';

/** The `format` tag of an exported diagram file. */
export const DIAGRAM_FILE_FORMAT = 'qi-board.diagram';
/** Version of the diagram file format this code writes (and the newest it reads). */
export const DIAGRAM_FILE_VERSION = 1;

/** A node in portable form. Ids are only used to resolve references inside the file; imports assign fresh ones. */
export interface NodeData {
  readonly id?: string;
  readonly kind: NodeKind;
  readonly text: string;
  readonly notes?: string;
  readonly authorId?: string;
  readonly perspective?: Perspective;
  readonly createdAt?: number;
  readonly strength?: LinkStrength;
  readonly children: readonly NodeData[];
}

/** A measure in portable form; `attachedTo` refers to a NodeData id. */
export interface MeasureData {
  readonly type: MeasureType;
  readonly name: string;
  readonly definition: string;
  readonly attachedTo: string | null;
}

/** A PDSA cycle in portable form; `changeIdeaId` refers to a NodeData id. */
export interface PdsaData {
  readonly changeIdeaId: string;
  readonly cycle: number;
  readonly decision: PdsaDecision | null;
  readonly fields: Partial<Record<PdsaField, string>>;
  readonly authorId?: string;
}

/**
 * A whole diagram as plain data: the versioned JSON export format, the result of parsing Markdown,
 * and what templates and conversions produce before insertDiagram writes it into a board.
 */
export interface DiagramData {
  readonly format: typeof DIAGRAM_FILE_FORMAT;
  readonly version: number;
  readonly kind: DiagramKind;
  readonly root: NodeData;
  readonly aim?: Partial<AimParts> | null;
  readonly links: readonly {
    readonly from: string;
    readonly to: string;
    readonly strength: LinkStrength;
  }[];
  readonly measures: readonly MeasureData[];
  readonly pdsaCycles: readonly PdsaData[];
}
