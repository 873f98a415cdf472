import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './Board';
import { diagramsMap, metaMap } from './boardSchema';
import { UnsupportedVersionError } from './ModelError';
import { MIGRATIONS, migrateBoard, readSchemaVersion, SCHEMA_VERSION } from './migrations';

/** A board as version 1 wrote it: no schema stamp, nodes without perspective, links without strength. */
function versionOneDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const nodes = new Y.Map<unknown>();
    const node = (id: string, kind: string, parentId: string | null) => {
      const m = new Y.Map<unknown>();
      const text = new Y.Text();
      text.insert(0, id);
      for (const [k, v] of Object.entries({
        id,
        kind,
        parentId,
        position: 'i' + id,
        text,
        authorId: 'u',
        createdAt: 1,
      })) {
        m.set(k, v);
      }
      nodes.set(id, m);
    };
    node('aim', 'aim', null);
    node('p', 'primary', 'aim');
    node('p2', 'primary', 'aim');
    node('s', 'secondary', 'p');
    const links = new Y.Map<unknown>();
    links.set('s>p2', { from: 's', to: 'p2' });
    const d = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      id: 'd',
      kind: 'driver',
      createdAt: 1,
      rootId: 'aim',
      nodes,
      links,
    }))
      d.set(k, v);
    diagramsMap(doc).set('d', d);
  });
  return doc;
}

describe('schema migrations', () => {
  it('are numbered contiguously up to the current version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(
      Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1),
    );
  });

  it('1 → 2 gives existing nodes a staff perspective', () => {
    const doc = versionOneDoc();
    MIGRATIONS[0]!.up(doc);
    const d = Board.open(doc).getDiagram('d')!;
    expect(d.nodes.every((n) => n.perspective === 'staff:')).toBe(true);
  });

  it('2 → 3 makes existing links and tree edges strong', () => {
    const doc = versionOneDoc();
    MIGRATIONS[1]!.up(doc);
    const links = (diagramsMap(doc).get('d')!.get('links') as Y.Map<{ strength: string }>).get(
      's>p2',
    );
    expect(links?.strength).toBe('strong');
  });

  it('migrates an old doc on open, once, and stamps the version', () => {
    const doc = versionOneDoc();
    expect(readSchemaVersion(doc)).toBe(1);
    const board = Board.open(doc);
    expect(metaMap(doc).get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(board.getDiagram('d')!.links).toEqual([{ from: 's', to: 'p2', strength: 'strong' }]);
    expect(migrateBoard(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
  });

  it('stamps a fresh doc with the current version', () => {
    const doc = new Y.Doc();
    Board.open(doc);
    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION);
  });

  it('refuses a doc from a newer version without changing it', () => {
    const doc = versionOneDoc();
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => Board.open(doc)).toThrow(UnsupportedVersionError);
    expect(() => Board.open(doc)).toThrow(`version ${SCHEMA_VERSION + 1}, but`);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
