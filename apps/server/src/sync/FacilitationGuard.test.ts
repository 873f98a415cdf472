import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { facilitationMap, setBoardLock } from '@qi/model';
import { RefusalReason } from '@qi/protocol';
import { facilitationRefusal } from './FacilitationGuard';

/** The refusal for what `change` adds to a copy of `server`, sent by `role`. */
function verdict(server: Y.Doc, change: (doc: Y.Doc) => void, role = 'contributor' as const) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const vector = Y.encodeStateVector(client);
  change(client);
  return facilitationRefusal(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client, vector)), role);
}

describe('facilitationRefusal', () => {
  it('finds the facilitation root through stored parents, origins and same-update parents', () => {
    const server = new Y.Doc();
    const steps = new Y.Array<string>();
    facilitationMap(server).set('notes', steps);
    steps.push(['one']);
    const other = new Y.Array<string>();
    server.getMap('board').set('list', other);
    other.push(['a']);

    // Appended after a stored sibling: parent known only through the origin.
    expect(
      verdict(server, (d) => (facilitationMap(d).get('notes') as Y.Array<string>).push(['two'])),
    ).toBe(RefusalReason.facilitatorOnly);
    // A type created and filled in one update.
    expect(
      verdict(server, (d) => {
        const nested = new Y.Map<number>();
        facilitationMap(d).set('fresh', nested);
        nested.set('n', 1);
      }),
    ).toBe(RefusalReason.facilitatorOnly);
    // Deleting a stored entry.
    expect(
      verdict(server, (d) => (facilitationMap(d).get('notes') as Y.Array<string>).delete(0, 1)),
    ).toBe(RefusalReason.facilitatorOnly);
    // Elsewhere on the board: fine; and a facilitator may do anything.
    expect(
      verdict(server, (d) => (d.getMap('board').get('list') as Y.Array<string>).push(['b'])),
    ).toBeNull();
    expect(
      verdict(server, (d) => facilitationMap(d).set('x', 1), 'facilitator' as never),
    ).toBeNull();
  });

  it('refuses any change while locked, but not content the board already has', () => {
    const server = new Y.Doc();
    server.getArray<string>('items').push(['a', 'b']);
    server.getArray<string>('items').delete(0, 1);
    setBoardLock(server, true);
    expect(verdict(server, (d) => d.getArray<string>('items').push(['c']))).toBe(
      RefusalReason.boardLocked,
    );
    // A full-state step 2 (structs and deletions the server has) changes nothing.
    expect(
      facilitationRefusal(server, Y.decodeUpdate(Y.encodeStateAsUpdate(server)), 'patient'),
    ).toBeNull();
  });
});
