import type * as Y from 'yjs';
import { facilitationMap } from './Facilitation';

/** What a board does with text that looks like a patient identifier: warn the writer, or refuse it. */
export type PatientDataMode = 'warn' | 'block';

/** Key of the board's patient-data mode in the facilitation map (facilitators only may set it). */
const PATIENT_DATA_MODE_KEY = 'patientDataMode';

/** The board's own mode chosen by its facilitator; `warn` when unset or malformed. */
export function readPatientDataMode(doc: Y.Doc): PatientDataMode {
  return facilitationMap(doc).get(PATIENT_DATA_MODE_KEY) === 'block' ? 'block' : 'warn';
}

/** Sets the board's patient-data mode (a facilitator's choice; others are refused by the server). */
export function setPatientDataMode(doc: Y.Doc, mode: PatientDataMode): void {
  facilitationMap(doc).set(PATIENT_DATA_MODE_KEY, mode);
}

/** The mode in force: `block` when either the deployment or the board says block. */
export function strictestPatientDataMode(
  ...modes: readonly (PatientDataMode | undefined)[]
): PatientDataMode {
  return modes.includes('block') ? 'block' : 'warn';
}
