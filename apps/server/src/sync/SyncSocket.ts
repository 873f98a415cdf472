/**
 * The only thing the sync core needs from a transport: send a binary frame, close with a code.
 * `cork`/`uncork`, when present, let the core coalesce the frames one event-loop turn sends to a
 * socket into one write (see Corker).
 */
export interface SyncSocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  cork?(): void;
  uncork?(): void;
}
