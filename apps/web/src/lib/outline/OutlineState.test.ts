import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { setPatientDataMode } from '@qi/model';
import { perspectiveSuitsRole } from '@qi/protocol';
import { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { OutlineState } from './OutlineState.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Two browsers on one board: their docs exchange every update at once. */
function twoPeople() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docB, u, 'remote');
  });
  docB.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docA, u, 'remote');
  });
  const a = new BoardDiagrams(docA, { authorId: 'asha', perspective: 'patient' });
  const b = new BoardDiagrams(docB, { authorId: 'ben', perspective: 'staff:nurse' });
  const outlineA = new OutlineState(a);
  const outlineB = new OutlineState(b);
  cleanups.push(() => {
    outlineA.destroy();
    outlineB.destroy();
    a.destroy();
    b.destroy();
  });
  return { a, b, outlineA, outlineB };
}

/** A fishbone "Falls" made by a carer, with these categories under its head. */
function fallsWith(diagrams: BoardDiagrams, categories: string[]) {
  const who = { authorId: 'a', perspective: 'carer' } as const;
  const { diagramId, rootId } = diagrams.edit((board) =>
    board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }),
  );
  const nodes = categories.map((text) =>
    diagrams.edit((b) => b.addNode({ diagramId, parentId: rootId, text, ...who })),
  );
  return { diagramId, rootId, nodes };
}

function type(outline: OutlineState, text: string, key: string, shiftKey = false) {
  outline.draft = text;
  expect(outline.editKeydown({ key, shiftKey })).toBe(true);
}

