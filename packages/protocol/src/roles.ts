/**
 * What a person may do on a board, carried in their link's token and enforced by the server.
 * - facilitator: everything, plus minting and revoking invite links
 * - contributor: staff; edits the board
 * - patient: a patient or carer partner; edits, and their contributions carry that perspective
 * - observer: read-only (sees everything live, may show a cursor)
 */
export const ROLES = ['facilitator', 'contributor', 'patient', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** True when `value` is one of ROLES. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles whose document changes the server applies; observers' are dropped. */
export function roleCanWrite(role: Role): boolean {
  return role !== 'observer';
}

/**
 * Whether a connection of `role` may write `perspective` (a diagram node's `perspective` field:
 * `patient`, `carer` or `staff:<label>`): patient partners speak as a patient or a carer, staff
 * (contributors) only as staff, facilitators give any (they transcribe others' words), observers
 * none. The server refuses other writes, so equal-voice shares stay honest.
 */
export function perspectiveSuitsRole(role: Role, perspective: unknown): boolean {
  if (role === 'facilitator') return true;
  if (typeof perspective !== 'string') return false;
  if (role === 'patient') return perspective === 'patient' || perspective === 'carer';
  return role === 'contributor' && perspective.startsWith('staff:');
}

/** Plain-language names of the roles, as people see them. */
export const ROLE_LABELS: Record<Role, string> = {
  facilitator: 'Facilitator',
  contributor: 'Staff member',
  patient: 'Patient or carer partner',
  observer: 'Observer',
};
