import type { Awareness } from 'y-protocols/awareness';
import {
  InstancePresenceRecordType,
  TLINSTANCE_ID,
  TLPOINTER_ID,
  type TLInstancePresence,
  type TLPageId,
  type TLStore,
} from 'tldraw';
import type { AwarenessCursor, AwarenessState } from '@qi/protocol';
import { readAwarenessUser } from '$lib/identity/readAwarenessUser';

/** Longest gap between two cursor broadcasts while the pointer moves (ms). */
const CURSOR_INTERVAL_MS = 50;

/**
 * Shares cursors through Yjs awareness. Publishes this client's pointer (page coordinates)
 * as `cursor` in its awareness state, and shows everyone else's as tldraw presence records,
 * which the editor draws as named, coloured cursors. When the pointer leaves `canvas`, the
 * cursor is withdrawn so others do not see it parked at the edge. Returns a function that unbinds.
 */
export function bindPresence(
  store: TLStore,
  awareness: Awareness,
  canvas?: EventTarget,
): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastSent = 0;

  const publishCursor = () => {
    pending = undefined;
    lastSent = Date.now();
    awareness.setLocalStateField('cursor', currentCursor(store));
  };

  const stopListening = store.listen(
    ({ changes }) => {
      const pointerMoved = TLPOINTER_ID in changes.updated || TLPOINTER_ID in changes.added;
      const pageChanged = TLINSTANCE_ID in changes.updated;
      if (!pointerMoved && !pageChanged) return;
      if (pending !== undefined) return;
      const wait = Math.max(0, lastSent + CURSOR_INTERVAL_MS - Date.now());
      pending = setTimeout(publishCursor, wait);
    },
    { source: 'user', scope: 'session' },
  );

  const withdrawCursor = () => {
    if (pending !== undefined) clearTimeout(pending);
    pending = undefined;
    awareness.setLocalStateField('cursor', null);
  };
  canvas?.addEventListener('pointerleave', withdrawCursor);

  const onAwarenessChange = () => {
    const states = awareness.getStates() as Map<number, Partial<AwarenessState>>;
    applyPresence(store, presenceRecords(states, awareness.clientID, Date.now()));
  };
  awareness.on('change', onAwarenessChange);
  onAwarenessChange();

  return () => {
    stopListening();
    canvas?.removeEventListener('pointerleave', withdrawCursor);
    awareness.off('change', onAwarenessChange);
    if (pending !== undefined) clearTimeout(pending);
    applyPresence(store, []);
  };
}

/** This client's pointer in page coordinates, with the page it is looking at. */
function currentCursor(store: TLStore): AwarenessCursor | null {
  const pointer = store.get(TLPOINTER_ID);
  const instance = store.get(TLINSTANCE_ID);
  if (!pointer) return null;
  return { x: pointer.x, y: pointer.y, pageId: instance?.currentPageId };
}

/**
 * tldraw presence records for every other client that has a name and a cursor.
 * Pure, so the mapping can be tested without an editor.
 */
export function presenceRecords(
  states: ReadonlyMap<number, Partial<AwarenessState>>,
  localClientId: number,
  now: number,
): TLInstancePresence[] {
  const result: TLInstancePresence[] = [];
  for (const [clientId, state] of states) {
    const user = readAwarenessUser(state.user);
    const cursor = state.cursor;
    if (clientId === localClientId || !user || !cursor) continue;
    if (!Number.isFinite(cursor.x) || !Number.isFinite(cursor.y)) continue;
    result.push(
      InstancePresenceRecordType.create({
        id: InstancePresenceRecordType.createId(String(clientId)),
        userId: String(clientId),
        userName: user.name,
        color: user.color,
        currentPageId: (typeof cursor.pageId === 'string'
          ? cursor.pageId
          : 'page:page') as TLPageId,
        cursor: { x: cursor.x, y: cursor.y, type: 'default', rotation: 0 },
        lastActivityTimestamp: now,
      }),
    );
  }
  return result;
}

/**
 * Replaces the store's presence records with `next`, as a remote change. A cursor that has not
 * moved keeps its last activity time, so tldraw can fade out people who went idle.
 */
function applyPresence(store: TLStore, next: TLInstancePresence[]): void {
  const current = new Map(
    store.query
      .records('instance_presence')
      .get()
      .map((record) => [record.id, record]),
  );
  const toPut = next.map((record) => {
    const previous = current.get(record.id);
    const unmoved =
      previous?.cursor &&
      record.cursor &&
      previous.cursor.x === record.cursor.x &&
      previous.cursor.y === record.cursor.y;
    return unmoved ? { ...record, lastActivityTimestamp: previous.lastActivityTimestamp } : record;
  });
  const nextIds = new Set(next.map((record) => record.id));
  const stale = [...current.keys()].filter((id) => !nextIds.has(id));
  store.mergeRemoteChanges(() => {
    if (stale.length > 0) store.remove(stale);
    if (toPut.length > 0) store.put(toPut);
  });
}