describe('OutlineState', () => {
  it('builds a driver diagram from the keyboard: Enter edits, Tab adds a child, Enter a sibling', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId } = a.edit((board, origin) =>
      board.addDiagram(
        { kind: 'driver', text: 'Fewer falls', authorId: 'asha', perspective: 'patient' },
        origin,
      ),
    );
    expect(outlineA.keydown(diagramId, { key: 'Enter' })).toBe(true);
    type(outlineA, 'Fewer falls on Ward 7', 'Tab');
    type(outlineA, 'Safe environment', 'Enter');
    type(outlineA, 'Staff know who is at risk', 'Tab');
    type(outlineA, 'Call bells in reach', 'Tab');
    type(outlineA, 'Bedside checklist', 'Escape');

    const d = a.diagrams.get(diagramId)!;
    expect(d.nodes.map((n) => [n.kind, n.text, n.depth])).toEqual([
      ['aim', 'Fewer falls on Ward 7', 0],
      ['primary', 'Safe environment', 1],
      ['primary', 'Staff know who is at risk', 1],
      ['secondary', 'Call bells in reach', 2],
      ['change', 'Bedside checklist', 3],
    ]);
    expect(outlineA.editing).toBeNull();
  });

  it('gives each node its level, position and set size, and moves the roving focus with arrows', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, rootId } = a.edit((board) =>
      board.addDiagram({
        kind: 'fishbone',
        text: 'Late discharge',
        authorId: 'a',
        perspective: 'carer',
      }),
    );
    for (const text of ['People', 'Methods', 'Equipment'])
      a.edit((board) =>
        board.addNode({ diagramId, parentId: rootId, text, authorId: 'a', perspective: 'carer' }),
      );
    const d = a.diagrams.get(diagramId)!;
    const methods = d.nodes.find((n) => n.text === 'Methods')!;
    expect(outlineA.place(d, methods)).toEqual({ level: 2, position: 2, setSize: 3 });

    expect(outlineA.activeId(d)).toBe(rootId);
    outlineA.keydown(diagramId, { key: 'ArrowDown' });
    outlineA.keydown(diagramId, { key: 'ArrowDown' });
    expect(outlineA.activeId(d)).toBe(methods.id);
    outlineA.keydown(diagramId, { key: 'ArrowLeft' });
    expect(outlineA.activeId(d)).toBe(rootId);
    outlineA.keydown(diagramId, { key: 'ArrowLeft' });
    expect(outlineA.isExpanded(d.root)).toBe(false);
    outlineA.keydown(diagramId, { key: 'ArrowDown' });
    expect(outlineA.activeId(d)).toBe(rootId);
    outlineA.keydown(diagramId, { key: 'ArrowRight' });
    outlineA.keydown(diagramId, { key: 'End' });
    expect(outlineA.activeId(a.diagrams.get(diagramId)!)).toBe(d.nodes[3]!.id);
  });

  it('moves a cause up a level with Shift+Tab and to the next category with Alt+Down', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, rootId } = a.edit((board) =>
      board.addDiagram({ kind: 'fishbone', text: 'Falls', authorId: 'a', perspective: 'carer' }),
    );
    const who = { authorId: 'a', perspective: 'carer' } as const;
    const people = a.edit((b) =>
      b.addNode({ diagramId, parentId: rootId, text: 'People', ...who }),
    );
    const place = a.edit((b) => b.addNode({ diagramId, parentId: rootId, text: 'Place', ...who }));
    const tired = a.edit((b) => b.addNode({ diagramId, parentId: people, text: 'Tired', ...who }));
    const why = a.edit((b) =>
      b.addNode({ diagramId, parentId: tired, text: 'Long shifts', ...who }),
    );

    outlineA.startEdit(diagramId, why);
    type(outlineA, 'Long shifts', 'Tab', true);
    expect(a.diagrams.get(diagramId)!.nodes.find((n) => n.id === why)!.parentId).toBe(people);
    outlineA.finishEdit();

    outlineA.focus(diagramId, why);
    outlineA.keydown(diagramId, { key: 'ArrowDown', altKey: true });
    expect(a.diagrams.get(diagramId)!.nodes.find((n) => n.id === why)!.parentId).toBe(place);

    // A category cannot go up a level: it says so instead.
    outlineA.outdent(diagramId, people);
    expect(outlineA.announcement).toMatch(/cannot move up a level/);
  });

  it('announces what others change, and undo takes back only this person’s work', () => {
    const { a, b, outlineA, outlineB } = twoPeople();
    const { diagramId, rootId } = a.edit((board, origin) =>
      board.addDiagram(
        { kind: 'fishbone', text: 'Falls', authorId: 'asha', perspective: 'patient' },
        origin,
      ),
    );
    expect(outlineB.announcement).toBe('Someone added a fishbone: ‘Falls’.');

    outlineA.addChild(diagramId, rootId);
    type(outlineA, 'People', 'Escape');
    outlineB.addChild(diagramId, rootId);
    type(outlineB, 'Equipment', 'Escape');
    expect(outlineA.announcement).toMatch(/Changed category to ‘Equipment’/);

    outlineA.keydown(diagramId, { key: 'z', ctrlKey: true });
    outlineA.keydown(diagramId, { key: 'z', ctrlKey: true });
    const texts = (s: BoardDiagrams) => s.diagrams.get(diagramId)?.nodes.map((n) => n.text);
    expect(texts(a)).toEqual(['Falls', 'Equipment']);
    expect(texts(b)).toEqual(['Falls', 'Equipment']);

    outlineA.keydown(diagramId, { key: 'y', ctrlKey: true });
    expect(texts(b)).toContain('Equipment');
  });

  it('removes a new node left empty when editing ends', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, rootId } = a.edit((board) =>
      board.addDiagram({ kind: 'driver', text: 'Aim', authorId: 'a', perspective: 'carer' }),
    );
    outlineA.addChild(diagramId, rootId);
    expect(a.diagrams.get(diagramId)!.nodes).toHaveLength(2);
    type(outlineA, '  ', 'Escape');
    expect(a.diagrams.get(diagramId)!.nodes).toHaveLength(1);
  });

  it('keeps the head and asks to delete the diagram instead', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, rootId } = a.edit((board) =>
      board.addDiagram({ kind: 'driver', text: 'Aim', authorId: 'a', perspective: 'carer' }),
    );
    outlineA.keydown(diagramId, { key: 'Delete' });
    expect(a.diagrams.get(diagramId)!.root.id).toBe(rootId);
    expect(outlineA.announcement).toMatch(/Delete diagram/);
  });

  it('refuses structure changes in a frozen diagram before sending anything; wording goes on', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, nodes } = fallsWith(a, ['People', 'Place', 'Stairs']);
    const [people, , stairs] = nodes as [string, string, string];
    outlineA.remove(diagramId, stairs);
    a.setFrozen(new Set([diagramId]));
    expect(outlineA.isFrozen(diagramId)).toBe(true);
    const sent: Uint8Array[] = [];
    const onUpdate = (update: Uint8Array) => sent.push(update);
    a.board.doc.on('update', onUpdate);

    outlineA.addChild(diagramId, people);
    expect(outlineA.announcement).toMatch(/frozen this diagram’s structure/);
    outlineA.remove(diagramId, people);
    outlineA.moveAlong(diagramId, people, 1);
    outlineA.focus(diagramId, people);
    outlineA.keydown(diagramId, { key: 'Delete' });
    // Undo would put back a node removed before the freeze: refused too.
    outlineA.undo(diagramId);
    expect(outlineA.announcement).toMatch(/cannot be undone/);
    expect(sent).toHaveLength(0);
    expect(a.diagrams.get(diagramId)!.nodes.map((n) => n.text)).toEqual([
      'Falls',
      'People',
      'Place',
    ]);

    outlineA.startEdit(diagramId, people);
    type(outlineA, 'People and staffing', 'Escape');
    expect(sent.length).toBeGreaterThan(0);
    expect(a.diagrams.get(diagramId)!.nodes[1]!.text).toBe('People and staffing');
    a.board.doc.off('update', onUpdate);
  });

  it('reads but changes nothing while read-only (a locked board), and writes again after', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, rootId, nodes } = fallsWith(a, ['People']);
    const people = nodes[0]!;
    outlineA.startEdit(diagramId, people);
    outlineA.draft = 'People and';
    let locked = true;
    a.readOnlyWhen = () => locked;
    outlineA.leaveEditIfReadOnly();
    expect(outlineA.editing).toBeNull();
    expect(outlineA.announcement).toMatch(/not saved/);
    const sent: Uint8Array[] = [];
    const onUpdate = (update: Uint8Array) => sent.push(update);
    a.board.doc.on('update', onUpdate);

    outlineA.focus(diagramId, rootId);
    for (const key of ['Enter', 'F2', 'Insert', 'Delete']) {
      expect(outlineA.keydown(diagramId, { key })).toBe(true);
      expect(outlineA.editing).toBeNull();
    }
    outlineA.keydown(diagramId, { key: 'z', ctrlKey: true });
    expect(outlineA.announcement).toMatch(/cannot change the board/);
    expect(outlineA.keydown(diagramId, { key: 'ArrowDown' })).toBe(true);
    expect(outlineA.activeId(a.diagrams.get(diagramId)!)).toBe(people);
    expect(sent).toHaveLength(0);

    locked = false;
    expect(outlineA.keydown(diagramId, { key: 'Enter' })).toBe(true);
    type(outlineA, 'People and staffing', 'Escape');
    expect(a.diagrams.get(diagramId)!.nodes[1]!.text).toBe('People and staffing');
    a.board.doc.off('update', onUpdate);
  });
});

