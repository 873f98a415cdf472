import { redactPatientIdentifiers } from '@qi/model';
import type { PatientDataPolicy } from '@qi/protocol';
import { checkPatientData, matchedTexts, type PatientDataVerdict } from './checkPatientData';

/**
 * The patient-data check of one text field while a person types (for `PatientDataWarning`):
 * while its verdict `holds`, the field's text is not sent; "Remove it" takes the identifiers
 * out, "Keep it anyway" (warn mode only) lets this exact text through.
 */
export class FieldGuard {
  #kept = $state<string[]>([]);

  /** `text` reads the field; `policy` the board's policy now (both may be rune state). */
  constructor(
    private readonly text: () => string,
    private readonly policy: () => PatientDataPolicy,
  ) {}

  /** What the check says about the field's text now. */
  get verdict(): PatientDataVerdict {
    return checkPatientData(this.text(), this.policy(), this.#kept);
  }

  /** The field's text with what looks like patient data replaced by "[removed]". */
  removed(): string {
    return redactPatientIdentifiers(this.text(), this.verdict.matches);
  }

  /** Warn mode: the person keeps what the check found (block mode keeps nothing). */
  keep(): void {
    this.#kept = [...this.#kept, ...matchedTexts(this.text(), this.verdict.matches)];
  }

  /** Forgets what was kept (a new edit starts checking afresh). */
  forget(): void {
    this.#kept = [];
  }
}
