import { describe, expect, it } from 'vitest';
import type { TLRecord, TLShapeId } from 'tldraw';
import { diagramShapeId } from './DiagramShape';
import { diagramBox as box, newDiagramStore } from './testBoxes';
import { keepFrozenBoxes } from './keepFrozenBoxes';
import { COPY_BOX_MESSAGE, oneBoxPerDiagram } from './oneBoxPerDiagram';

/** A canvas store with the box of diagram `fish` (frozen, so its box is kept too). */
function canvas() {
  const store = newDiagramStore();
  store.put([box('fish')] as TLRecord[]);
  const told: string[] = [];
  keepFrozenBoxes(
    store.sideEffects,
    { isFrozen: () => true, diagrams: new Map([['fish', {}]]) },
    () => undefined,
  );
  oneBoxPerDiagram(
    store.sideEffects,
    (id) => store.remove([id]),
    (text) => told.push(text),
  );
  return { store, told };
}

describe('oneBoxPerDiagram', () => {
  it('takes away a pasted or duplicated copy of a diagram’s box, even of a frozen one, and says how to copy', () => {
    const { store, told } = canvas();
    const copy = 'shape:copy' as TLShapeId;
    store.put([box('fish', copy)] as TLRecord[]);
    expect(store.has(copy)).toBe(false);
    expect(store.has(diagramShapeId('fish'))).toBe(true);
    expect(told).toEqual([COPY_BOX_MESSAGE]);
    // From another board: a diagram this board does not have.
    store.put([box('elsewhere', 'shape:other' as TLShapeId)] as TLRecord[]);
    expect(store.has('shape:other' as TLShapeId)).toBe(false);
    expect(told).toEqual([COPY_BOX_MESSAGE, COPY_BOX_MESSAGE]);
  });

  it('leaves a diagram’s own box and other browsers’ records alone', () => {
    const { store, told } = canvas();
    store.put([box('new')] as TLRecord[]);
    expect(store.has(diagramShapeId('new'))).toBe(true);
    store.mergeRemoteChanges(() =>
      store.put([box('fish', 'shape:remote' as TLShapeId)] as TLRecord[]),
    );
    expect(store.has('shape:remote' as TLShapeId)).toBe(true);
    expect(told).toEqual([]);
  });
});
