import type { VoteInfo } from '@qi/protocol';

/** The settings of a vote a ballot must respect. */
export type BallotRules = Pick<VoteInfo, 'votesPerPerson' | 'allowStacking'>;

/** Dots this ballot puts on `nodeId`. */
export function dotsOn(ballot: readonly string[], nodeId: string): number {
  return ballot.filter((id) => id === nodeId).length;
}

/** Dots this person has not placed yet. */
export function dotsLeft(ballot: readonly string[], rules: BallotRules): number {
  return Math.max(0, rules.votesPerPerson - ballot.length);
}

/** True when one more dot may go on `nodeId`. */
export function canAddDot(ballot: readonly string[], nodeId: string, rules: BallotRules): boolean {
  if (dotsLeft(ballot, rules) === 0) return false;
  return rules.allowStacking || dotsOn(ballot, nodeId) === 0;
}

/** The ballot with one more dot on `nodeId`, or the same ballot when the rules refuse it. */
export function addDot(ballot: readonly string[], nodeId: string, rules: BallotRules): string[] {
  return canAddDot(ballot, nodeId, rules) ? [...ballot, nodeId] : [...ballot];
}

/** The ballot with one dot fewer on `nodeId` (its last one). */
export function removeDot(ballot: readonly string[], nodeId: string): string[] {
  const index = ballot.lastIndexOf(nodeId);
  return index < 0 ? [...ballot] : [...ballot.slice(0, index), ...ballot.slice(index + 1)];
}

/** Plain words for a count of dots: "1 dot", "3 dots". */
export function dotsText(count: number): string {
  return `${count} ${count === 1 ? 'dot' : 'dots'}`;
}
