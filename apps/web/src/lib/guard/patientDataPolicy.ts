import type * as Y from 'yjs';
import type { PatientDataPolicy } from '@qi/protocol';
import { readPatientDataMode, strictestPatientDataMode, type PatientDataMode } from '@qi/model';

/** Path of the deployment's patient-data policy (PROTOCOL.md, "Patient-data policy"). */
export const PATIENT_DATA_POLICY_PATH = '/api/patient-data';

/**
 * What a board's editors follow, as the server does: the stricter of the deployment's mode and
 * the board's own (set by its facilitator), and the deployment's hospital-number patterns.
 * `deployment` is null until it was read (or when it cannot be: the server still checks).
 */
export function boardPolicy(doc: Y.Doc, deployment: PatientDataPolicy | null): PatientDataPolicy {
  return combinePolicy(deployment, readPatientDataMode(doc));
}

/** `boardPolicy` from a board mode already read (kept as rune state by its owner). */
export function combinePolicy(
  deployment: PatientDataPolicy | null,
  boardMode: PatientDataMode,
): PatientDataPolicy {
  return {
    mode: strictestPatientDataMode(deployment?.mode, boardMode),
    hospitalNumberPatterns: deployment?.hospitalNumberPatterns ?? [],
  };
}

/** Reads the deployment's policy; null when the server cannot be asked (offline, old server). */
export async function fetchPatientDataPolicy(
  fetchFn: typeof fetch = fetch,
): Promise<PatientDataPolicy | null> {
  try {
    const response = await fetchFn(PATIENT_DATA_POLICY_PATH);
    return response.ok ? parsePatientDataPolicy(await response.json()) : null;
  } catch {
    return null;
  }
}

/** The policy from an answer body; patterns that are not regular expressions are dropped. */
export function parsePatientDataPolicy(body: unknown): PatientDataPolicy {
  const { mode, hospitalNumberPatterns } = (body ?? {}) as Partial<PatientDataPolicy>;
  return {
    mode: mode === 'block' ? 'block' : 'warn',
    hospitalNumberPatterns: Array.isArray(hospitalNumberPatterns)
      ? hospitalNumberPatterns.filter((p): p is string => typeof p === 'string' && isRegex(p))
      : [],
  };
}

function isRegex(source: string): boolean {
  try {
    new RegExp(source, 'g');
    return true;
  } catch {
    return false;
  }
}
