/** What kind of patient identifier a match looks like. */
export type PatientIdentifierKind = 'nhs-number' | 'date-of-birth' | 'hospital-number';

/** One likely patient identifier in a text: where it is and why it was flagged, in plain language. */
export interface PatientIdentifierMatch {
  kind: PatientIdentifierKind;
  index: number;
  length: number;
  reason: string;
}

export interface PatientIdentifierOptions {
  /** Regex sources (no delimiters) for the deployment's hospital-number formats, e.g. `\\bRX[0-9]{6}\\b`. */
  hospitalNumberPatterns?: readonly string[];
}

/** Replaces each redacted identifier, so the reader still sees something was there. */
export const REDACTED_TEXT = '[removed]';

// 10 digits, plain or 3-3-4 with one kind of separator; never part of a longer digit run.
const NHS_NUMBER = /(?<![\d])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d])/g;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})` +
  `|\\d{4}-\\d{1,2}-\\d{1,2}` +
  `|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}` +
  `|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;
// A date counts as a date of birth only right after a cue, so meeting dates are left alone.
const CUE = '\\b(?:d\\.?\\s?o\\.?\\s?b\\b\\.?|date\\s+of\\s+birth|birth\\s*date|born)';
const DATE_OF_BIRTH = new RegExp(`${CUE}[\\s:,-]*(?:on\\s+)?(${DATE})(?![\\d])`, 'gi');

/** The NHS modulus-11 check: weights 10..2 on the first nine digits; 11 means 0, 10 means invalid. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/**
 * Finds likely patient identifiers (NHS numbers, cued dates of birth, configured hospital numbers),
 * so boards can warn or refuse before such text is shared. Matches are sorted and never overlap.
 */
export function findPatientIdentifiers(
  text: string,
  options: PatientIdentifierOptions = {},
): PatientIdentifierMatch[] {
  const found: PatientIdentifierMatch[] = [];
  for (const m of text.matchAll(NHS_NUMBER)) {
    const digits = m[1]! + m[3]! + m[4]!;
    if (!isValidNhsNumber(digits)) continue;
    const reason = digits.startsWith('999')
      ? 'This looks like a test-range NHS number (999 000 0000–999 999 9999); a reader cannot tell it from a real one.'
      : 'This looks like an NHS number (10 digits with a valid check digit).';
    found.push({ kind: 'nhs-number', index: m.index, length: m[0].length, reason });
  }
  for (const m of text.matchAll(DATE_OF_BIRTH)) {
    const date = m[1]!;
    found.push({
      kind: 'date-of-birth',
      index: m.index + m[0].length - date.length,
      length: date.length,
      reason: 'This looks like a date of birth.',
    });
  }
  for (const source of options.hospitalNumberPatterns ?? []) {
    for (const m of text.matchAll(new RegExp(source, 'g'))) {
      if (m[0].length === 0) continue;
      found.push({
        kind: 'hospital-number',
        index: m.index,
        length: m[0].length,
        reason: 'This looks like a hospital number.',
      });
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const result: PatientIdentifierMatch[] = [];
  let end = -1;
  for (const match of found) {
    if (match.index < end) continue;
    result.push(match);
    end = match.index + match.length;
  }
  return result;
}

/** Returns `text` with each match replaced by `[removed]`; matches must come from the same text. */
export function redactPatientIdentifiers(
  text: string,
  matches: readonly PatientIdentifierMatch[],
): string {
  let out = text;
  const byEnd = [...matches].sort((a, b) => b.index - a.index);
  for (const m of byEnd)
    out = out.slice(0, m.index) + REDACTED_TEXT + out.slice(m.index + m.length);
  return out;
}