describe('OutlineState, perspectives', () => {
  it('does not undo the removal of a node whose perspective this person does not speak for', () => {
    const { a, b, outlineB } = twoPeople();
    b.mayGivePerspective = (perspective) => perspectiveSuitsRole('contributor', perspective);
    const { diagramId, rootId } = a.edit((board) =>
      board.addDiagram({
        kind: 'fishbone',
        text: 'Falls',
        authorId: 'asha',
        perspective: 'patient',
      }),
    );
    const heard = a.edit((board) =>
      board.addNode({
        diagramId,
        parentId: rootId,
        text: 'No bell',
        authorId: 'asha',
        perspective: 'carer',
      }),
    );
    const own = b.edit((board) =>
      board.addNode({
        diagramId,
        parentId: rootId,
        text: 'Rota',
        authorId: 'ben',
        perspective: 'staff:nurse',
      }),
    );
    b.undoManager.stopCapturing();
    outlineB.remove(diagramId, heard);
    const sent: Uint8Array[] = [];
    const onUpdate = (update: Uint8Array) => sent.push(update);
    b.board.doc.on('update', onUpdate);
    outlineB.undo(diagramId);
    expect(outlineB.announcement).toMatch(/someone else’s contribution/);
    expect(sent).toHaveLength(0);
    b.board.doc.off('update', onUpdate);

    // Their own removed node comes back.
    b.undoManager.clear();
    outlineB.remove(diagramId, own);
    outlineB.undo(diagramId);
    expect(outlineB.announcement).toBe('Undone.');
    expect(a.diagrams.get(diagramId)!.nodes.map((n) => [n.text, n.perspective])).toEqual([
      ['Falls', 'patient'],
      ['Rota', 'staff:nurse'],
    ]);
  });
});

