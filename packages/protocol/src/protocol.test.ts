import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  decodeBase64url,
  isBoardId,
  isPermanentClose,
  MessageType,
  parseClaims,
  readTokenClaims,
  roleCanWrite,
  ROLES,
  SyncStep,
  TOKEN_HEADER,
} from './index';

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

describe('tokens', () => {
  const claims = {
    v: 1,
    board: 'ajlTaBaDIttQP7A2chCazQ',
    role: 'patient',
    link: 'abcdefghijklmnop',
    iat: 1,
  };
  const part = Buffer.from(JSON.stringify(claims)).toString('base64url');

  it('has the JWT HS256 header', () => {
    expect(JSON.parse(Buffer.from(TOKEN_HEADER, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
  });

  it('decodes base64url like Node does', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\u00ff\u00fe\u00fd']) {
      const encoded = Buffer.from(text, 'latin1').toString('base64url');
      expect(Buffer.from(decodeBase64url(encoded)!).toString('latin1')).toBe(text);
    }
    expect(decodeBase64url('a=b')).toBeNull();
    expect(decodeBase64url('abcde')).toBeNull();
  });

  it('reads well-formed claims and nothing else', () => {
    expect(readTokenClaims(`${TOKEN_HEADER}.${part}.sig`)).toEqual(claims);
    expect(readTokenClaims(`eyJhbGciOiJub25lIn0.${part}.`)).toBeNull();
    expect(readTokenClaims(`${TOKEN_HEADER}.${part}`)).toBeNull();
    const bad = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(parseClaims(bad)).toBeNull();
  });

  it('knows which roles write', () => {
    expect(ROLES.filter(roleCanWrite)).toEqual(['facilitator', 'contributor', 'patient']);
  });
});
