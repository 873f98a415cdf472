import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testBackend } from './testBackend';
import { WorkshopState } from './WorkshopState.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function people() {
  const doc = new Y.Doc();
  const backend = testBackend(doc);
  const person = (role: 'facilitator' | 'patient' | 'contributor', perspective: string) => {
    const items = new Map<string, string>();
    const state = new WorkshopState({
      doc,
      boardId: 'board',
      token: 't',
      role,
      author: () => ({ authorId: role, perspective }),
      storage: {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, value),
      },
      backend,
      pollMs: 20,
    });
    cleanups.push(() => state.destroy());
    return state;
  };
  return {
    lead: person('facilitator', 'staff:lead'),
    patient: person('patient', 'carer'),
    nurse: person('contributor', 'staff:nurse'),
  };
}

describe('VoteState', () => {
  it('saves each ballot privately, counts ballots for the facilitator, shows totals on close', async () => {
    const { lead, patient, nurse } = people();
    await lead.votes.open({ diagramId: 'd', votesPerPerson: 2, allowStacking: false });
    expect(patient.votes.vote?.votesPerPerson).toBe(2);
    expect(patient.votes.dotsLeft).toBe(2);
    expect(patient.votes.announcement).toBe('Dot vote started: you have 2 dots.');

    patient.votes.add('a', 'Tablets');
    expect(patient.votes.status).toBe('saving');
    await vi.waitFor(() => expect(patient.votes.status).toBe('saved'));
    expect(patient.votes.announcement).toBe('Dot added to Tablets. 1 dot left. Saved.');
    patient.votes.add('a', 'Tablets');
    expect(patient.votes.announcement).toBe('Only one dot may go on each item.');
    patient.votes.add('b', 'Leaflet');
    await vi.waitFor(() => expect(patient.votes.ballot).toEqual(['a', 'b']));
    patient.votes.add('c', 'Pharmacy');
    expect(patient.votes.announcement).toBe('You have no dots left.');
    patient.votes.remove('b', 'Leaflet');
    patient.votes.add('c', 'Pharmacy');
    await vi.waitFor(() => expect(patient.votes.status).toBe('saved'));
    expect(patient.votes.ballot).toEqual(['a', 'c']);
    expect(patient.votes.dotsOn('c')).toBe(1);

    nurse.votes.add('a', 'Tablets');
    await vi.waitFor(() => expect(nurse.votes.status).toBe('saved'));
    // Nobody else's ballot reaches this browser before the close.
    expect(nurse.votes.ballot).toEqual(['a']);
    await vi.waitFor(() => expect(lead.votes.ballots).toBe(2));

    await lead.votes.close();
    for (const person of [lead, patient, nurse]) {
      expect(person.votes.vote).toBeNull();
      expect(person.votes.results?.tallies).toEqual([
        { nodeId: 'a', total: 2, patientCarer: 1, staff: 1 },
        { nodeId: 'c', total: 1, patientCarer: 1, staff: 0 },
      ]);
    }
    expect(patient.votes.announcement).toBe('The vote has closed. The results are shown.');

    // Only the facilitator clears the results, for everyone.
    nurse.votes.clearResults();
    expect(patient.votes.results).not.toBeNull();
    lead.votes.clearResults();
    for (const person of [lead, patient, nurse]) expect(person.votes.results).toBeNull();
    expect(patient.votes.announcement).toBe('The vote results were cleared.');
  });

  it('tells participants a cancelled vote has no results', async () => {
    const { lead, patient } = people();
    await lead.votes.open({ diagramId: 'd', votesPerPerson: 1, allowStacking: false });
    patient.votes.add('a', 'Tablets');
    await vi.waitFor(() => expect(patient.votes.status).toBe('saved'));
    await lead.votes.cancel();
    expect(patient.votes.vote).toBeNull();
    expect(patient.votes.results).toBeNull();
    expect(patient.votes.ballot).toEqual([]);
    expect(patient.votes.announcement).toBe('The dot vote was cancelled. There are no results.');
  });

  it('lets several dots go on one item when the facilitator allows it', async () => {
    const { lead, nurse } = people();
    await lead.votes.open({ diagramId: 'd', votesPerPerson: 3, allowStacking: true });
    nurse.votes.add('a', 'Tablets');
    nurse.votes.add('a', 'Tablets');
    nurse.votes.add('a', 'Tablets');
    nurse.votes.add('a', 'Tablets');
    await vi.waitFor(() => expect(nurse.votes.status).toBe('saved'));
    expect(nurse.votes.ballot).toEqual(['a', 'a', 'a']);
    expect(nurse.votes.dotsLeft).toBe(0);
  });
});
