import { dotsText } from './ballot';
import type { WorkshopState } from './WorkshopState.svelte';

/**
 * What an item's vote badge says: this person's own dots while a vote on its diagram is open
 * ("your 2 dots"), the total once that diagram's vote has closed ("5 dots"), else ''.
 */
export function voteWords(
  workshop: WorkshopState | null,
  diagramId: string,
  nodeId: string,
): string {
  if (!workshop) return '';
  const { vote, results } = workshop.votes;
  if (vote?.diagramId === diagramId) {
    const mine = workshop.votes.dotsOn(nodeId);
    return mine > 0 ? `your ${dotsText(mine)}` : '';
  }
  if (results?.diagramId !== diagramId) return '';
  const total = results.tallies.find((tally) => tally.nodeId === nodeId)?.total ?? 0;
  return total > 0 ? dotsText(total) : '';
}
