import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { perspectiveSuitsRole } from '@qi/protocol';
import { BoardDiagrams } from './BoardDiagrams.svelte';
import { PERSPECTIVE_UNDO_MESSAGE } from './nodeCommands';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Origin of the canvas binding's writes in these tests (the web's STORE_ORIGIN). */
const CANVAS = Symbol('canvas');

/** A sticky note record as the canvas stores it, labelled by whoever created it. */
function note(id: string, perspective: string, x = 0) {
  return { id, typeName: 'shape', type: 'note', x, y: 0, meta: { perspective } };
}

/** A member of staff's tab, whose undo covers their canvas edits. */
function staffTab() {
  const doc = new Y.Doc();
  const records = doc.getMap<ReturnType<typeof note>>('tldraw');
  const ben = new BoardDiagrams(
    doc,
    { authorId: 'ben', perspective: 'staff:nurse' },
    { scope: [records as unknown as Y.AbstractType<unknown>], origins: [CANVAS] },
  );
  ben.mayGivePerspective = (perspective) => perspectiveSuitsRole('contributor', perspective);
  cleanups.push(() => ben.destroy());
  const canvas = (change: () => void) => {
    doc.transact(change, CANVAS);
    ben.undoManager.stopCapturing();
  };
  return { doc, records, ben, canvas };
}

describe('BoardDiagrams undo of sticky notes', () => {
  it('undoes moving a patient’s note, not removing it; its own notes come back', () => {
    const { doc, records, ben, canvas } = staffTab();
    doc.transact(() => records.set('shape:heard', note('shape:heard', 'patient')), 'remote');
    canvas(() => records.set('shape:heard', note('shape:heard', 'patient', 80)));
    expect(ben.undo()).toBeNull();
    expect(records.get('shape:heard')?.x).toBe(0);
    expect(ben.redo()).toBeNull();
    expect(records.get('shape:heard')?.x).toBe(80);

    canvas(() => records.delete('shape:heard'));
    const sent: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => sent.push(update));
    // Putting it back would label a new note `patient` as this member of staff: the server refuses.
    expect(ben.undo()).toBe(PERSPECTIVE_UNDO_MESSAGE);
    expect(records.has('shape:heard')).toBe(false);
    expect(sent).toHaveLength(0);

    ben.undoManager.clear();
    canvas(() => records.set('shape:mine', note('shape:mine', 'staff:nurse')));
    canvas(() => records.delete('shape:mine'));
    expect(ben.undo()).toBeNull();
    expect(records.get('shape:mine')?.meta.perspective).toBe('staff:nurse');
  });
});
