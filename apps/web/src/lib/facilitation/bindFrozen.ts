import type * as Y from 'yjs';
import { facilitationMap, frozenDiagramIds } from '@qi/model';
import type { Role } from '@qi/protocol';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';

/**
 * Keeps `diagrams.frozen` in step with the diagrams the facilitator froze, so this person's
 * structure commands are refused before they are sent (facilitators are never frozen out).
 * Returns the cleanup.
 */
export function bindFrozen(doc: Y.Doc, role: Role, diagrams: BoardDiagrams): () => void {
  if (role === 'facilitator') return () => {};
  const map = facilitationMap(doc);
  const read = () => diagrams.setFrozen(frozenDiagramIds(doc));
  map.observe(read);
  read();
  return () => map.unobserve(read);
}
