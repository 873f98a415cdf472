import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testBackend } from './testBackend';
import { WorkshopState } from './WorkshopState.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function storage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

/** A facilitator, a patient and a member of staff on one board, sharing the server's stand-in. */
function workshop() {
  const doc = new Y.Doc();
  const backend = testBackend(doc);
  const person = (role: 'facilitator' | 'patient' | 'contributor', perspective: string) => {
    const state = new WorkshopState({
      doc,
      boardId: 'board',
      token: 't',
      role,
      author: () => ({ authorId: role, perspective, name: `${role} name` }),
      storage: storage(),
      backend,
      pollMs: 20,
    });
    cleanups.push(() => state.destroy());
    return state;
  };
  return {
    backend,
    lead: person('facilitator', 'staff:lead'),
    patient: person('patient', 'patient'),
    nurse: person('contributor', 'staff:nurse'),
  };
}

describe('RoundState', () => {
  it('keeps each person’s ideas to themselves and shows the facilitator only counts', async () => {
    const { backend, lead, patient, nurse } = workshop();
    expect(patient.rounds.round).toBeNull();

    await lead.rounds.open({ diagramId: 'd', parentNodeId: 'staffing', anonymous: false });
    expect(patient.rounds.round?.parentNodeId).toBe('staffing');
    expect(patient.rounds.announcement).toMatch(/your ideas are private/);

    expect(await patient.rounds.add('staffing', '  Nobody explains the tablets ')).toBe(true);
    expect(await nurse.rounds.add('staffing', 'Pharmacy closes at 5')).toBe(true);
    expect(await nurse.rounds.add('staffing', '   ')).toBe(false);
    expect(patient.rounds.ideas.map((i) => i.text)).toEqual(['Nobody explains the tablets']);
    expect(nurse.rounds.ideas.map((i) => i.text)).toEqual(['Pharmacy closes at 5']);
    expect(patient.rounds.announcement).toBe('Idea saved. Only you can see it. You have 1 idea.');

    await vi.waitFor(() => expect(lead.rounds.progress?.total).toBe(2));
    expect(lead.rounds.progress?.people.map((p) => p.count)).toEqual([1, 1]);
    expect(JSON.stringify(lead.rounds.progress)).not.toContain('tablets');

    const ideaId = nurse.rounds.ideas[0]!.id;
    expect(await nurse.rounds.edit(ideaId, 'Pharmacy shuts at 5pm')).toBe(true);
    expect(nurse.rounds.ideas[0]!.text).toBe('Pharmacy shuts at 5pm');
    expect(await patient.rounds.add('staffing', 'Leaflet too small')).toBe(true);
    expect(await patient.rounds.remove(patient.rounds.ideas[1]!.id)).toBe(true);
    expect(patient.rounds.ideas).toHaveLength(1);

    await lead.rounds.reveal();
    expect(lead.rounds.announcement).toBe('Revealed 2 ideas.');
    expect(backend.revealed.map((i) => [i.text, i.perspective])).toEqual([
      ['Nobody explains the tablets', 'patient'],
      ['Pharmacy shuts at 5pm', 'staff:nurse'],
    ]);
    for (const person of [lead, patient, nurse]) {
      expect(person.rounds.round).toBeNull();
      expect(person.rounds.ideas).toEqual([]);
    }
    expect(patient.rounds.announcement).toBe('The silent brainstorm has ended.');
  });

  it('sends the name only in a named round; a cancelled round reveals nothing', async () => {
    const { backend, lead, patient } = workshop();
    const sent: (string | undefined)[] = [];
    const addIdea = backend.addIdea;
    backend.addIdea = (roundId, request) => {
      sent.push(request.authorName);
      return addIdea(roundId, request);
    };
    await lead.rounds.open({ diagramId: 'd', parentNodeId: null, anonymous: false });
    await patient.rounds.add('x', 'Named');
    await lead.rounds.cancel();
    expect(lead.rounds.announcement).toBe('Silent brainstorm cancelled. Nothing was revealed.');
    expect(patient.rounds.round).toBeNull();
    expect(patient.rounds.announcement).toBe('The silent brainstorm has ended.');
    expect(backend.revealed).toEqual([]);
    await lead.rounds.open({ diagramId: 'd', parentNodeId: null, anonymous: true });
    await patient.rounds.add('x', 'Anonymous');
    expect(sent).toEqual(['patient name', undefined]);
  });

  it('shows a failed request as a message and keeps the ideas', async () => {
    const { backend, lead, patient } = workshop();
    await lead.rounds.open({ diagramId: 'd', parentNodeId: null, anonymous: true });
    await patient.rounds.add('x', 'First');
    backend.editIdea = () => Promise.reject(new Error('This round has ended.'));
    expect(await patient.rounds.edit(patient.rounds.ideas[0]!.id, 'Changed')).toBe(false);
    expect(patient.rounds.error).toBe('This round has ended.');
    expect(patient.rounds.ideas[0]!.text).toBe('First');
  });

  it('loads the ideas this browser wrote before a reload', async () => {
    const doc = new Y.Doc();
    const backend = testBackend(doc);
    const saved = storage();
    const options = {
      doc,
      boardId: 'board',
      token: 't',
      role: 'patient' as const,
      author: () => ({ authorId: 'p', perspective: 'carer' }),
      storage: saved,
      backend,
    };
    await backend.openRound({ diagramId: 'd', parentNodeId: null, anonymous: false });
    const before = new WorkshopState(options);
    await before.rounds.add('x', 'Kept');
    before.destroy();
    const after = new WorkshopState(options);
    cleanups.push(() => after.destroy());
    await vi.waitFor(() => expect(after.rounds.ideas.map((i) => i.text)).toEqual(['Kept']));
    expect(after.rounds.announcement).toBe('');
  });
});
