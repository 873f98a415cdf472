/** @qi/model — the QI diagram model on Yjs: board, operations, snapshots, layout, export. See CONTEXT.md. */
export { Board, type BoardChange, type BoardOptions } from './Board';
export type { Placement } from './BoardContext';
export { findNode, pathTo } from './findNode';
export type { AddDiagramInput, CreatedDiagram, InsertDefaults } from './diagramOperations';
export type { AddNodeInput, MoveNodeInput, TextEdit } from './nodeOperations';
export type { LinkInput, MeasureInput } from './driverOperations';
export type { AddPdsaInput } from './pdsaOperations';
export {
  AIM_PARTS,
  PDSA_FIELDS,
  type AimParts,
  type DiagramSnapshot,
  type DiagramSummary,
  type LinkSnapshot,
  type MeasureSnapshot,
  type MeasureType,
  type NodeSnapshot,
  type PdsaDecision,
  type PdsaField,
  type PdsaSnapshot,
} from './DiagramSnapshot';
export {
  DIAGRAM_FILE_FORMAT,
  DIAGRAM_FILE_VERSION,
  type DiagramData,
  type MeasureData,
  type NodeData,
  type PdsaData,
} from './DiagramData';
export {
  allowedChildKinds,
  defaultChildKind,
  linkTargetKind,
  DIAGRAM_KINDS,
  NODE_KINDS,
  NODE_KIND_LABELS,
  ROOT_KIND,
  type DiagramKind,
  type LinkStrength,
  type NodeKind,
} from './NodeKind';
export {
  parsePerspective,
  staffPerspective,
  isNodePerspectiveAt,
  CANVAS_RECORDS_KEY,
  NOT_A_NOTE,
  canvasRecordAt,
  notePerspective,
  isNotePerspectiveKept,
  storedNodePerspective,
  storedNotePerspective,
  MAX_ROLE_LENGTH,
  type Perspective,
} from './Perspective';
export { LIMITS } from './limits';
export { ModelError, NotFoundError, UnsupportedVersionError, ValidationError } from './ModelError';
export {
  MIGRATION_ORIGIN,
  MIGRATIONS,
  SCHEMA_VERSION,
  migrateBoard,
  readSchemaVersion,
  type Migration,
} from './migrations';
export { keyBetween, keysBetween } from './fractionalIndex';
export {
  BADGE_ROOM,
  LAYOUT_PADDING,
  showsPerspectiveBadge,
  voteRoomRect,
  type BoxKind,
  type Connector,
  type DiagramLayout,
  type LayoutBox,
  type LayoutOptions,
  type MeasureText,
  type Point,
  type Size,
} from './layout/DiagramLayout';
export { estimateTextSize, type EstimateOptions } from './layout/estimateTextSize';
export { layoutDiagram } from './layout/layoutDiagram';
export { lineCharsOf, wrapLines } from './layout/wrapLines';
export { layoutFishbone, type FishboneSpacing } from './layout/layoutFishbone';
export { layoutDriverDiagram, type DriverSpacing } from './layout/layoutDriverDiagram';
export { diagramToData, diagramToJson } from './exchange/diagramToData';
export { parseDiagramJson } from './exchange/parseDiagramJson';
export { diagramToMarkdown } from './exchange/diagramToMarkdown';
export { markdownToData } from './exchange/markdownToData';
export { csvField, diagramToCsv, type CsvOptions } from './exchange/diagramToCsv';
export { fishboneToDriver } from './exchange/fishboneToDriver';
export {
  FACILITATION_ROOT,
  extendTimer,
  facilitationMap,
  goToStep,
  isBoardLocked,
  pauseTimer,
  readFacilitation,
  resumeTimer,
  setAgenda,
  setBoardLock,
  setFollow,
  startTimer,
  stopTimer,
  timerRemainingMs,
  timerRunning,
  type FacilitationSnapshot,
  type FacilitationStep,
  type FollowRequest,
  type LockState,
  type TimerState,
} from './facilitation/Facilitation';
export {
  frozenDiagramIds,
  isDiagramFrozen,
  setDiagramFrozen,
  structureChangedAt,
  structureChangedBy,
  typeLocation,
  type DocLocation,
} from './facilitation/frozenDiagrams';
export {
  DIAGRAM_BOX_TYPE,
  boxedDiagramId,
  diagramBoxId,
  frozenBoxDiagram,
} from './facilitation/diagramBoxes';
export {
  readPatientDataMode,
  setPatientDataMode,
  strictestPatientDataMode,
  type PatientDataMode,
} from './facilitation/patientDataSetting';
export {
  REDACTED_TEXT,
  findPatientIdentifiers,
  redactPatientIdentifiers,
  type PatientIdentifierKind,
  type PatientIdentifierMatch,
  type PatientIdentifierOptions,
} from './guard/findPatientIdentifiers';
export {
  ANONYMOUS_AUTHOR_ID,
  clearRound,
  clearVote,
  clearVoteResults,
  isInRoundScope,
  readRound,
  readVote,
  readVoteResults,
  setRound,
  setVote,
  setVoteResults,
  tallyBallots,
  votableNodeIds,
  voteRoomIds,
  type WorkshopBallot,
  type WorkshopRound,
  type WorkshopVote,
  type WorkshopVoteResults,
  type WorkshopVoteTally,
} from './facilitation/workshop';