describe('OutlineState, patient data', () => {
  const NHS = '943 476 5919';

  function fishbone() {
    const people = twoPeople();
    const { diagramId } = people.a.edit((board, origin) =>
      board.addDiagram(
        { kind: 'fishbone', text: 'Falls', authorId: 'asha', perspective: 'patient' },
        origin,
      ),
    );
    return { ...people, diagramId, text: () => people.b.diagrams.get(diagramId)!.root.text };
  }

  it('saves nothing while the edit field holds an NHS number; Remove it, then it saves', () => {
    const { outlineA, diagramId, text } = fishbone();
    outlineA.keydown(diagramId, { key: 'Enter' });
    outlineA.draft = `Falls ${NHS}`;
    expect(outlineA.patientData.matches[0]?.kind).toBe('nhs-number');
    expect(outlineA.editKeydown({ key: 'Enter' })).toBe(true);
    expect(outlineA.editKeydown({ key: 'Tab' })).toBe(false); // on to the warning's buttons
    outlineA.commitEdit();
    expect(outlineA.editing).not.toBeNull();
    expect(text()).toBe('Falls');
    outlineA.removePatientData();
    expect(outlineA.draft).toBe('Falls [removed]');
    outlineA.editKeydown({ key: 'Escape' });
    expect(text()).toBe('Falls [removed]');
  });

  it('keeps it anyway in warn mode only', () => {
    const { a, outlineA, diagramId, text } = fishbone();
    outlineA.keydown(diagramId, { key: 'Enter' });
    outlineA.draft = 'Falls, DOB 1/2/1950';
    outlineA.keepPatientData();
    expect(outlineA.patientData.holds).toBe(false);
    setPatientDataMode(a.board.doc, 'block');
    expect(outlineA.patientData.holds).toBe(true);
    setPatientDataMode(a.board.doc, 'warn');
    outlineA.editKeydown({ key: 'Escape' });
    expect(text()).toBe('Falls, DOB 1/2/1950');
  });

  it('hands its view to the outline that replaces it, focus included only if it had it', () => {
    const { a, outlineA } = twoPeople();
    const { diagramId, category } = a.edit((board, origin) => {
      const who = { authorId: 'asha', perspective: 'patient' as const };
      const falls = board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }, origin);
      const people = board.addNode(
        { ...falls, parentId: falls.rootId, text: 'People', ...who },
        origin,
      );
      return { diagramId: falls.diagramId, category: people };
    });
    outlineA.open(diagramId);
    outlineA.focus(diagramId, category);
    outlineA.toggle(category);
    outlineA.hasFocus = true;

    const next = new OutlineState(a);
    cleanups.push(() => next.destroy());
    next.restore(outlineA.view);
    expect(next.current).toBe(diagramId);
    expect(next.activeId(a.diagrams.get(diagramId)!)).toBe(category);
    expect(next.collapsed.has(category)).toBe(true);
    expect([next.focusDiagram, next.focusTick]).toEqual([diagramId, 1]);

    outlineA.hasFocus = false;
    const unfocused = new OutlineState(a);
    cleanups.push(() => unfocused.destroy());
    unfocused.restore(outlineA.view);
    expect(unfocused.focusTick).toBe(0);
  });
});
