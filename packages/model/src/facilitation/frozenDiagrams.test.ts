import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  frozenDiagramIds,
  isDiagramFrozen,
  setDiagramFrozen,
  structureChangedAt,
} from './frozenDiagrams';
import { facilitationMap } from './Facilitation';

describe('frozen diagrams', () => {
  it('freezes and unfreezes diagrams one by one, ignoring malformed entries', () => {
    const doc = new Y.Doc();
    expect(frozenDiagramIds(doc).size).toBe(0);
    setDiagramFrozen(doc, 'fish', true);
    setDiagramFrozen(doc, 'driver', true);
    expect([...frozenDiagramIds(doc)].sort()).toEqual(['driver', 'fish']);
    setDiagramFrozen(doc, 'fish', false);
    expect(isDiagramFrozen(doc, 'fish')).toBe(false);
    expect(isDiagramFrozen(doc, 'driver')).toBe(true);
    setDiagramFrozen(doc, 'driver', false);
    expect(facilitationMap(doc).has('frozen')).toBe(false);
    facilitationMap(doc).set('frozen', { a: 'yes', b: true });
    expect([...frozenDiagramIds(doc)]).toEqual(['b']);
    facilitationMap(doc).set('frozen', ['a']);
    expect(frozenDiagramIds(doc).size).toBe(0);
  });

  it('tells structure from wording', () => {
    const structural = [
      ['diagrams', 'd'],
      ['diagrams', 'd', 'rootId'],
      ['diagrams', 'd', 'nodes'],
      ['diagrams', 'd', 'nodes', 'n'],
      ['diagrams', 'd', 'nodes', 'n', 'parentId'],
      ['diagrams', 'd', 'nodes', 'n', 'position'],
      ['diagrams', 'd', 'nodes', 'n', 'strength'],
      ['diagrams', 'd', 'nodes', 'n', 'kind'],
      ['diagrams', 'd', 'links', 'a>b'],
      ['diagrams', 'd', 'links', 'a>b', 'strength'],
    ];
    for (const location of structural) expect(structureChangedAt(location)).toBe('d');
    const wording = [
      ['diagrams', 'd', 'nodes', 'n', 'text', null],
      ['diagrams', 'd', 'nodes', 'n', 'notes', null],
      ['diagrams', 'd', 'nodes', 'n', 'perspective'],
      ['diagrams', 'd', 'nodes', 'n', 'aim', 'what', null],
      ['diagrams', 'd', 'measures', 'm', 'name'],
      ['diagrams', 'd', 'pdsa', 'p', 'fields', 'plan', null],
      ['facilitation', 'frozen'],
      ['diagrams'],
      ['tldraw', 'shape:1'],
    ];
    for (const location of wording) expect(structureChangedAt(location)).toBeNull();
  });
});
