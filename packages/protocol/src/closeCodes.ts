/**
 * WebSocket close codes the sync endpoint uses. 1000–1015 are the standard ones;
 * 4000–4999 are ours. Clients must not reconnect after a 44xx code (the reason is permanent),
 * and may reconnect after 1001/1011/1012/1013. Specified in PROTOCOL.md.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  boardNotFound: 4404,
  tooLarge: 4413,
  /** A change refused because its new text looks like a patient identifier (block mode). */
  patientIdentifier: 4422,
  /**
   * A document change refused by role rules: board locked, facilitator-only state, a frozen
   * diagram's structure, or a node perspective not the writer's.
   */
  refusedChange: 4423,
  rateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** True when a client should give up instead of reconnecting after this close code. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
