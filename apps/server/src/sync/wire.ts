import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AUTH_PERMISSION_DENIED, MessageType, SyncStep } from '@qi/protocol';

/** A decoded client frame. Payloads are views into the frame, not copies. */
export type ClientMessage =
  | { type: typeof MessageType.sync; step: SyncStep; payload: Uint8Array }
  | { type: typeof MessageType.awareness; payload: Uint8Array }
  | { type: typeof MessageType.queryAwareness };

/** A frame that does not follow PROTOCOL.md; the connection that sent it is closed with 4400. */
export class BadMessageError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'BadMessageError';
  }
}

/**
 * Decodes one client frame. Strict: unknown types, truncation and trailing bytes all throw
 * BadMessageError (lib0 bounds-checks every read, so nothing past the frame is ever read).
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  let message: ClientMessage;
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        if (step !== SyncStep.step1 && step !== SyncStep.step2 && step !== SyncStep.update) {
          throw new BadMessageError(`unknown sync step ${step}`);
        }
        message = { type, step, payload: decoding.readVarUint8Array(decoder) };
        break;
      }
      case MessageType.awareness:
        message = { type, payload: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { type };
        break;
      default:
        throw new BadMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof BadMessageError) throw error;
    throw new BadMessageError('truncated frame', { cause: error });
  }
  if (decoding.hasContent(decoder)) throw new BadMessageError('trailing bytes after message');
  return message;
}

function frame(type: number, sub: number | null, payload: Uint8Array | null): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (sub !== null) encoding.writeVarUint(encoder, sub);
  if (payload !== null) encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** sync step 1: the server's state vector, so the client sends what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame(MessageType.sync, SyncStep.step1, stateVector);
}

/** sync step 2: the update a client lacks, in answer to its step 1. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, SyncStep.step2, update);
}

/** sync update: a document change, broadcast to every other connection of the board. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, SyncStep.update, update);
}

/** awareness: a y-protocols awareness update (already encoded). */
export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame(MessageType.awareness, null, awarenessUpdate);
}

/** auth permission-denied with a human-readable reason; sent just before a 44xx close. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness update with no entries: changes nothing on the client, but counts as a received
 * message for the stock provider's 30 s silence watchdog (the server never echoes a client's
 * own awareness back, so a client alone on a board would otherwise hear nothing).
 */
export const KEEPALIVE_FRAME: Uint8Array = encodeAwareness(new Uint8Array([0]));

/** True when a state vector has no entries: the client has nothing, so the cached full state fits. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}
