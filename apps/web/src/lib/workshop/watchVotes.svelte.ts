import type { WorkshopGetter } from './workshopContext';

/**
 * Calls `listener` whenever the open vote, this person's ballot or its saved state changes, for
 * views outside Svelte (React's useSyncExternalStore on the canvas). Returns the stop function.
 */
export function watchVotes(current: WorkshopGetter, listener: () => void): () => void {
  return $effect.root(() => {
    $effect(() => {
      void votesKey(current);
      listener();
    });
  });
}

/** A string that changes whenever what the canvas draws of the vote changes (a stable snapshot). */
export function votesKey(current: WorkshopGetter): string {
  const votes = current()?.votes;
  if (!votes?.vote) return '';
  return `${votes.vote.id}|${votes.status}|${votes.ballot.join(',')}`;
}
