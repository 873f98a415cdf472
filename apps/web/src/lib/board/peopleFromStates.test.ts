import { describe, expect, it } from 'vitest';
import { peopleFromStates } from './peopleFromStates';

describe('peopleFromStates', () => {
  it('lists named clients, this person first, then by name', () => {
    const states = new Map([
      [3, { user: { name: 'Zara', color: '#047857' } }],
      [1, { user: { name: 'Ben', color: '#b91c1c' } }],
      [2, { user: { name: 'Me', color: '#1d4ed8' } }],
      [4, {}],
    ]);
    expect(peopleFromStates(states, 2).map((person) => [person.name, person.isSelf])).toEqual([
      ['Me', true],
      ['Ben', false],
      ['Zara', false],
    ]);
  });
});
