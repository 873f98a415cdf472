import * as Y from 'yjs';
import { DIAGRAMS_KEY } from '../boardSchema';
import { CANVAS_RECORDS_KEY } from '../Perspective';
import { boxedDiagramId } from './diagramBoxes';
import { facilitationMap } from './Facilitation';

/** Key in the facilitation map: an object of diagramId → true for diagrams whose structure is frozen. */
const FROZEN_KEY = 'frozen';

/**
 * A place in the board document: the root's name, then the map key (or null for a position in
 * an array or text) of each level down to the changed entry, e.g.
 * `['diagrams', d, 'nodes', n, 'position']` or `['diagrams', d, 'nodes', n, 'text', null]`.
 */
export type DocLocation = readonly (string | null)[];

/** Keys of a node record that are wording, not structure: stay editable while frozen. */
const NODE_WORDING_KEYS: ReadonlySet<string> = new Set(['text', 'notes', 'perspective', 'aim']);
/** Keys of a diagram record that are records about the tree, not the tree: stay editable. */
const DIAGRAM_RECORD_KEYS: ReadonlySet<string> = new Set(['measures', 'pdsa']);

/** Ids of the diagrams whose structure the facilitator has frozen (malformed entries ignored). */
export function frozenDiagramIds(doc: Y.Doc): ReadonlySet<string> {
  const frozen = facilitationMap(doc).get(FROZEN_KEY);
  if (typeof frozen !== 'object' || frozen === null || Array.isArray(frozen)) return new Set();
  return new Set(
    Object.entries(frozen as Record<string, unknown>)
      .filter(([, on]) => on === true)
      .map(([id]) => id),
  );
}

/** True while the diagram's structure is frozen. */
export function isDiagramFrozen(doc: Y.Doc, diagramId: string): boolean {
  return frozenDiagramIds(doc).has(diagramId);
}

/** Freezes or unfreezes one diagram's structure (facilitators only: the server refuses others). */
export function setDiagramFrozen(doc: Y.Doc, diagramId: string, frozen: boolean): void {
  const ids = new Set(frozenDiagramIds(doc));
  if (frozen) ids.add(diagramId);
  else ids.delete(diagramId);
  const map = facilitationMap(doc);
  if (ids.size === 0) map.delete(FROZEN_KEY);
  else map.set(FROZEN_KEY, Object.fromEntries([...ids].map((id) => [id, true])));
}

/** Where a shared type sits in its document: its root's name, then the map keys down to it. */
export function typeLocation(type: Y.AbstractType<unknown>): DocLocation {
  const path: (string | null)[] = [];
  let current = type;
  while (current._item) {
    path.unshift(current._item.parentSub);
    current = current._item.parent as Y.AbstractType<unknown>;
  }
  for (const [name, root] of current.doc?.share ?? []) {
    if (root === current) return [name, ...path];
  }
  return [];
}

/**
 * Diagrams whose structure a transaction alters, from its changed types and their events (a
 * transaction's or an undo step's `changedParentTypes`): e.g. to keep an undo from reaching a
 * frozen diagram. A diagram whose box it puts on or takes off the canvas counts too (a frozen
 * diagram keeps its box: undoing the step that placed it would delete it); moving the box does not.
 */
export function structureChangedBy(changed: {
  values(): Iterable<readonly Y.YEvent<Y.AbstractType<unknown>>[]>;
}): Set<string> {
  const ids = new Set<string>();
  // Each type lists its own events and its descendants': judge each event once, at its target.
  const seen = new Set<Y.YEvent<Y.AbstractType<unknown>>>();
  for (const events of changed.values()) {
    for (const event of events) {
      if (seen.has(event)) continue;
      seen.add(event);
      const at = typeLocation(event.target);
      const keys = event instanceof Y.YMapEvent ? [...event.keysChanged] : [null];
      for (const key of keys) {
        const id = structureChangedAt([...at, key]) ?? boxPlacedOrRemoved(event, at, key);
        if (id) ids.add(id);
      }
    }
  }
  return ids;
}

/** The diagram whose box a change of a canvas record adds or deletes (not updates), or null. */
function boxPlacedOrRemoved(
  event: Y.YEvent<Y.AbstractType<unknown>>,
  at: DocLocation,
  key: string | null,
): string | null {
  if (key === null || at.length !== 1 || at[0] !== CANVAS_RECORDS_KEY) return null;
  const change = event.keys.get(key);
  if (!change || change.action === 'update') return null;
  const record =
    change.action === 'add' ? (event.target as Y.Map<unknown>).get(key) : change.oldValue;
  return boxedDiagramId(record);
}

/**
 * The diagram whose structure a change at `location` alters, or null. Structure is which nodes
 * exist, their parent, order and kind, edge strength, cross-links and the diagram record itself;
 * node wording (text, notes, perspective, aim parts), measures and PDSA records are not.
 */
export function structureChangedAt(location: DocLocation): string | null {
  const [root, diagramId, part, nodeId, nodeKey] = location;
  if (root !== DIAGRAMS_KEY || typeof diagramId !== 'string') return null;
  if (location.length <= 2 || part === null || part === undefined) return diagramId;
  if (DIAGRAM_RECORD_KEYS.has(part)) return null;
  if (part !== 'nodes' || location.length <= 4 || nodeId === null) return diagramId;
  return nodeKey !== null && nodeKey !== undefined && NODE_WORDING_KEYS.has(nodeKey)
    ? null
    : diagramId;
}
