/**
 * Reasons the sync endpoint gives, in the auth permission-denied message and the close frame,
 * when it refuses or closes a connection by decision. Clients may show their own words for each.
 */
export const RefusalReason = {
  /** 4401: no `token` query parameter. */
  missingToken: 'missing token',
  /** 4401: malformed, forged or tampered token, or one with another header (e.g. alg none). */
  invalidToken: 'invalid token',
  /** 4401: the token's expiry has passed (at the upgrade, or while connected). */
  expired: 'link expired',
  /** 4401: the facilitator revoked the link (at the upgrade, or while connected). */
  revoked: 'link revoked',
  /** 4403: the token is for another board. */
  wrongBoard: 'token is for another board',
  /** 4429: the board or the client's address has too many connections. */
  tooManyConnections: 'too many connections',
  /** 4429: more messages or bytes per second than allowed. */
  rateLimited: 'sending too fast',
  /** 4413: the board's document would grow past its size limit. */
  boardFull: 'board is full',
  /** 4423: a non-facilitator changed the board while the facilitator had locked it. */
  boardLocked: 'board is locked',
  /** 4423: a non-facilitator changed facilitation state (timer, agenda, lock, follow). */
  facilitatorOnly: 'only facilitators can change this',
  /**
   * 4423: a non-facilitator added, deleted, moved or re-parented nodes or links of a diagram whose
   * structure the facilitator froze (its wording stays editable).
   */
  diagramFrozen: "the facilitator has frozen this diagram's structure",
  /**
   * 4423: a non-facilitator wrote a diagram node's perspective their role does not speak for (a
   * patient partner: patient or carer; staff: `staff:<label>`), see `perspectiveSuitsRole`.
   */
  perspectiveNotYours: 'contributions carry only your own perspective',
  /** 4422: the change's new text looks like an NHS number, date of birth or hospital number. */
  patientIdentifier:
    'patient identifier refused: text looks like an NHS number, date of birth or hospital number',
} as const;
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason];
