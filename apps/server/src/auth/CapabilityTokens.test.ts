import { describe, expect, it } from 'vitest';
import { CapabilityTokens } from './CapabilityTokens';

const claims = {
  v: 1 as const,
  board: 'ajlTaBaDIttQP7A2chCazQ',
  role: 'observer' as const,
  link: 'abcdefghijklmnop',
  iat: 1_700_000_000,
};

describe('CapabilityTokens', () => {
  const tokens = new CapabilityTokens(Buffer.from('a'.repeat(32)));

  it('verifies what it signed', () => {
    expect(tokens.verify(tokens.sign(claims))).toEqual(claims);
  });

  it('refuses another secret, tampering, other headers and junk', () => {
    const token = tokens.sign(claims);
    const [header, body, signature] = token.split('.') as [string, string, string];
    const other = new CapabilityTokens(Buffer.from('b'.repeat(32)));
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'facilitator' })).toString(
      'base64url',
    );
    const none = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    for (const bad of [
      other.sign(claims),
      `${header}.${forged}.${signature}`,
      `${none}.${body}.`,
      `${none}.${body}.${signature}`,
      `${header}.${body}.`,
      `${header}.${body}`,
      `${token}x`,
      'x'.repeat(5000),
      '',
    ]) {
      expect(tokens.verify(bad)).toBeNull();
    }
  });
});
