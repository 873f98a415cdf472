import { describe, expect, it } from 'vitest';
import { connectionStatus, type ConnectionFacts } from './connectionStatus';

const base: ConnectionFacts = {
  browserOnline: true,
  socket: 'connecting',
  hadClose: false,
  refused: false,
};

describe('connectionStatus', () => {
  it('is connecting on the first attempt and connected once the socket opens', () => {
    expect(connectionStatus(base)).toBe('connecting');
    expect(connectionStatus({ ...base, socket: 'connected' })).toBe('connected');
  });

  it('is reconnecting after a connection closed or failed', () => {
    expect(connectionStatus({ ...base, hadClose: true })).toBe('reconnecting');
    expect(connectionStatus({ ...base, hadClose: true, socket: 'disconnected' })).toBe(
      'reconnecting',
    );
  });

  it('is offline when the browser says so, whatever the socket thinks', () => {
    expect(connectionStatus({ ...base, browserOnline: false, socket: 'connected' })).toBe(
      'offline',
    );
  });

  it('is unavailable for good after the server refused the board', () => {
    expect(connectionStatus({ ...base, refused: true, browserOnline: false })).toBe('unavailable');
  });
});
