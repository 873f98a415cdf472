import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { OutlineState } from './OutlineState.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A participant (outline over `a`, which a lock can make read-only) and the facilitator (`b`)
 * on one board, with a fishbone "Falls" whose category is "People". `sent` collects every update
 * the participant's document sends.
 */
function lockedMidSentence() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const sent: Uint8Array[] = [];
  docA.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    sent.push(u);
    Y.applyUpdate(docB, u, 'remote');
  });
  docB.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docA, u, 'remote');
  });
  const a = new BoardDiagrams(docA, { authorId: 'sam', perspective: 'staff:nurse' });
  const b = new BoardDiagrams(docB, { authorId: 'fran', perspective: 'staff:lead' });
  const outline = new OutlineState(a);
  cleanups.push(() => {
    outline.destroy();
    a.destroy();
    b.destroy();
  });
  const who = { authorId: 'fran', perspective: 'staff:lead' } as const;
  const { diagramId, rootId } = b.edit((board) =>
    board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }),
  );
  const people = b.edit((board) =>
    board.addNode({ diagramId, parentId: rootId, text: 'People', ...who }),
  );
  const lock = { on: false };
  a.readOnlyWhen = () => lock.on;

  outline.startEdit(diagramId, people);
  outline.draft = 'People and night staffing';
  lock.on = true;
  outline.leaveEditIfReadOnly(); // as Outline.svelte's effect does when the lock arrives
  sent.length = 0;
  const text = () => b.diagrams.get(diagramId)!.nodes.find((n) => n.id === people)?.text;
  return { a, b, outline, lock, sent, diagramId, people, text };
}

describe('OutlineState, words kept from a locked board', () => {
  it('keeps the words when the lock closes the field, sends nothing, and saves them with one Enter after', () => {
    const { outline, lock, sent, diagramId, people, text } = lockedMidSentence();
    expect(outline.editing).toBeNull();
    expect(outline.kept.list).toMatchObject([
      { diagramId, nodeId: people, text: 'People and night staffing', base: 'People' },
    ]);
    expect(outline.keptState(outline.kept.list[0]!)).toBe('same');
    expect(outline.announcement).toMatch(/not saved yet\. They are kept/);
    expect(outline.focusDiagram).toBe(diagramId);

    // While locked: Enter on the item says why not, and the words stay where they were.
    outline.focus(diagramId, people);
    outline.keydown(diagramId, { key: 'Enter' });
    expect(outline.editing).toBeNull();
    outline.offerKeptDrafts();
    expect(outline.announcement).toMatch(/cannot change the board/);
    expect([sent.length, text()]).toEqual([0, 'People']);

    // Open again: told how to carry on; Enter on the item puts the words back in the field.
    lock.on = false;
    outline.offerKeptDrafts();
    expect(outline.announcement).toMatch(
      /Changes are open again\. Your words for the category ‘People’ are kept: choose “Carry on writing”/,
    );
    outline.keydown(diagramId, { key: 'Enter' });
    expect(outline.editing).toMatchObject({ diagramId, nodeId: people });
    expect(outline.draft).toBe('People and night staffing');
    expect(outline.announcement).toBe(
      'Your unsaved words are back in the edit field. Press Enter to save them.',
    );
    expect(outline.editKeydown({ key: 'Enter' })).toBe(true);
    expect(text()).toBe('People and night staffing');
    expect(outline.kept.list).toEqual([]);
  });

  it('opens the way to a kept item inside a branch closed since', () => {
    const { a, outline, lock, diagramId, people } = lockedMidSentence();
    const root = a.diagrams.get(diagramId)!.root.id;
    outline.toggle(root);
    expect(outline.rows(a.diagrams.get(diagramId)!)).toHaveLength(1);
    lock.on = false;
    outline.startEdit(diagramId, people);
    expect(outline.collapsed.has(root)).toBe(false);
    expect(outline.activeId(a.diagrams.get(diagramId)!)).toBe(people);
  });

  it('never saves an edit that is still open when the lock arrives; keeps the words instead', () => {
    const { outline, lock, sent, diagramId, people, text } = lockedMidSentence();
    lock.on = false;
    outline.startEdit(diagramId, people);
    outline.draft = 'People, agency staff';
    lock.on = true;
    outline.commitEdit(); // a blur before the effect closed the field
    expect([sent.length, text(), outline.editing]).toEqual([0, 'People', null]);
    expect(outline.kept.get(diagramId, people)).toMatchObject({
      text: 'People, agency staff',
      base: 'People',
    });
  });

  it('says when someone changed the item meanwhile, and the kept words still win only on Enter', () => {
    const { b, outline, lock, diagramId, people, text } = lockedMidSentence();
    b.edit((board, origin) => board.setText(diagramId, people, 'Staff', origin));
    expect(outline.keptState(outline.kept.list[0]!)).toBe('changed');
    lock.on = false;
    outline.startEdit(diagramId, people);
    expect(outline.announcement).toMatch(/Meanwhile someone changed it to ‘Staff’/);
    expect(text()).toBe('Staff');
    outline.editKeydown({ key: 'Escape' });
    expect(text()).toBe('People and night staffing');
  });

  it('keeps the words to copy when their item was removed, until let go', () => {
    const { b, outline, lock, diagramId, people } = lockedMidSentence();
    b.edit((board, origin) => board.deleteNode(diagramId, people, origin));
    expect(outline.keptState(outline.kept.list[0]!)).toBe('gone');
    lock.on = false;
    outline.offerKeptDrafts();
    expect(outline.announcement).toBe(
      'The category ‘People’ was removed meanwhile, so your words cannot go back there. They are kept for you to copy.',
    );
    outline.startEdit(diagramId, people);
    expect(outline.editing).toBeNull();
    expect(outline.kept.list).toHaveLength(1);
    outline.discardKept(diagramId, people);
    expect(outline.kept.list).toEqual([]);
    expect(outline.announcement).toBe('Your unsaved words were let go.');
  });

  it('keeps the words when the item goes in the same moment the lock arrives', () => {
    const { a, b, outline, lock, diagramId, people } = lockedMidSentence();
    lock.on = false;
    const methods = b.edit((board) =>
      board.addNode({
        diagramId,
        parentId: a.diagrams.get(diagramId)!.root.id,
        text: 'Methods',
        authorId: 'fran',
        perspective: 'staff:lead',
      }),
    );
    outline.startEdit(diagramId, methods);
    outline.draft = 'Methods: checklists';
    b.edit((board, origin) => board.deleteNode(diagramId, methods, origin));
    lock.on = true;
    outline.leaveEditIfReadOnly();
    const kept = outline.kept.get(diagramId, methods)!;
    expect(kept).toMatchObject({ text: 'Methods: checklists', base: 'Methods', kind: 'category' });
    expect(outline.keptState(kept)).toBe('gone');
    expect(outline.announcement).toMatch(/the item was removed, so they are shown for you to copy/);
    expect(outline.kept.get(diagramId, people)).toBeDefined();
  });

  it('closes quietly when nothing had been typed, and hands kept words to a replacing outline', () => {
    const { a, outline, lock, diagramId, people } = lockedMidSentence();
    lock.on = false;
    outline.startEdit(diagramId, a.diagrams.get(diagramId)!.root.id);
    lock.on = true;
    outline.leaveEditIfReadOnly();
    expect(outline.announcement).toBe('Changes are paused. You can still move around and read.');
    expect(outline.kept.list).toHaveLength(1);

    const next = new OutlineState(a);
    cleanups.push(() => next.destroy());
    next.restore(outline.view);
    expect(next.kept.get(diagramId, people)?.text).toBe('People and night staffing');
  });
});
