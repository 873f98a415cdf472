import { describe, expect, it } from 'vitest';
import type { TLRecord, TLShapeId } from 'tldraw';
import { rectangle } from '../testStores';
import { diagramShapeId } from './DiagramShape';
import { diagramBox as box, newDiagramStore } from './testBoxes';
import { FROZEN_BOX_MESSAGE, keepFrozenBoxes } from './keepFrozenBoxes';

/** A canvas store with the boxes of a frozen and an open diagram and a rectangle. */
function canvas() {
  const store = newDiagramStore();
  store.put([box('fish'), box('open'), rectangle('r', 0, 0)] as TLRecord[]);
  const frozen = new Set(['fish']);
  const diagrams = {
    isFrozen: (id: string) => frozen.has(id),
    diagrams: new Map([
      ['fish', {}],
      ['open', {}],
    ]),
  };
  const told: [string, string][] = [];
  const stop = keepFrozenBoxes(store.sideEffects, diagrams, (id, text) => told.push([id, text]));
  return { store, frozen, diagrams, told, stop };
}

describe('keepFrozenBoxes', () => {
  it('keeps a frozen diagram’s box when this person deletes it, and says why', () => {
    const { store, told } = canvas();
    const ids = [diagramShapeId('fish'), diagramShapeId('open'), 'shape:r' as TLShapeId];
    store.remove(ids);
    expect(store.has(diagramShapeId('fish'))).toBe(true);
    expect(store.has(diagramShapeId('open'))).toBe(false);
    expect(store.has('shape:r' as TLShapeId)).toBe(false);
    expect(told).toEqual([['fish', FROZEN_BOX_MESSAGE]]);
    // Moving it is fine.
    store.update(diagramShapeId('fish'), (shape) => ({ ...shape, x: 120 }));
    expect(store.get(diagramShapeId('fish'))?.x).toBe(120);
  });

  it('lets other browsers’ changes, unfrozen diagrams and deleted diagrams’ boxes go', () => {
    const remote = canvas();
    remote.store.mergeRemoteChanges(() => remote.store.remove([diagramShapeId('fish')]));
    expect(remote.store.has(diagramShapeId('fish'))).toBe(false);

    const unfrozen = canvas();
    unfrozen.frozen.delete('fish');
    unfrozen.store.remove([diagramShapeId('fish')]);
    expect(unfrozen.store.has(diagramShapeId('fish'))).toBe(false);

    const leftover = canvas();
    leftover.diagrams.diagrams.delete('fish');
    leftover.store.remove([diagramShapeId('fish')]);
    expect(leftover.store.has(diagramShapeId('fish'))).toBe(false);

    const stopped = canvas();
    stopped.stop();
    stopped.store.remove([diagramShapeId('fish')]);
    expect(stopped.store.has(diagramShapeId('fish'))).toBe(false);
    expect([...remote.told, ...unfrozen.told, ...leftover.told, ...stopped.told]).toEqual([]);
  });
});
