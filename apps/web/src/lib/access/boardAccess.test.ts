import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '@qi/protocol';
import { describeToken, forgetAccess, loadAccess, saveAccess } from './boardAccess';
import { refusalMessage } from './refusalMessage';

const BOARD = 'ajlTaBaDIttQP7A2chCazQ';

function token(claims: Record<string, unknown>): string {
  const part = btoa(JSON.stringify(claims))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return `${TOKEN_HEADER}.${part}.signature`;
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const patient = token({ v: 1, board: BOARD, role: 'patient', link: 'abcdefghijklmnop', iat: 1 });

describe('board access on this device', () => {
  it('reads board, role and expiry from a token without trusting it', () => {
    expect(describeToken(patient)).toEqual({
      boardId: BOARD,
      role: 'patient',
      linkId: 'abcdefghijklmnop',
      expiresAt: null,
    });
    expect(describeToken('nonsense')).toBeNull();
  });

  it('remembers the token and the join choice per board, and forgets it', () => {
    const storage = memoryStorage();
    expect(loadAccess(storage, BOARD)).toBeNull();
    saveAccess(storage, {
      boardId: BOARD,
      token: patient,
      role: 'patient',
      linkId: 'abcdefghijklmnop',
      name: 'Pat',
      label: '',
    });
    expect(loadAccess(storage, BOARD)).toMatchObject({ role: 'patient', name: 'Pat' });
    expect(loadAccess(storage, 'ajlTaBaDIttQP7A2chCazR')).toBeNull();
    forgetAccess(storage, BOARD);
    expect(loadAccess(storage, BOARD)).toBeNull();
  });

  it('explains refusals in plain words, and which ones end the link', () => {
    expect(refusalMessage(4401, 'link revoked')).toMatchObject({
      heading: 'This invite link has been withdrawn',
      linkDead: true,
      canRetry: false,
    });
    expect(refusalMessage(4401, 'link expired').heading).toBe('This invite link has expired');
    expect(refusalMessage(4429, 'sending too fast').canRetry).toBe(true);
    expect(refusalMessage(4404, 'board not found').heading).toBe('This board is not available');
    expect(refusalMessage(4422, 'patient identifier refused')).toMatchObject({
      heading: 'That change looked like patient data',
      linkDead: false,
    });
  });
});
