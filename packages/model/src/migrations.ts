import * as Y from 'yjs';
import { diagramsMap, metaMap, readChildMap } from './boardSchema';
import { UnsupportedVersionError } from './ModelError';

/** The board schema version this code writes. Bump it and add a migration for every layout change. */
export const SCHEMA_VERSION = 3;

/** Transaction origin of migration writes, so undo managers never track them. */
export const MIGRATION_ORIGIN = Symbol('qi-board migration');

/** One step from schema version `from` to `from + 1`. Steps must be idempotent: two replicas may both run one. */
export interface Migration {
  readonly from: number;
  readonly description: string;
  readonly up: (doc: Y.Doc) => void;
}

function forEachNode(doc: Y.Doc, fn: (node: Y.Map<unknown>) => void): void {
  diagramsMap(doc).forEach((diagram) => {
    readChildMap(diagram, 'nodes')?.forEach((node) => {
      if (node instanceof Y.Map) fn(node);
    });
  });
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    description:
      'Nodes record a perspective; existing nodes become staff contributions with no role.',
    up: (doc) =>
      forEachNode(doc, (node) => {
        if (typeof node.get('perspective') !== 'string') node.set('perspective', 'staff:');
      }),
  },
  {
    from: 2,
    description: 'Links and tree edges carry a strength; existing ones become strong.',
    up: (doc) => {
      forEachNode(doc, (node) => {
        if (node.get('strength') !== 'weak' && node.get('strength') !== 'strong') {
          node.set('strength', 'strong');
        }
      });
      diagramsMap(doc).forEach((diagram) => {
        const links = readChildMap(diagram, 'links');
        links?.forEach((value, key) => {
          const v = value as { from: string; to: string; strength?: string };
          if (v.strength !== 'weak' && v.strength !== 'strong')
            links.set(key, { ...v, strength: 'strong' });
        });
      });
    },
  },
];

/** The schema version stored in a board doc; undefined for a brand-new empty doc, 1 for a pre-versioning doc. */
export function readSchemaVersion(doc: Y.Doc): number | undefined {
  const v = metaMap(doc).get('schemaVersion');
  if (typeof v === 'number') return v;
  return diagramsMap(doc).size > 0 ? 1 : undefined;
}

/**
 * Brings a board doc up to SCHEMA_VERSION in one transaction, or stamps the version on an empty doc.
 * A doc from a newer version throws UnsupportedVersionError before anything is written.
 * Run it after the initial sync, so an old doc is not mistaken for an empty one.
 */
export function migrateBoard(
  doc: Y.Doc,
  origin: unknown = MIGRATION_ORIGIN,
): { from: number; to: number } {
  const found = readSchemaVersion(doc);
  if (found !== undefined && found > SCHEMA_VERSION) {
    throw new UnsupportedVersionError('board schema', found, SCHEMA_VERSION);
  }
  const from = found ?? SCHEMA_VERSION;
  if (found === SCHEMA_VERSION) return { from, to: from };
  doc.transact(() => {
    for (const m of MIGRATIONS) if (m.from >= from) m.up(doc);
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
  }, origin);
  return { from, to: SCHEMA_VERSION };
}
