import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import { testBackend } from './testBackend';
import { WorkshopState } from './WorkshopState.svelte';

describe('WorkshopState', () => {
  it('counts the roles of the people here, its own from the link (others’ from the server)', () => {
    const doc = new Y.Doc();
    const mine = new Awareness(doc);
    mine.setLocalStateField('user', { name: 'Fran', color: '#1d4ed8' });
    const other = new Awareness(new Y.Doc());
    other.setLocalStateField('user', { name: 'Pat', color: '#b91c1c', role: 'patient' });
    const items = new Map<string, string>();
    const workshop = new WorkshopState({
      doc,
      boardId: 'board',
      token: 't',
      role: 'facilitator',
      author: () => ({ authorId: 'fran', perspective: 'staff:' }),
      awareness: mine,
      storage: {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, value),
      },
      backend: testBackend(doc),
    });
    expect(workshop.roles).toEqual(['facilitator']);
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(other, [other.clientID]), 'remote');
    expect(workshop.roles.toSorted()).toEqual(['facilitator', 'patient']);
    expect(workshop.canLead).toBe(true);
    workshop.destroy();
    mine.destroy();
    other.destroy();
  });
});
