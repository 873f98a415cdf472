import { describe, expect, it } from 'vitest';
import { perspectiveSuitsRole, ROLES } from '@qi/protocol';
import { loadAuthorId } from './authorId';
import { loadPerspective, perspectiveFor, perspectivesFor, savePerspective } from './perspective';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('loadPerspective', () => {
  it('defaults to staff and remembers a choice', () => {
    const storage = memory();
    expect(loadPerspective(storage)).toBe('staff:');
    savePerspective(storage, 'carer');
    expect(loadPerspective(storage)).toBe('carer');
    storage.setItem('qi-board:perspective', 'martian');
    expect(loadPerspective(storage)).toBe('staff:');
  });
});

describe('loadAuthorId', () => {
  it('makes an id once and keeps it', () => {
    const storage = memory();
    const id = loadAuthorId(storage, () => 'abcdef12-3456');
    expect(loadAuthorId(storage, () => 'other-id-0000')).toBe(id);
  });
});

describe('perspectiveFor', () => {
  it('lets a patient partner speak as patient or carer, never as staff', () => {
    const storage = memory();
    savePerspective(storage, 'staff:ward nurse');
    expect(perspectivesFor('patient', '')).toEqual(['patient', 'carer']);
    expect(perspectiveFor(storage, 'patient', '')).toBe('patient');
    savePerspective(storage, 'carer');
    expect(perspectiveFor(storage, 'patient', '')).toBe('carer');
  });

  it('gives staff their own role label, whatever this device chose before', () => {
    const storage = memory();
    savePerspective(storage, 'patient');
    expect(perspectiveFor(storage, 'contributor', 'ward nurse')).toBe('staff:ward nurse');
    expect(perspectiveFor(storage, 'facilitator', '')).toBe('staff:');
    expect(perspectivesFor('observer', '')).toEqual([]);
  });
});

describe('perspectiveFor and the server’s rule', () => {
  it('never chooses a perspective the server would refuse for the role', () => {
    for (const stored of ['patient', 'carer', 'staff:ward nurse', 'martian', null]) {
      const storage = memory();
      if (stored) storage.setItem('qi-board:perspective', stored);
      for (const role of ROLES.filter((r) => r !== 'observer')) {
        expect(perspectiveSuitsRole(role, perspectiveFor(storage, role, 'nurse'))).toBe(true);
        for (const offered of perspectivesFor(role, '')) {
          expect(perspectiveSuitsRole(role, offered)).toBe(true);
        }
      }
    }
    expect(perspectiveSuitsRole('contributor', 'patient')).toBe(false);
    expect(perspectiveSuitsRole('patient', 'staff:nurse')).toBe(false);
    expect(perspectiveSuitsRole('observer', 'staff:')).toBe(false);
  });
});
