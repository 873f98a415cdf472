/**
 * The only thing the sync core needs from a transport: send a binary frame, close with a code.
 * Frames sent to one socket during one event-loop turn may be written together by the
 * transport, in order, and before a close that follows them.
 */
export interface SyncSocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}
