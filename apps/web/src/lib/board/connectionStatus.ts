/**
 * What the connection indicator shows.
 * - connecting: first attempt since the page opened
 * - connected: live with the server
 * - reconnecting: a connection closed or failed; trying again
 * - offline: the browser reports no network; edits are kept on this device
 * - unavailable: the server refused the board for good (e.g. it does not exist)
 */
export type ConnectionStatus =
  'connecting' | 'connected' | 'reconnecting' | 'offline' | 'unavailable';

/** Inputs the status is derived from. */
export interface ConnectionFacts {
  browserOnline: boolean;
  socket: 'connecting' | 'connected' | 'disconnected';
  /** A connection has closed or failed since the page opened. */
  hadClose: boolean;
  /** The server closed with a permanent (44xx) code. */
  refused: boolean;
}

/** Derives the indicator state; pure so it can be tested without sockets. */
export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.refused) return 'unavailable';
  if (!facts.browserOnline) return 'offline';
  if (facts.socket === 'connected') return 'connected';
  return facts.hadClose ? 'reconnecting' : 'connecting';
}

/** Plain-language text for each state, shown and announced. */
export const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting… your changes are saved on this device',
  offline: 'Offline: your changes are saved on this device',
  unavailable: 'Not connected',
};
