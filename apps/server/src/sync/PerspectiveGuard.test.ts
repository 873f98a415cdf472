import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Board, type Perspective } from '@qi/model';
import { RefusalReason, type Role } from '@qi/protocol';
import { facilitationRefusal } from './FacilitationGuard';

/** The refusal for what `change` does to a copy of `server`, sent by `role`. */
function verdict(server: Y.Doc, role: Role, change: (board: Board, doc: Y.Doc) => void) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const vector = Y.encodeStateVector(client);
  change(Board.open(client), client);
  return facilitationRefusal(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client, vector)), role);
}

/** A board with one fishbone whose head a patient wrote. */
function boardWithFishbone() {
  const server = new Y.Doc();
  const fish = Board.open(server).addDiagram({
    kind: 'fishbone',
    text: 'Falls at night',
    authorId: 'p',
    perspective: 'patient',
  });
  return { server, ...fish };
}

describe('perspectiveRefusal (through facilitationRefusal)', () => {
  it('lets each role add nodes with its own perspectives only', () => {
    const { server, diagramId, rootId } = boardWithFishbone();
    const add = (perspective: Perspective) => (board: Board) =>
      board.addNode({ diagramId, parentId: rootId, text: 'Cause', authorId: 'a', perspective });
    const cases: [Role, Perspective, RefusalReason | null][] = [
      ['contributor', 'staff:ward nurse', null],
      ['contributor', 'staff:', null],
      ['contributor', 'patient', RefusalReason.perspectiveNotYours],
      ['contributor', 'carer', RefusalReason.perspectiveNotYours],
      ['patient', 'patient', null],
      ['patient', 'carer', null],
      ['patient', 'staff:consultant', RefusalReason.perspectiveNotYours],
      ['facilitator', 'patient', null],
      ['facilitator', 'staff:QI lead', null],
    ];
    for (const [role, perspective, expected] of cases) {
      expect(verdict(server, role, add(perspective)), `${role} as ${perspective}`).toBe(expected);
    }
  });

  it('checks a changed perspective, and nodes created inside a new diagram in one update', () => {
    const { server, diagramId, rootId } = boardWithFishbone();
    // The head is the patient's: a patient partner may say it was a carer's, staff may not relabel it.
    expect(verdict(server, 'patient', (b) => b.setPerspective(diagramId, rootId, 'carer'))).toBeNull();
    expect(
      verdict(server, 'contributor', (b) => b.setPerspective(diagramId, rootId, 'staff:x')),
    ).toBe(RefusalReason.perspectiveNotYours);
    expect(
      verdict(server, 'contributor', (b) => b.setPerspective(diagramId, rootId, 'carer')),
    ).toBe(RefusalReason.perspectiveNotYours);
    const cause = Board.open(server).addNode({
      diagramId,
      parentId: rootId,
      text: 'Cause',
      authorId: 's',
      perspective: 'staff:',
    });
    // A colleague's node: staff may give it their role; a patient partner may not claim it.
    expect(
      verdict(server, 'contributor', (b) => b.setPerspective(diagramId, cause, 'staff:nurse')),
    ).toBeNull();
    expect(verdict(server, 'patient', (b) => b.setPerspective(diagramId, cause, 'patient'))).toBe(
      RefusalReason.perspectiveNotYours,
    );
    expect(
      verdict(server, 'facilitator', (b) => b.setPerspective(diagramId, rootId, 'staff:x')),
    ).toBeNull();
    const diagram = (perspective: Perspective) => (b: Board) =>
      b.addDiagram({ kind: 'driver', text: 'Aim', authorId: 'a', perspective });
    expect(verdict(server, 'contributor', diagram('patient'))).toBe(
      RefusalReason.perspectiveNotYours,
    );
    expect(verdict(server, 'patient', diagram('carer'))).toBeNull();
  });

  it('leaves others’ nodes editable and stored content alone', () => {
    const { server, diagramId, rootId } = boardWithFishbone();
    // A member of staff rewording the patient's head: the perspective is not written.
    expect(
      verdict(server, 'contributor', (b) => b.setText(diagramId, rootId, 'Falls on the ward')),
    ).toBeNull();
    expect(
      verdict(server, 'contributor', (b) =>
        b.moveNode({
          diagramId,
          nodeId: b.addNode({
            diagramId,
            parentId: rootId,
            text: 'x',
            authorId: 'a',
            perspective: 'staff:',
          }),
          parentId: rootId,
          after: null,
        }),
      ),
    ).toBeNull();
    // A reconnecting staff client's step 2 holds the patient's node: content the board has.
    expect(
      facilitationRefusal(server, Y.decodeUpdate(Y.encodeStateAsUpdate(server)), 'contributor'),
    ).toBeNull();
  });

  it('refuses values that are no perspective at all, written raw', () => {
    const { server, diagramId, rootId } = boardWithFishbone();
    const node = (doc: Y.Doc) =>
      (
        (doc.getMap('diagrams').get(diagramId) as Y.Map<unknown>).get('nodes') as Y.Map<
          Y.Map<unknown>
        >
      ).get(rootId)!;
    expect(verdict(server, 'patient', (_b, doc) => node(doc).set('perspective', 7))).toBe(
      RefusalReason.perspectiveNotYours,
    );
    expect(
      verdict(server, 'patient', (_b, doc) => node(doc).set('perspective', new Y.Text('carer'))),
    ).toBe(RefusalReason.perspectiveNotYours);
    expect(verdict(server, 'facilitator', (_b, doc) => node(doc).set('perspective', 7))).toBeNull();
  });

  describe('sticky notes on the canvas', () => {
    /** A tldraw sticky note record as the web stores it (`meta.perspective` set by its author). */
    const note = (id: string, perspective?: string, x = 0) => ({
      id,
      typeName: 'shape',
      type: 'note',
      x,
      y: 0,
      props: { color: 'yellow' },
      meta: perspective === undefined ? {} : { perspective },
    });
    const put = (record: { id: string } & Record<string, unknown>) => (_b: Board, doc: Y.Doc) =>
      doc.getMap('tldraw').set(record.id, record);

    it('lets each role write notes of its own perspectives only; facilitators transcribe', () => {
      const { server } = boardWithFishbone();
      const cases: [Role, string, RefusalReason | null][] = [
        ['contributor', 'patient', RefusalReason.perspectiveNotYours],
        ['contributor', 'staff:ward nurse', null],
        ['patient', 'carer', null],
        ['patient', 'staff:consultant', RefusalReason.perspectiveNotYours],
        ['facilitator', 'patient', null],
      ];
      for (const [role, perspective, expected] of cases) {
        expect(verdict(server, role, put(note('shape:n', perspective))), role).toBe(expected);
      }
      // Other shapes and the board's other records carry no voice the panels count.
      expect(
        verdict(server, 'contributor', put({ ...note('shape:g', 'patient'), type: 'geo' })),
      ).toBeNull();
    });

    it('lets colleagues move others’ notes; refuses changing, relabelling or dropping the perspective', () => {
      const server = boardWithFishbone().server;
      // A patient's note, and one from before notes carried a perspective.
      server.getMap('tldraw').set('shape:p', note('shape:p', 'patient'));
      server.getMap('tldraw').set('shape:old', note('shape:old'));
      const cases: [Role, ReturnType<typeof note>, RefusalReason | null][] = [
        ['contributor', note('shape:p', 'patient', 50), null],
        ['contributor', note('shape:p', 'staff:x', 50), RefusalReason.perspectiveNotYours],
        ['patient', note('shape:p', 'carer', 50), null],
        ['contributor', note('shape:old', 'staff:x', 50), null],
        ['contributor', note('shape:p', 'carer', 50), RefusalReason.perspectiveNotYours],
        ['contributor', note('shape:p', undefined, 50), RefusalReason.perspectiveNotYours],
        ['patient', note('shape:old', undefined, 50), null],
        ['contributor', note('shape:new'), RefusalReason.perspectiveNotYours],
      ];
      for (const [role, record, expected] of cases) {
        expect(verdict(server, role, put(record)), `${role} ${record.id}`).toBe(expected);
      }
    });

    it('reads no canvas record for changes that write no note', () => {
      const { server, diagramId, rootId } = boardWithFishbone();
      const getMap = vi.spyOn(server, 'getMap');
      expect(verdict(server, 'contributor', (b) => b.setText(diagramId, rootId, 'x'))).toBeNull();
      expect(getMap).not.toHaveBeenCalledWith('tldraw');
      expect(verdict(server, 'contributor', put(note('shape:s', 'staff:x')))).toBeNull();
    });
  });
});
