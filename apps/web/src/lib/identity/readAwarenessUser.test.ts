import { describe, expect, it } from 'vitest';
import { FALLBACK_COLOUR, readAwarenessUser } from './readAwarenessUser';

describe('readAwarenessUser', () => {
  it('keeps a well-formed user', () => {
    expect(readAwarenessUser({ name: 'Asha', color: '#B91C1C' })).toEqual({
      name: 'Asha',
      color: '#B91C1C',
    });
  });

  it('replaces a colour that is not #rrggbb, and cuts long names', () => {
    const user = readAwarenessUser({
      name: 'x'.repeat(500),
      color: 'red; background: url(//evil)',
    });
    expect(user?.color).toBe(FALLBACK_COLOUR);
    expect(user?.name.length).toBeLessThanOrEqual(40);
  });

  it('ignores users without a name', () => {
    expect(readAwarenessUser(undefined)).toBeUndefined();
    expect(readAwarenessUser({ name: '  ', color: '#000000' })).toBeUndefined();
    expect(readAwarenessUser({ name: 42 })).toBeUndefined();
  });
});
