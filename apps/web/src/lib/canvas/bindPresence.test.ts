import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { TLINSTANCE_ID, TLPOINTER_ID, type TLInstancePresence } from 'tldraw';
import type { AwarenessState } from '@qi/protocol';
import { bindPresence, presenceRecords } from './bindPresence';
import { newStore, seedDocument } from './testStores';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** Forwards every awareness change of `from` to `to`, as the server would. */
function forward(from: Awareness, to: Awareness): void {
  const handler = ({ added, updated, removed }: Record<string, number[]>) => {
    const changed = [...added!, ...updated!, ...removed!];
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'relay');
  };
  from.on('update', handler);
  cleanups.push(() => from.off('update', handler));
}

function awareness(): Awareness {
  const result = new Awareness(new Y.Doc());
  cleanups.push(() => result.destroy());
  return result;
}

describe('presenceRecords', () => {
  it('maps other named clients with a cursor to tldraw presence records', () => {
    const states = new Map<number, Partial<AwarenessState>>([
      [1, { user: { name: 'Me', color: '#000000' }, cursor: { x: 0, y: 0 } }],
      [2, { user: { name: 'Asha', color: '#b91c1c' }, cursor: { x: 4, y: 5, pageId: 'page:p2' } }],
      [3, { user: { name: 'No cursor', color: '#047857' } }],
      [4, { cursor: { x: 1, y: 1 } }],
    ]);
    const records = presenceRecords(states, 1, 1234);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject<Partial<TLInstancePresence>>({
      id: 'instance_presence:2' as TLInstancePresence['id'],
      userName: 'Asha',
      color: '#b91c1c',
      currentPageId: 'page:p2' as TLInstancePresence['currentPageId'],
      cursor: { x: 4, y: 5, type: 'default', rotation: 0 },
      lastActivityTimestamp: 1234,
    });
  });
});

describe('bindPresence', () => {
  it("publishes this client's pointer and shows the other's cursor", async () => {
    const storeA = newStore();
    const storeB = newStore();
    for (const store of [storeA, storeB]) {
      seedDocument(store);
    }
    const awA = awareness();
    const awB = awareness();
    forward(awA, awB);
    forward(awB, awA);
    awA.setLocalStateField('user', { name: 'Asha', color: '#b91c1c' });
    awB.setLocalStateField('user', { name: 'Ben', color: '#047857' });
    const canvasA = new EventTarget();
    cleanups.push(bindPresence(storeA, awA, canvasA), bindPresence(storeB, awB));

    storeA.update(TLPOINTER_ID, (pointer) => ({ ...pointer, x: 120, y: 80 }));

    await vi.waitFor(() => {
      const [cursor] = storeB.query.records('instance_presence').get();
      expect(cursor).toMatchObject({ userName: 'Asha', cursor: { x: 120, y: 80 } });
      expect(cursor?.currentPageId).toBe(storeA.get(TLINSTANCE_ID)?.currentPageId);
    });
    const seenByA = storeA.query.records('instance_presence').get();
    expect(seenByA.map((record) => record.userName)).not.toContain('Asha');

    canvasA.dispatchEvent(new Event('pointerleave'));
    expect(storeB.query.records('instance_presence').get()).toHaveLength(0);
    storeA.update(TLPOINTER_ID, (pointer) => ({ ...pointer, x: 130 }));
    await vi.waitFor(() => {
      expect(storeB.query.records('instance_presence').get()).toHaveLength(1);
    });

    removeAwarenessStates(awA, [awA.clientID], 'gone');
    expect(storeB.query.records('instance_presence').get()).toHaveLength(0);
  });
});
