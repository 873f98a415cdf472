import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './Board';
import {
  CANVAS_RECORDS_KEY,
  NOT_A_NOTE,
  isNotePerspectiveKept,
  storedNodePerspective,
  storedNotePerspective,
} from './Perspective';

describe('stored perspectives (what write guards compare a new one with)', () => {
  it("reads a stored node's perspective, undefined for a node or diagram not there", () => {
    const doc = new Y.Doc();
    const { diagramId, rootId } = Board.open(doc).addDiagram({
      kind: 'fishbone',
      text: 'Falls at night',
      authorId: 'p',
      perspective: 'carer',
    });
    const at = (d: string, n: string) => ['diagrams', d, 'nodes', n, 'perspective'] as const;
    expect(storedNodePerspective(doc, at(diagramId, rootId))).toBe('carer');
    expect(storedNodePerspective(doc, at(diagramId, 'no-such-node'))).toBeUndefined();
    expect(storedNodePerspective(doc, at('no-such-diagram', rootId))).toBeUndefined();
  });

  it("reads a stored sticky note's perspective; other records are no note", () => {
    const doc = new Y.Doc();
    const records = doc.getMap(CANVAS_RECORDS_KEY);
    records.set('shape:a', { typeName: 'shape', type: 'note', meta: { perspective: 'patient' } });
    records.set('shape:old', { typeName: 'shape', type: 'note', meta: {} });
    records.set('shape:g', { typeName: 'shape', type: 'geo', meta: { perspective: 'patient' } });
    expect(storedNotePerspective(doc, 'shape:a')).toBe('patient');
    expect(storedNotePerspective(doc, 'shape:old')).toBeUndefined();
    expect(storedNotePerspective(doc, 'shape:g')).toBe(NOT_A_NOTE);
    expect(storedNotePerspective(doc, 'shape:none')).toBe(NOT_A_NOTE);
    expect(isNotePerspectiveKept(doc, 'shape:a', 'patient')).toBe(true);
    expect(isNotePerspectiveKept(doc, 'shape:a', 'staff:')).toBe(false);
    expect(isNotePerspectiveKept(doc, 'shape:none', undefined)).toBe(false);
  });
});
