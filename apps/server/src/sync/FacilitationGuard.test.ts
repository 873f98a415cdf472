import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board, diagramBoxId, facilitationMap, setBoardLock, setDiagramFrozen } from '@qi/model';
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

  it('refuses structure changes to a frozen diagram, not its wording nor other diagrams', () => {
    const server = new Y.Doc();
    const board = Board.open(server);
    const who = { authorId: 'a', perspective: 'staff:' as const };
    const fish = board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who });
    const people = board.addNode({
      diagramId: fish.diagramId,
      parentId: fish.rootId,
      text: 'People',
      ...who,
    });
    const methods = board.addNode({
      diagramId: fish.diagramId,
      parentId: fish.rootId,
      text: 'Methods',
      ...who,
    });
    const cause = board.addNode({
      diagramId: fish.diagramId,
      parentId: people,
      text: 'Tired',
      ...who,
    });
    const other = board.addDiagram({ kind: 'fishbone', text: 'Delays', ...who });
    board.setMeasure({
      diagramId: fish.diagramId,
      type: 'balancing',
      name: 'Harm',
      definition: '',
    });
    setDiagramFrozen(server, fish.diagramId, true);
    const open = (d: Y.Doc) => Board.open(d);
    const { diagramId } = fish;

    const structural: ((d: Y.Doc) => void)[] = [
      (d) => open(d).addNode({ diagramId, parentId: methods, text: 'New', ...who }),
      (d) => open(d).deleteNode(diagramId, cause),
      (d) => open(d).moveNode({ diagramId, nodeId: cause, parentId: methods }),
      (d) => open(d).moveNode({ diagramId, nodeId: methods, parentId: fish.rootId, after: null }),
      (d) => open(d).deleteDiagram(diagramId),
    ];
    for (const change of structural) {
      expect(verdict(server, change)).toBe(RefusalReason.diagramFrozen);
      expect(verdict(server, change, 'facilitator' as never)).toBeNull();
    }
    const allowed: ((d: Y.Doc) => void)[] = [
      (d) => open(d).setText(diagramId, cause, 'Tired staff at night'),
      (d) => open(d).setText(diagramId, cause, ''),
      (d) => open(d).setNotes(diagramId, cause, 'seen on two wards'),
      (d) => open(d).setMeasure({ diagramId, type: 'balancing', name: 'Delay', definition: '' }),
      (d) =>
        open(d).addNode({
          diagramId: other.diagramId,
          parentId: other.rootId,
          text: 'Staff',
          ...who,
        }),
      (d) => d.getMap('tldraw').set('shape:1', { x: 1 }),
    ];
    for (const change of allowed) expect(verdict(server, change)).toBeNull();
    setDiagramFrozen(server, diagramId, false);
    expect(verdict(server, structural[0]!)).toBeNull();
  });

  describe('a frozen diagram’s box on the canvas', () => {
    const who = { authorId: 'a', perspective: 'staff:' as const };
    const box = (diagramId: string, x = 0, w = 300) => ({
      id: diagramBoxId(diagramId),
      typeName: 'shape',
      type: 'qi-diagram',
      parentId: 'page:page',
      x,
      y: 0,
      props: { diagramId, w, h: 200 },
    });
    const records = (d: Y.Doc) => d.getMap<unknown>('tldraw');

    /** A board with a frozen fishbone and an open one, each with its box, and a sticky note. */
    function frozenBoard() {
      const server = new Y.Doc();
      const board = Board.open(server);
      const fish = board.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }).diagramId;
      const other = board.addDiagram({ kind: 'fishbone', text: 'Delays', ...who }).diagramId;
      records(server).set(diagramBoxId(fish), box(fish));
      records(server).set(diagramBoxId(other), box(other));
      records(server).set('shape:note', { typeName: 'shape', type: 'note', x: 0, y: 0 });
      setDiagramFrozen(server, fish, true);
      return { server, board, fish, other, fishBox: diagramBoxId(fish) };
    }

    it('refuses deleting it or writing anything over it but that diagram’s box', () => {
      const { server, fish, other, fishBox } = frozenBoard();
      const refused: ((d: Y.Doc) => void)[] = [
        (d) => records(d).delete(fishBox),
        (d) => records(d).set(fishBox, { typeName: 'shape', type: 'note', x: 0, y: 0 }),
        (d) => records(d).set(fishBox, { ...box(fish), type: 'geo' }),
        (d) => records(d).set(fishBox, box(other)),
        (d) => records(d).set(fishBox, 'gone'),
        // Moved, then deleted or overwritten, in one update: what stays is no box.
        (d) => {
          records(d).set(fishBox, box(fish, 50));
          records(d).delete(fishBox);
        },
        (d) => {
          records(d).set(fishBox, box(fish, 50));
          records(d).set(fishBox, box(other));
        },
        // Among other changes: a selection deleted at once.
        (d) =>
          d.transact(() => {
            records(d).delete('shape:note');
            records(d).delete(fishBox);
          }),
      ];
      for (const change of refused) {
        expect(verdict(server, change)).toBe(RefusalReason.diagramFrozen);
        expect(verdict(server, change, 'patient' as never)).toBe(RefusalReason.diagramFrozen);
        expect(verdict(server, change, 'facilitator' as never)).toBeNull();
      }
    });

    it('lets it be moved and resized, and leaves other boxes and records alone', () => {
      const { server, board, fish, other, fishBox } = frozenBoard();
      const allowed: ((d: Y.Doc) => void)[] = [
        (d) => records(d).set(fishBox, box(fish, 120)),
        (d) => records(d).set(fishBox, box(fish, 0, 420)),
        // Several moves made offline, sent in one step 2.
        (d) => {
          records(d).set(fishBox, box(fish, 10));
          records(d).set(fishBox, box(fish, 20));
          records(d).set(fishBox, box(fish, 30));
        },
        (d) => records(d).delete(diagramBoxId(other)),
        (d) => records(d).delete('shape:note'),
        (d) => records(d).set('shape:new', { typeName: 'shape', type: 'geo', x: 1, y: 1 }),
      ];
      for (const change of allowed) expect(verdict(server, change)).toBeNull();

      // Unfrozen, it may go.
      setDiagramFrozen(server, fish, false);
      expect(verdict(server, (d) => records(d).delete(fishBox))).toBeNull();
      setDiagramFrozen(server, fish, true);
      // The box of a diagram the facilitator deleted may be cleared away.
      board.deleteDiagram(fish);
      expect(verdict(server, (d) => records(d).delete(fishBox))).toBeNull();
    });

    it('lets a missing box be placed again, and a concurrent move arrive after another', () => {
      const { server, fish, fishBox } = frozenBoard();
      const first = new Y.Doc();
      const second = new Y.Doc();
      Y.applyUpdate(first, Y.encodeStateAsUpdate(server));
      Y.applyUpdate(second, Y.encodeStateAsUpdate(server));
      const vector = Y.encodeStateVector(second);
      records(first).set(fishBox, box(fish, 100));
      records(second).set(fishBox, box(fish, 200));
      Y.applyUpdate(server, Y.encodeStateAsUpdate(first, Y.encodeStateVector(server)));
      // The second move overwrote the box the server no longer holds: no removal.
      const late = Y.decodeUpdate(Y.encodeStateAsUpdate(second, vector));
      expect(facilitationRefusal(server, late, 'contributor')).toBeNull();

      const setup = frozenBoard();
      setDiagramFrozen(setup.server, setup.fish, false);
      records(setup.server).delete(setup.fishBox);
      setDiagramFrozen(setup.server, setup.fish, true);
      expect(
        verdict(setup.server, (d) => records(d).set(setup.fishBox, box(setup.fish, 500))),
      ).toBeNull();
    });
  });
});
