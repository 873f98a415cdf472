import { describe, expect, it } from 'vitest';
import { CloseCode, isBoardId, isPermanentClose, MessageType, SyncStep } from './index';

describe('protocol constants', () => {
  it('match y-websocket and y-protocols', () => {
    expect(MessageType).toEqual({ sync: 0, awareness: 1, auth: 2, queryAwareness: 3 });
    expect(SyncStep).toEqual({ step1: 0, step2: 1, update: 2 });
  });

  it('treats exactly the 44xx close codes as permanent', () => {
    expect(isPermanentClose(CloseCode.boardNotFound)).toBe(true);
    expect(isPermanentClose(CloseCode.badMessage)).toBe(true);
    expect(isPermanentClose(CloseCode.goingAway)).toBe(false);
    expect(isPermanentClose(CloseCode.tryAgainLater)).toBe(false);
    expect(isPermanentClose(4500)).toBe(false);
  });

  it('recognises 22-character base64url board ids', () => {
    expect(isBoardId('ajlTaBaDIttQP7A2chCazQ')).toBe(true);
    expect(isBoardId('ajlTaBaDIttQP7A2chCaz')).toBe(false);
    expect(isBoardId('ajlTaBaDIttQP7A2chCaz/')).toBe(false);
  });
});
