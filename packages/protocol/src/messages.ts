/**
 * y-websocket message types: the first varUint of every binary frame.
 * Specified in PROTOCOL.md; identical to the stock y-websocket client and server.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** y-protocols sync sub-types carried inside a `sync` message. */
export const SyncStep = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncStep = (typeof SyncStep)[keyof typeof SyncStep];

/** y-protocols auth sub-type: the only one defined is permission denied, followed by a reason string. */
export const AUTH_PERMISSION_DENIED = 0;
