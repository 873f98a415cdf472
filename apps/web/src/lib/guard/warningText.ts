import type { PatientDataMode, PatientIdentifierMatch } from '@qi/model';

/** The plain-language sentence of a patient-data warning (shared by the Svelte and React alerts). */
export function warningText(match: PatientIdentifierMatch, mode: PatientDataMode): string {
  return mode === 'block'
    ? `${match.reason} This board does not accept patient-identifiable data: remove it to go on.`
    : `${match.reason} Boards must not hold patient-identifiable data.`;
}
