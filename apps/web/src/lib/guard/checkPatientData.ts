import {
  findPatientIdentifiers,
  redactPatientIdentifiers,
  type PatientDataMode,
  type PatientIdentifierMatch,
} from '@qi/model';
import type { PatientDataPolicy } from '@qi/protocol';

/** What the guard says about text a person is about to share. */
export interface PatientDataVerdict {
  /** Likely identifiers still to be dealt with (in warn mode, not those the person kept). */
  matches: PatientIdentifierMatch[];
  mode: PatientDataMode;
  /** True while the text must not be shared yet: a warning shows, or the board blocks it. */
  holds: boolean;
}

/**
 * Checks text before it is shared, under a board's policy (`boardPolicy`). In warn mode the
 * person may keep an identifier ("Keep it anyway": its exact text is in `kept`); in block mode
 * nothing is kept (the server refuses it).
 */
export function checkPatientData(
  text: string,
  policy: PatientDataPolicy,
  kept: readonly string[] = [],
): PatientDataVerdict {
  const { mode, hospitalNumberPatterns } = policy;
  const matches = findPatientIdentifiers(text, { hospitalNumberPatterns }).filter(
    (m) => mode === 'block' || !kept.includes(matchedText(text, m)),
  );
  return { matches, mode, holds: matches.length > 0 };
}

/** `text` with everything that looks like patient data replaced by "[removed]" (nothing kept). */
export function withoutPatientData(text: string, policy: PatientDataPolicy): string {
  return redactPatientIdentifiers(
    text,
    checkPatientData(text, { ...policy, mode: 'block' }).matches,
  );
}

/** The exact text of each match, to remember what the person chose to keep. */
export function matchedTexts(text: string, matches: readonly PatientIdentifierMatch[]): string[] {
  return matches.map((m) => matchedText(text, m));
}

function matchedText(text: string, match: PatientIdentifierMatch): string {
  return text.slice(match.index, match.index + match.length);
}
