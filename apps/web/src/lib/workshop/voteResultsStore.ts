import type * as Y from 'yjs';
import { facilitationMap, readVoteResults } from '@qi/model';
import { totalsByNode } from './rankedResults';

/**
 * For React's useSyncExternalStore on the canvas: calls `listener` when the facilitation map
 * changes (a closed vote's results arrive). Returns unsubscribe.
 */
export function subscribeVoteResults(doc: Y.Doc, listener: () => void): () => void {
  const map = facilitationMap(doc);
  const changed = () => listener();
  map.observe(changed);
  return () => map.unobserve(changed);
}

/** The stored results entry as is: the same object until it changes (a stable store snapshot). */
export function voteResultsEntry(doc: Y.Doc): unknown {
  return facilitationMap(doc).get('voteResults');
}

/** Dots per item of `diagramId` in the last closed vote (empty when its last vote was another's). */
export function voteTotalsFor(doc: Y.Doc, diagramId: string): ReadonlyMap<string, number> {
  const results = readVoteResults(doc);
  return totalsByNode(results?.diagramId === diagramId ? results : null);
}
